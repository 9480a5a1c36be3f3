import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { OptionalNotNull } from '../../../core/http/validation';
import type { Room } from '../entities/room.entity';
import { ArchiveFieldDto, ReferenceItemDto } from './reference-item.dto';

export class RoomDto extends ReferenceItemDto {
  @ApiProperty({ example: 'Кабинет 214' })
  name!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 30,
    description: 'Seats; null if unknown.',
  })
  capacity!: number | null;

  static from(item: Room): RoomDto {
    return { ...ReferenceItemDto.base(item), capacity: item.capacity };
  }
}

export class CreateRoomDto {
  @ApiProperty({ example: 'Кабинет 214', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 10000, example: 30 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  capacity?: number | null;
}

export class UpdateRoomDto extends ArchiveFieldDto {
  @ApiPropertyOptional({ example: 'Спортивный зал', maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 10000,
    example: 60,
    description: 'null clears it.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  capacity?: number | null;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsPositive, IsString, Length, Max } from 'class-validator';
import { OptionalNotNull } from '../../../core/http/validation';
import type { MarkType } from '../entities/mark-type.entity';
import { ArchiveFieldDto, ReferenceItemDto } from './reference-item.dto';

const WEIGHT = {
  description: 'Weight in the weighted average of current marks: above 0, at most 10, 2 decimals.',
  minimum: 0,
  exclusiveMinimum: true,
  maximum: 10,
  example: 2,
};

export class MarkTypeDto extends ReferenceItemDto {
  @ApiProperty({ example: 'Контрольная работа' })
  name!: string;

  @ApiProperty({ example: 'К/р' })
  shortName!: string;

  @ApiProperty(WEIGHT)
  weight!: number;

  static from(item: MarkType): MarkTypeDto {
    return {
      ...ReferenceItemDto.base(item),
      shortName: item.shortName,
      weight: Number(item.weight),
    };
  }
}

export class CreateMarkTypeDto {
  @ApiProperty({ example: 'Контрольная работа', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'К/р', maxLength: 50 })
  @IsString()
  @Length(1, 50)
  shortName!: string;

  @ApiProperty(WEIGHT)
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(10)
  weight!: number;
}

export class UpdateMarkTypeDto extends ArchiveFieldDto {
  @ApiPropertyOptional({ example: 'Контрольная работа', maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: 'К/р', maxLength: 50 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 50)
  shortName?: string;

  @ApiPropertyOptional({ ...WEIGHT, example: 2.5 })
  @OptionalNotNull()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(10)
  weight?: number;
}

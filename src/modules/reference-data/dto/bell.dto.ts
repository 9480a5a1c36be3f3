import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, Matches, Max, Min, ValidateNested } from 'class-validator';
import type { Bell } from '../entities/bell.entity';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class BellDto {
  @ApiProperty({ minimum: 0, maximum: 12, example: 1, description: '0 is a «нулевой урок».' })
  @IsInt()
  @Min(0)
  @Max(12)
  lessonNumber!: number;

  @ApiProperty({ pattern: '^\\d{2}:\\d{2}$', example: '08:30', description: 'School local time.' })
  @Matches(TIME, { message: 'startsAt must be a time HH:MM' })
  startsAt!: string;

  @ApiProperty({ pattern: '^\\d{2}:\\d{2}$', example: '09:15' })
  @Matches(TIME, { message: 'endsAt must be a time HH:MM' })
  endsAt!: string;

  static from(bell: Bell): BellDto {
    return {
      lessonNumber: bell.lessonNumber,
      startsAt: bell.startsAt.slice(0, 5),
      endsAt: bell.endsAt.slice(0, 5),
    };
  }
}

export class BellScheduleDto {
  @ApiProperty({
    type: BellDto,
    isArray: true,
    maxItems: 13,
    description: 'Lessons in order; each ends after it starts and before the next one starts.',
  })
  @IsArray()
  @ArrayMaxSize(13)
  @ValidateNested({ each: true })
  @Type(() => BellDto)
  items!: BellDto[];
}

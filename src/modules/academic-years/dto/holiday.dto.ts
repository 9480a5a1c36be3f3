import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import type { Holiday } from '../entities/holiday.entity';
import { IsDateOnly } from '../../../core/http/dates';

export class NewHolidayDto {
  @ApiProperty({ example: 'Осенние каникулы', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ format: 'date', example: '2026-10-25' })
  @IsDateOnly()
  startsOn!: string;

  @ApiProperty({ format: 'date', example: '2026-11-04', description: 'The last day of rest.' })
  @IsDateOnly()
  endsOn!: string;

  @ApiPropertyOptional({
    type: Number,
    isArray: true,
    nullable: true,
    minimum: 1,
    maximum: 11,
    example: [1],
    description: 'Only these grades rest; omitted or null: every grade.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(11, { each: true })
  grades?: number[] | null;
}

export class HolidayDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c11' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c01' })
  academicYearId!: string;

  @ApiProperty({ example: 'Осенние каникулы' })
  name!: string;

  @ApiProperty({ format: 'date', example: '2026-10-25' })
  startsOn!: string;

  @ApiProperty({ format: 'date', example: '2026-11-04' })
  endsOn!: string;

  @ApiProperty({
    type: Number,
    isArray: true,
    nullable: true,
    example: null,
    description: 'null: every grade.',
  })
  grades!: number[] | null;

  static from(holiday: Holiday): HolidayDto {
    return {
      id: holiday.id,
      academicYearId: holiday.academicYearId,
      name: holiday.name,
      startsOn: holiday.startsOn,
      endsOn: holiday.endsOn,
      grades: holiday.grades,
    };
  }
}

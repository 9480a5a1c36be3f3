import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull } from '../../../core/http/validation';
import type { AcademicYear } from '../entities/academic-year.entity';
import { IsDateOnly } from '../../../core/http/dates';
import { HolidayDto, NewHolidayDto } from './holiday.dto';
import { PeriodSchemeDto } from './study-period.dto';

export class NewStudyPeriodDto {
  @ApiProperty({ example: '1 четверть', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ format: 'date', example: '2026-09-01' })
  @IsDateOnly()
  startsOn!: string;

  @ApiProperty({ format: 'date', example: '2026-10-24' })
  @IsDateOnly()
  endsOn!: string;
}

export class NewPeriodSchemeDto {
  @ApiProperty({ example: 'Четверти', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({
    type: Number,
    isArray: true,
    minimum: 1,
    maximum: 11,
    example: [1, 2, 3, 4, 5, 6, 7, 8, 9],
    description: 'The grades that follow this scheme; a grade is in at most one scheme.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(11, { each: true })
  grades!: number[];

  @ApiProperty({
    type: NewStudyPeriodDto,
    isArray: true,
    description: 'In order, not overlapping; their position is their number.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => NewStudyPeriodDto)
  periods!: NewStudyPeriodDto[];
}

export class CreateAcademicYearDto {
  @ApiProperty({ example: '2026/2027', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ format: 'date', example: '2026-09-01' })
  @IsDateOnly()
  startsOn!: string;

  @ApiProperty({ format: 'date', example: '2027-05-31' })
  @IsDateOnly()
  endsOn!: string;

  @ApiPropertyOptional({
    type: NewPeriodSchemeDto,
    isArray: true,
    description:
      'Omitted: «Четверти» for grades 1–9 and «Полугодия» for grades 10–11 with the usual dates.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(11)
  @ValidateNested({ each: true })
  @Type(() => NewPeriodSchemeDto)
  schemes?: NewPeriodSchemeDto[];

  @ApiPropertyOptional({
    type: NewHolidayDto,
    isArray: true,
    description:
      'Omitted: autumn, winter and spring holidays, and the extra February week for grade 1.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => NewHolidayDto)
  holidays?: NewHolidayDto[];
}

export class UpdateAcademicYearDto {
  @ApiPropertyOptional({ example: '2026/2027', maxLength: 100 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 100)
  name?: string;
}

export class AcademicYearSummaryDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c01' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b5a' })
  schoolId!: string;

  @ApiProperty({ example: '2026/2027' })
  name!: string;

  @ApiProperty({ format: 'date', example: '2026-09-01' })
  startsOn!: string;

  @ApiProperty({ format: 'date', example: '2027-05-31' })
  endsOn!: string;

  @ApiProperty({ format: 'date-time', example: '2026-06-20T09:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-06-20T09:00:00.000Z' })
  updatedAt!: string;

  static from(year: AcademicYear): AcademicYearSummaryDto {
    return {
      id: year.id,
      schoolId: year.schoolId,
      name: year.name,
      startsOn: year.startsOn,
      endsOn: year.endsOn,
      createdAt: year.createdAt.toISOString(),
      updatedAt: year.updatedAt.toISOString(),
    };
  }
}

export class AcademicYearListDto {
  @ApiProperty({ type: AcademicYearSummaryDto, isArray: true })
  items!: AcademicYearSummaryDto[];
}

export class AcademicYearDto extends AcademicYearSummaryDto {
  @ApiProperty({ type: PeriodSchemeDto, isArray: true })
  schemes!: PeriodSchemeDto[];

  @ApiProperty({ type: HolidayDto, isArray: true })
  holidays!: HolidayDto[];
}

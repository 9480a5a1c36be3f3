import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { IsDateOnly } from '../../../core/http/dates';
import { REPORT_FORMATS, type ReportFormat } from '../render/formats';
import { REPORT_TYPES, type ParamName, type ReportType } from '../report-types/report-type-names';

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * What a report is about. Each type takes some of these (`docs/reports.md`, and the
 * description of `POST /v1/reports`); a parameter a type does not take is refused.
 */
export class ReportParamsDto implements Partial<Record<ParamName, string | boolean>> {
  @ApiPropertyOptional({ format: 'uuid', example: '01936f0e-7c1a-7d3e-9a51-2f4b8c0d1e20' })
  @IsOptional()
  @IsUUID()
  classId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A school-wide report of a caller in several schools names the school.',
    example: '01936f0e-7c1a-7d3e-9a51-2f4b8c0d1e21',
  })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A student card (the progress report for parents).',
    example: '01936f0e-7c1a-7d3e-9a51-2f4b8c0d1e24',
  })
  @IsOptional()
  @IsUUID()
  studentId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A study period (четверть, полугодие) of the class’s grade.',
    example: '01936f0e-7c1a-7d3e-9a51-2f4b8c0d1e22',
  })
  @IsOptional()
  @IsUUID()
  studyPeriodId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'An academic year of the school; by default the class’s own year.',
    example: '01936f0e-7c1a-7d3e-9a51-2f4b8c0d1e23',
  })
  @IsOptional()
  @IsUUID()
  academicYearId?: string;

  @ApiPropertyOptional({ description: 'A calendar month, `YYYY-MM`.', example: '2026-10' })
  @IsOptional()
  @Matches(MONTH, { message: 'month must be a month YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({
    description: 'Any day of a week (Monday to Sunday): the week covered.',
    example: '2026-11-23',
  })
  @IsOptional()
  @IsDateOnly()
  week?: string;

  @ApiPropertyOptional({ description: 'First day covered (included).', example: '2026-09-01' })
  @IsOptional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({ description: 'Last day covered (included).', example: '2026-10-24' })
  @IsOptional()
  @IsDateOnly()
  to?: string;

  @ApiPropertyOptional({
    description:
      'Printed journal only: print a draft of a period not yet closed, every page stamped «Черновик». Without it an open period is refused (409 `report.period_not_closed`).',
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  draft?: boolean;
}

export class RequestReportDto {
  @ApiProperty({ enum: REPORT_TYPES, example: 'attendance-by-month' })
  @IsIn(REPORT_TYPES)
  type!: ReportType;

  @ApiProperty({ enum: REPORT_FORMATS, example: 'pdf' })
  @IsIn(REPORT_FORMATS)
  format!: ReportFormat;

  @ApiProperty({
    type: ReportParamsDto,
    example: { classId: '01936f0e-7c1a-7d3e-9a51-2f4b8c0d1e20', month: '2026-10' },
  })
  @ValidateNested()
  @Type(() => ReportParamsDto)
  params!: ReportParamsDto;
}

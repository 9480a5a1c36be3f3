import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { OptionalNotNull } from '../../../core/http/validation';
import type { PeriodScheme } from '../entities/period-scheme.entity';
import type { StudyPeriod } from '../entities/study-period.entity';
import { IsDateOnly } from '../../../core/http/dates';

export class StudyPeriodDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c21' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c01' })
  academicYearId!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c02' })
  schemeId!: string;

  @ApiProperty({ example: 1, description: 'Position in its scheme, from 1.' })
  ordinal!: number;

  @ApiProperty({ example: '1 четверть' })
  name!: string;

  @ApiProperty({ format: 'date', example: '2026-09-01' })
  startsOn!: string;

  @ApiProperty({ format: 'date', example: '2026-10-24' })
  endsOn!: string;

  @ApiProperty({
    description: 'Closed: marks and absences of its dates are locked.',
    example: false,
  })
  closed!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  closedAt!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null })
  closedBy!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Why the period was last closed or reopened.',
  })
  stateReason!: string | null;

  static from(period: StudyPeriod): StudyPeriodDto {
    return {
      id: period.id,
      academicYearId: period.academicYearId,
      schemeId: period.schemeId,
      ordinal: period.ordinal,
      name: period.name,
      startsOn: period.startsOn,
      endsOn: period.endsOn,
      closed: period.closedAt !== null,
      closedAt: period.closedAt?.toISOString() ?? null,
      closedBy: period.closedBy,
      stateReason: period.stateReason,
    };
  }
}

export class PeriodSchemeDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c02' })
  id!: string;

  @ApiProperty({ example: 'Четверти' })
  name!: string;

  @ApiProperty({ type: Number, isArray: true, example: [1, 2, 3, 4, 5, 6, 7, 8, 9] })
  grades!: number[];

  @ApiProperty({ type: StudyPeriodDto, isArray: true })
  periods!: StudyPeriodDto[];

  static from(scheme: PeriodScheme, periods: StudyPeriod[]): PeriodSchemeDto {
    return {
      id: scheme.id,
      name: scheme.name,
      grades: [...scheme.grades].sort((a, b) => a - b),
      periods: periods.map(StudyPeriodDto.from),
    };
  }
}

export class UpdateStudyPeriodDto {
  @ApiPropertyOptional({ example: '1 четверть', maxLength: 100 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-09-01' })
  @OptionalNotNull()
  @IsDateOnly()
  startsOn?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-10-24' })
  @OptionalNotNull()
  @IsDateOnly()
  endsOn?: string;
}

export class CloseStudyPeriodDto {
  @ApiPropertyOptional({ example: 'Итоговые отметки за 1 четверть выставлены', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(3, 500)
  reason?: string;
}

export class ReopenStudyPeriodDto {
  @ApiProperty({
    example: 'Исправление отметки по заявлению родителя от 02.11.2026',
    minLength: 3,
    maxLength: 500,
  })
  @IsString()
  @Length(3, 500)
  reason!: string;
}

export class StudyPeriodListDto {
  @ApiProperty({ type: StudyPeriodDto, isArray: true })
  items!: StudyPeriodDto[];
}

export class FindStudyPeriodsQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 11,
    example: 7,
    description: 'Periods of this grade.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(11)
  grade?: number;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-11-20',
    description: 'Periods that include this date.',
  })
  @IsOptional()
  @IsDateOnly()
  on?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Periods of this academic year.' })
  @IsOptional()
  @IsUUID()
  academicYearId?: string;
}

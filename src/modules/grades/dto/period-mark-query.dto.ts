import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PERIOD_MARK_KINDS, type PeriodMarkKind } from '../entities/period-mark.entity';
import { KIND_DOC } from './period-mark.dto';

export class PeriodMarksQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only this subject’s marks.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b61',
  })
  @IsOptional()
  @IsUUID()
  subjectId?: string;

  @ApiPropertyOptional({ ...KIND_DOC, description: 'Only marks of this kind.' })
  @IsOptional()
  @IsIn(PERIOD_MARK_KINDS)
  kind?: PeriodMarkKind;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only the marks of this quarter or half-year.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4a11',
  })
  @IsOptional()
  @IsUUID()
  studyPeriodId?: string;
}

export const SUGGESTION_KINDS = ['period', 'year'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

export class PeriodMarkSuggestionsQueryDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The subject to suggest marks in.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b61',
  })
  @IsUUID()
  subjectId!: string;

  @ApiPropertyOptional({
    enum: SUGGESTION_KINDS,
    default: 'period',
    description:
      '`period`: from the current marks of the study period’s lessons (weighted); `year`: from the period marks of the class’s year (plain average of those with a score).',
    example: 'period',
  })
  @IsOptional()
  @IsIn(SUGGESTION_KINDS)
  kind?: SuggestionKind;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Required for `kind=period`: a quarter or half-year of the class’s grade in the class’s year; not allowed for `kind=year`.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4a11',
  })
  @IsOptional()
  @IsUUID()
  studyPeriodId?: string;
}

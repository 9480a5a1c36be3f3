import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsDateOnly } from '../../../core/http/dates';
import { MAX_RANGE_DAYS } from '../lesson-dates';

/** A span of dates to list lessons of, at most `MAX_RANGE_DAYS` days, both ends included. */
export class LessonRangeQueryDto {
  @ApiPropertyOptional({
    format: 'date',
    description: 'First date (included).',
    example: '2026-11-23',
  })
  @IsOptional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: `Last date (included); at most ${MAX_RANGE_DAYS} days from \`from\`.`,
    example: '2026-11-29',
  })
  @IsOptional()
  @IsDateOnly()
  to?: string;
}

export class ClassLessonsQueryDto extends LessonRangeQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only lessons of this subject.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b61',
  })
  @IsOptional()
  @IsUUID()
  subjectId?: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsDateOnly } from '../../../core/http/dates';
import { NOT_BLANK } from '../../../core/http/validation';

export const TOPIC_MAX = 500;
export const TEXT_MAX = 4000;

/**
 * What the teacher records in a lesson (J1). Every field may be left out (kept as it is) or
 * set to null (cleared).
 */
export class RecordLessonDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: TOPIC_MAX,
    description:
      'Required when the lesson type is a control, practical or laboratory work or an excursion: such works are named in the journal. Left out with `planTopicId` given, it becomes the plan topic’s title.',
    example: 'Лабораторная работа № 2 «Измерение массы тела»',
  })
  @IsOptional()
  @IsString()
  @Length(1, TOPIC_MAX)
  @Matches(NOT_BLANK, { message: 'topic must not be blank' })
  topic?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'A lesson type of the school that is not archived.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e81',
  })
  @IsOptional()
  @IsUUID()
  lessonTypeId?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'A topic of the thematic plan of this lesson’s class, subject and subgroup: the lesson delivers it.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4ea1',
  })
  @IsOptional()
  @IsUUID()
  planTopicId?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: TEXT_MAX,
    description: 'What was done in the lesson, briefly.',
    example: 'Взвешивание тел на рычажных весах.',
  })
  @IsOptional()
  @IsString()
  @Length(1, TEXT_MAX)
  content?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: TEXT_MAX,
    description: 'The homework set in this lesson; null clears it together with its due date.',
    example: '§ 12, упр. 3–5',
  })
  @IsOptional()
  @IsString()
  @Length(1, TEXT_MAX)
  @Matches(NOT_BLANK, { message: 'homework must not be blank' })
  homework?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description:
      'When the homework is due, not before the lesson. Left out, a new homework is due on the date of the next scheduled lesson of the same class, subject and subgroup (none: no due date); null: no due date.',
    example: '2026-11-25',
  })
  @IsOptional()
  @IsDateOnly()
  homeworkDueOn?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: TEXT_MAX,
    description: 'The teacher’s notes: staff see them, students and parents do not.',
    example: 'Повторить единицы массы.',
  })
  @IsOptional()
  @IsString()
  @Length(1, TEXT_MAX)
  notes?: string | null;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  COMMENT_MAX,
  OptionalNotNull,
  trimmed,
  trimmedOrNull,
} from '../../../core/http/validation';

export const MAX_LESSON_MARKS = 200;
const VALUE_MAX = 20;

const VALUE_DOC = {
  description:
    'A value of the subject’s grading scale (its own, else the school’s default): «5»…«1» on the five-point scale, «зач» / «незач» on pass/fail. Surrounding spaces are ignored.',
  maxLength: VALUE_MAX,
  example: '5',
};
const MARK_TYPE_DOC = {
  format: 'uuid',
  description: 'A mark type of the school that is not archived (what the mark is given for).',
  example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4f11',
};
const COMMENT_DOC = {
  type: String,
  nullable: true,
  maxLength: COMMENT_MAX,
  description: 'Shown with the mark in the diary; blank is no comment.',
  example: 'Ошибка в задаче № 3',
};
const STUDENT_DOC = {
  format: 'uuid',
  description:
    'A student of the lesson’s class on the lesson’s date (and of its subgroup, when the lesson is for one).',
  example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4d01',
};

/** One mark given in a lesson. */
export class CreateMarkDto {
  @ApiProperty(STUDENT_DOC)
  @IsUUID()
  studentId!: string;

  @ApiProperty(MARK_TYPE_DOC)
  @IsUUID()
  markTypeId!: string;

  @ApiProperty(VALUE_DOC)
  @Transform(trimmed)
  @IsString()
  @Length(1, VALUE_MAX)
  value!: string;

  @ApiPropertyOptional(COMMENT_DOC)
  @Transform(trimmedOrNull)
  @IsOptional()
  @IsString()
  @MaxLength(COMMENT_MAX)
  comment?: string | null;
}

/** One mark of a whole-lesson write: with `id` an existing mark, without one matched or new. */
export class LessonMarkItemDto extends CreateMarkDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'An existing mark of this lesson (of the same student) to keep or change. Without it, the item takes over a mark of the same student and mark type not matched otherwise, or is a new mark.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4f21',
  })
  @IsOptional()
  @IsUUID()
  id?: string;
}

/** Every mark of a lesson: what the journal's column should hold after the write. */
export class SaveLessonMarksDto {
  @ApiProperty({
    type: LessonMarkItemDto,
    isArray: true,
    maxItems: MAX_LESSON_MARKS,
    description:
      'The lesson’s marks after the write, at most 200. Existing marks not in the list are deleted; an empty list deletes them all.',
  })
  @IsArray()
  @ArrayMaxSize(MAX_LESSON_MARKS)
  @ValidateNested({ each: true })
  @Type(() => LessonMarkItemDto)
  marks!: LessonMarkItemDto[];
}

/** Changes to one mark; fields left out are kept. */
export class UpdateMarkDto {
  @ApiPropertyOptional(VALUE_DOC)
  @Transform(trimmed)
  @OptionalNotNull()
  @IsString()
  @Length(1, VALUE_MAX)
  value?: string;

  @ApiPropertyOptional(MARK_TYPE_DOC)
  @OptionalNotNull()
  @IsUUID()
  markTypeId?: string;

  @ApiPropertyOptional({ ...COMMENT_DOC, description: 'Null (or blank) clears it.' })
  @Transform(trimmedOrNull)
  @IsOptional()
  @IsString()
  @MaxLength(COMMENT_MAX)
  comment?: string | null;
}

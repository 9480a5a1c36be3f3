import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { OptionalNotNull } from '../../../core/http/validation';
import type { Subject } from '../entities/subject.entity';
import { LESSON_KINDS, type LessonKind, type LessonType } from '../entities/lesson-type.entity';
import { ArchiveFieldDto, ReferenceItemDto } from './reference-item.dto';

const GRADING_SCALE_ID = {
  type: String,
  format: 'uuid',
  nullable: true,
  description:
    'The grading scale the subject is marked on (an active scale of the same school, e.g. pass/fail for ОРКСЭ); null: the school’s default scale.',
  example: null,
};

export class SubjectDto extends ReferenceItemDto {
  @ApiProperty({ example: 'Русский язык' })
  name!: string;

  @ApiProperty({
    example: 'Рус. яз.',
    description: 'As printed in timetables and journal headers.',
  })
  shortName!: string;

  @ApiProperty(GRADING_SCALE_ID)
  gradingScaleId!: string | null;

  static from(item: Subject): SubjectDto {
    return {
      ...ReferenceItemDto.base(item),
      shortName: item.shortName,
      gradingScaleId: item.gradingScaleId,
    };
  }
}

export class CreateSubjectDto {
  @ApiProperty({ example: 'Русский язык', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'Рус. яз.', maxLength: 50 })
  @IsString()
  @Length(1, 50)
  shortName!: string;

  @ApiPropertyOptional({
    ...GRADING_SCALE_ID,
    default: null,
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b70',
  })
  @IsOptional()
  @IsUUID()
  gradingScaleId?: string | null;
}

export class UpdateSubjectDto extends ArchiveFieldDto {
  @ApiPropertyOptional({ example: 'Русский язык', maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: 'Рус. яз.', maxLength: 50 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 50)
  shortName?: string;

  @ApiPropertyOptional({ ...GRADING_SCALE_ID, example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b70' })
  @IsOptional()
  @IsUUID()
  gradingScaleId?: string | null;
}

const KIND = {
  enum: LESSON_KINDS,
  description:
    'What the type counts as: `control`, `practical` and `laboratory` works and `excursion`s must be named as such in a lesson’s topic (J1); every other type is a `lesson`.',
  example: 'laboratory',
};

export class LessonTypeDto extends ReferenceItemDto {
  @ApiProperty({ example: 'Комбинированный урок' })
  name!: string;

  @ApiProperty(KIND)
  kind!: LessonKind;

  static from(item: LessonType): LessonTypeDto {
    return { ...ReferenceItemDto.base(item), kind: item.kind };
  }
}

export class CreateLessonTypeDto {
  @ApiProperty({ example: 'Урок-экскурсия', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ ...KIND, default: 'lesson', example: 'excursion' })
  @OptionalNotNull()
  @IsIn(LESSON_KINDS)
  kind?: LessonKind;
}

export class UpdateLessonTypeDto extends ArchiveFieldDto {
  @ApiPropertyOptional({ example: 'Экскурсия', maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ ...KIND, example: 'excursion' })
  @OptionalNotNull()
  @IsIn(LESSON_KINDS)
  kind?: LessonKind;
} /** A subject where other resources name it: its id and name. */
export class ClassSubjectDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4d01' })
  id!: string;

  @ApiProperty({ example: 'Английский язык' })
  name!: string;
}

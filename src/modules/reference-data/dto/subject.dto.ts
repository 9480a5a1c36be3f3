import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { OptionalNotNull } from '../../../core/http/validation';
import type { Subject } from '../entities/subject.entity';
import { LESSON_KINDS, type LessonKind, type LessonType } from '../entities/lesson-type.entity';
import { ArchiveFieldDto, ReferenceItemDto } from './reference-item.dto';

export class SubjectDto extends ReferenceItemDto {
  @ApiProperty({ example: 'Русский язык' })
  name!: string;

  @ApiProperty({
    example: 'Рус. яз.',
    description: 'As printed in timetables and journal headers.',
  })
  shortName!: string;

  static from(item: Subject): SubjectDto {
    return { ...ReferenceItemDto.base(item), shortName: item.shortName };
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
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PERIOD_MARK_KINDS, type PeriodMarkKind } from '../entities/period-mark.entity';
import { EXEMPT, NOT_ATTESTED } from '../../reference-data/entities/grading-scale.entity';
import { KIND_DOC } from './period-mark.dto';
import { COMMENT_MAX, trimmed, trimmedOrNull } from '../../../core/http/validation';

export const MAX_PERIOD_MARKS = 100;
const VALUE_MAX = 20;

/** One student's mark in a write; `value: null` deletes it. */
export class PeriodMarkItemDto {
  @ApiProperty({
    format: 'uuid',
    description:
      'A student enrolled in the class at some time of the study period (of the academic year for the other kinds).',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4d01',
  })
  @IsUUID()
  studentId!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: VALUE_MAX,
    description: `A value of the subject’s grading scale (its own, else the school’s default), «${NOT_ATTESTED}» (not attested) or «${EXEMPT}» (exempt); null deletes the student’s mark. Surrounding spaces are ignored.`,
    example: '4',
  })
  @Transform(trimmed)
  @ValidateIf((_object, value) => value !== null)
  @IsString()
  @Length(1, VALUE_MAX)
  value!: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: COMMENT_MAX,
    description: 'Left out, null or blank: no comment (the mark is replaced as a whole).',
    example: 'Пропустил контрольную работу',
  })
  @Transform(trimmedOrNull)
  @IsOptional()
  @IsString()
  @MaxLength(COMMENT_MAX)
  comment?: string | null;
}

/** Period marks of some students of a class in one subject, kind and period. */
export class SavePeriodMarksDto {
  @ApiProperty({
    format: 'uuid',
    description: 'A subject of the class’s school.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b61',
  })
  @IsUUID()
  subjectId!: string;

  @ApiProperty(KIND_DOC)
  @IsIn(PERIOD_MARK_KINDS)
  kind!: PeriodMarkKind;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Required for `kind: period` (a quarter or half-year of the class’s grade in the class’s year), not allowed for the other kinds.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4a11',
  })
  @IsOptional()
  @IsUUID()
  studyPeriodId?: string;

  @ApiProperty({
    type: PeriodMarkItemDto,
    isArray: true,
    minItems: 1,
    maxItems: MAX_PERIOD_MARKS,
    description: `The students whose marks change, each once, at most ${MAX_PERIOD_MARKS}; students left out keep their marks.`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PERIOD_MARKS)
  @ValidateNested({ each: true })
  @Type(() => PeriodMarkItemDto)
  marks!: PeriodMarkItemDto[];
}

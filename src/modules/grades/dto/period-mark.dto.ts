import { ApiProperty } from '@nestjs/swagger';
import {
  PERIOD_MARK_KINDS,
  type PeriodMark,
  type PeriodMarkKind,
} from '../entities/period-mark.entity';
import { EXEMPT, NOT_ATTESTED } from '../../reference-data/entities/grading-scale.entity';

export const KIND_DOC = {
  enum: PERIOD_MARK_KINDS,
  description:
    '`period`: a quarter or half-year (with `studyPeriodId`); `year`, `exam`, `final`: of the academic year.',
  example: 'period',
};

/** A period, year, exam or final mark (J4). */
export class PeriodMarkDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4f81' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4d01' })
  studentId!: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The class the student was in when the mark was given.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c01',
  })
  schoolClassId!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b61' })
  subjectId!: string;

  @ApiProperty(KIND_DOC)
  kind!: PeriodMarkKind;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The quarter or half-year of a `period` mark; null for the other kinds.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4a11',
  })
  studyPeriodId!: string | null;

  @ApiProperty({
    description: `A value of the subject’s grading scale, or «${NOT_ATTESTED}» (not attested) or «${EXEMPT}» (exempt).`,
    example: '4',
  })
  value!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: `What the value counts for (in the year mark’s suggestion); null for «${NOT_ATTESTED}», «${EXEMPT}» and values without a score.`,
    example: 4,
  })
  score!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'Пропустил контрольную работу' })
  comment!: string | null;

  @ApiProperty({
    format: 'uuid',
    description: 'The account that gave (last changed) the mark.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e01',
  })
  givenBy!: string;

  @ApiProperty({ format: 'date-time', example: '2026-10-23T10:15:00.000Z' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-10-23T10:15:00.000Z' })
  updatedAt!: string;

  static from(mark: PeriodMark): PeriodMarkDto {
    return {
      id: mark.id,
      studentId: mark.studentId,
      schoolClassId: mark.schoolClassId,
      subjectId: mark.subjectId,
      kind: mark.kind,
      studyPeriodId: mark.studyPeriodId,
      value: mark.value,
      score: mark.score === null ? null : Number(mark.score),
      comment: mark.comment,
      givenBy: mark.givenBy,
      createdAt: mark.createdAt.toISOString(),
      updatedAt: mark.updatedAt.toISOString(),
    };
  }
}

export class PeriodMarkListDto {
  @ApiProperty({ type: PeriodMarkDto, isArray: true })
  items!: PeriodMarkDto[];
}

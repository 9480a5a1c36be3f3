import { ApiProperty } from '@nestjs/swagger';

export class MarkTypeRefDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4f11' })
  id!: string;

  @ApiProperty({ example: 'Контрольная работа' })
  name!: string;

  @ApiProperty({ example: 'К/р' })
  shortName!: string;

  @ApiProperty({
    description: 'Weight of the mark in the weighted average of current marks.',
    example: 2,
  })
  weight!: number;
}

/** What a mark is built from: a mark row with its mark type. */
export interface MarkSource {
  id: string;
  lessonId: string;
  studentId: string;
  value: string;
  /** Decimal as stored (string) or already a number. */
  score: string | number | null;
  markTypeId: string;
  markTypeName: string;
  markTypeShortName: string;
  markTypeWeight: string | number;
  comment: string | null;
  dueOn: string | null;
  late: boolean;
  givenBy: string;
  /** A Date, or already as ISO 8601 in UTC with milliseconds. */
  createdAt: Date | string;
  updatedAt: Date | string;
}

const iso = (time: Date | string) => (typeof time === 'string' ? time : time.toISOString());

/** A current mark (J3): one student, one lesson, a value on the subject's scale. */
export class MarkDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4f21' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e91' })
  lessonId!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4d01' })
  studentId!: string;

  @ApiProperty({
    description: 'As written on the subject’s grading scale: «5»…«1», «зач», «незач».',
    example: '5',
  })
  value!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'What the value counts for in averages; null when it does not count (pass/fail).',
    example: 5,
  })
  score!: number | null;

  @ApiProperty({ type: MarkTypeRefDto, description: 'What the mark was given for.' })
  markType!: MarkTypeRefDto;

  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 500,
    example: 'Ошибка в задаче № 3',
  })
  comment!: string | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description:
      'For work that takes long to check (dictation, test, control work): the lesson’s date plus the mark type’s term; null otherwise.',
    example: '2026-11-12',
  })
  dueOn!: string | null;

  @ApiProperty({
    description:
      'The mark was given after `dueOn` (decided, in the school’s time zone, when the mark was first given).',
    example: false,
  })
  late!: boolean;

  @ApiProperty({
    format: 'uuid',
    description: 'The account that gave the mark.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4a01',
  })
  givenBy!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-09T08:45:00.000Z' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-09T08:45:00.000Z' })
  updatedAt!: string;

  static from(source: MarkSource): MarkDto {
    return {
      id: source.id,
      lessonId: source.lessonId,
      studentId: source.studentId,
      value: source.value,
      score: source.score === null ? null : Number(source.score),
      markType: {
        id: source.markTypeId,
        name: source.markTypeName,
        shortName: source.markTypeShortName,
        weight: Number(source.markTypeWeight),
      },
      comment: source.comment,
      dueOn: source.dueOn,
      late: source.late,
      givenBy: source.givenBy,
      createdAt: iso(source.createdAt),
      updatedAt: iso(source.updatedAt),
    };
  }
}

export class MarkListDto {
  @ApiProperty({
    type: [MarkDto],
    description: 'Ordered by student (by name), then by when the mark was given.',
  })
  items!: MarkDto[];
}

import { ApiProperty } from '@nestjs/swagger';
import type { AbsenceReason } from '../../reference-data/entities/absence-reason.entity';
import type { AttendanceEntry } from '../entities/attendance-entry.entity';

export class AbsenceReasonRefDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4f11' })
  id!: string;

  @ApiProperty({
    description: 'The letter written in the journal: Б ill, У excused, Н unexcused, О late.',
    example: 'Б',
  })
  code!: string;

  @ApiProperty({ example: 'Болезнь' })
  name!: string;

  @ApiProperty({ description: 'Whether the absence counts as excused.', example: true })
  excused!: boolean;

  static from(reason: AbsenceReason): AbsenceReasonRefDto {
    return { id: reason.id, code: reason.code, name: reason.name, excused: reason.excused };
  }
}

/** An absence or a late arrival of one student in one lesson (J2). */
export class AttendanceDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c5a01' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e91' })
  lessonId!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b21' })
  studentId!: string;

  @ApiProperty({ type: AbsenceReasonRefDto })
  reason!: AbsenceReasonRefDto;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 240,
    description: 'For a late arrival (О): by how many minutes; null otherwise or when not given.',
    example: null,
  })
  minutesLate!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'Справка из поликлиники № 3' })
  comment!: string | null;

  @ApiProperty({
    format: 'uuid',
    description: 'The account that last recorded it.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4a31',
  })
  recordedBy!: string;

  @ApiProperty({ format: 'date-time', example: '2026-09-07T06:10:00.000Z' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-09-07T06:10:00.000Z' })
  updatedAt!: string;

  static from(entry: AttendanceEntry, reason: AbsenceReason): AttendanceDto {
    return {
      id: entry.id,
      lessonId: entry.lessonId,
      studentId: entry.studentId,
      reason: AbsenceReasonRefDto.from(reason),
      minutesLate: entry.minutesLate,
      comment: entry.comment,
      recordedBy: entry.recordedBy,
      createdAt: entry.createdAt.toISOString(),
      updatedAt: entry.updatedAt.toISOString(),
    };
  }
}

/** A lesson's attendance as far as the caller may read it. */
export class LessonAttendanceDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e91' })
  lessonId!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'When attendance of the whole lesson was last taken; null: not taken yet (no entries then does not mean everyone was present).',
    example: '2026-09-07T06:10:00.000Z',
  })
  takenAt!: string | null;

  @ApiProperty({
    type: [AttendanceDto],
    description:
      'Absences and late arrivals the caller may read, in the order of the class list; a student without an entry was present. Staff of the class see all, a student their own, a parent their children’s.',
  })
  items!: AttendanceDto[];
}

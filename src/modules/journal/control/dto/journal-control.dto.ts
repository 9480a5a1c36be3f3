import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import {
  JournalClassRefDto,
  JournalMarkTypeShortDto,
  JournalPersonRefDto,
  JournalSubjectNameDto,
} from '../../dto/journal-refs.dto';

export const DEFAULT_WITHOUT_MARKS_FOR = 3;
export const MAX_WITHOUT_MARKS_FOR = 20;

/** The query of the school-wide summary: which period, and how many lessons flag a student. */
export class SchoolJournalControlQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The study period to check. By default each class’s own current period (the one containing today for its grade, else the latest before today).',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c6a01',
  })
  @IsOptional()
  @IsUUID()
  studyPeriodId?: string;

  @ApiPropertyOptional({
    description:
      'A student is flagged after this many of their latest taken lessons of a subject without a mark.',
    minimum: 1,
    maximum: MAX_WITHOUT_MARKS_FOR,
    default: DEFAULT_WITHOUT_MARKS_FOR,
    example: 3,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_WITHOUT_MARKS_FOR)
  withoutMarksFor: number = DEFAULT_WITHOUT_MARKS_FOR;
}

export class JournalControlQueryDto extends SchoolJournalControlQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only this subject; every subject of the class when left out.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4d01',
  })
  @IsOptional()
  @IsUUID()
  subjectId?: string;
}

export class JournalControlPeriodDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c6a01' })
  id!: string;

  @ApiProperty({ example: '2 четверть' })
  name!: string;

  @ApiProperty({ format: 'date', example: '2026-11-05' })
  startsOn!: string;

  @ApiProperty({ format: 'date', example: '2026-12-28' })
  endsOn!: string;
}

/** «Накопляемость»: a student whose latest lessons of a subject have gone without a mark. */
export class StudentWithoutMarksDto {
  @ApiProperty({ type: JournalPersonRefDto })
  student!: JournalPersonRefDto;

  @ApiProperty({ type: JournalSubjectNameDto })
  subject!: JournalSubjectNameDto;

  @ApiProperty({
    description:
      'Taken lessons of the subject in the period since the student’s last mark (all of them when there is none).',
    example: 4,
  })
  lessonsWithoutMark!: number;

  @ApiProperty({
    format: 'date',
    type: String,
    nullable: true,
    description: 'Date of the lesson of the student’s last mark in the subject in the period.',
    example: '2026-11-09',
  })
  lastMarkOn!: string | null;
}

/** A past lesson whose teacher has not recorded its topic or its attendance. */
export class UnrecordedLessonDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e91' })
  lessonId!: string;

  @ApiProperty({ format: 'date', example: '2026-11-17' })
  date!: string;

  @ApiProperty({ minimum: 0, maximum: 12, example: 3 })
  lessonNumber!: number;

  @ApiProperty({ type: JournalSubjectNameDto })
  subject!: JournalSubjectNameDto;

  @ApiProperty({
    type: JournalPersonRefDto,
    description: 'Who records the lesson: its substitute when one is set, else its teacher.',
  })
  teacher!: JournalPersonRefDto;
}

/** A mark of work that takes long to check, given after its term (seed 004). */
export class LateMarkDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c5d01' })
  markId!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e91' })
  lessonId!: string;

  @ApiProperty({ format: 'date', description: 'The date of the lesson.', example: '2026-11-10' })
  date!: string;

  @ApiProperty({ type: JournalPersonRefDto })
  student!: JournalPersonRefDto;

  @ApiProperty({ type: JournalSubjectNameDto })
  subject!: JournalSubjectNameDto;

  @ApiProperty({ type: JournalMarkTypeShortDto })
  markType!: JournalMarkTypeShortDto;

  @ApiProperty({ example: '4' })
  value!: string;

  @ApiProperty({
    type: JournalPersonRefDto,
    description: 'Who records the lesson: its substitute when one is set, else its teacher.',
  })
  teacher!: JournalPersonRefDto;

  @ApiProperty({
    format: 'date',
    type: String,
    nullable: true,
    description: 'By when the mark was due.',
    example: '2026-11-13',
  })
  dueOn!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-16T07:12:00.000Z' })
  givenAt!: string;
}

/** J11: where a student stands in a subject, and the period mark the marks so far suggest. */
export class MarkForecastDto {
  @ApiProperty({ type: JournalPersonRefDto })
  student!: JournalPersonRefDto;

  @ApiProperty({ type: JournalSubjectNameDto })
  subject!: JournalSubjectNameDto;

  @ApiProperty({ description: 'Marks of the student in the subject in the period.', example: 6 })
  marksCount!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Σ(score × weight of the mark type) / Σ weight over the marks with a score, rounded to 2 decimals; null without such marks.',
    example: 4.43,
  })
  weightedAverage!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The value of the subject’s grading scale nearest to the weighted average (ties upward: on the five-point scale the average rounded half up); null without an average or on a scale without scores.',
    example: '4',
  })
  forecast!: string | null;
}

/** Journal-keeping control of one class for one period (J6, J11). */
export class ClassJournalControlDto {
  @ApiProperty({ type: JournalControlPeriodDto })
  period!: JournalControlPeriodDto;

  @ApiProperty({ type: [StudentWithoutMarksDto] })
  studentsWithoutMarks!: StudentWithoutMarksDto[];

  @ApiProperty({ type: [UnrecordedLessonDto] })
  lessonsWithoutTopic!: UnrecordedLessonDto[];

  @ApiProperty({ type: [UnrecordedLessonDto] })
  lessonsWithoutAttendance!: UnrecordedLessonDto[];

  @ApiProperty({ type: [LateMarkDto] })
  lateMarks!: LateMarkDto[];

  @ApiProperty({ type: [MarkForecastDto] })
  forecast!: MarkForecastDto[];
}

/** The control figures of one class, for the deputy's overview. */
export class ClassJournalControlSummaryDto {
  @ApiProperty({ type: JournalClassRefDto })
  schoolClass!: JournalClassRefDto;

  @ApiProperty({ type: JournalControlPeriodDto })
  period!: JournalControlPeriodDto;

  @ApiProperty({ description: 'Past lessons without a topic.', example: 2 })
  lessonsWithoutTopic!: number;

  @ApiProperty({ description: 'Past lessons whose attendance was not taken.', example: 1 })
  lessonsWithoutAttendance!: number;

  @ApiProperty({ description: 'Marks given after their term.', example: 0 })
  lateMarks!: number;

  @ApiProperty({
    description: 'Students flagged without marks in at least one subject (each counted once).',
    example: 3,
  })
  studentsWithoutMarks!: number;
}

export class SchoolJournalControlDto {
  @ApiProperty({ type: [ClassJournalControlSummaryDto], description: 'By grade and letter.' })
  items!: ClassJournalControlSummaryDto[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { LessonTypeRefDto } from '../../../lessons/dto/lesson.dto';
import { LESSON_STATUSES, type LessonStatus } from '../../../lessons/entities/lesson.entity';
import { JournalClassRefDto } from '../../dto/journal-refs.dto';

export class JournalGridQueryDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The subject of the grid.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b61',
  })
  @IsUUID()
  subjectId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'A study period of the class’s grade in its year. By default the one running today (in the school’s time zone), else the latest one before today.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4d11',
  })
  @IsOptional()
  @IsUUID()
  studyPeriodId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'A subgroup of the class for this subject: only its members, its lessons and the whole-class lessons.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4d21',
  })
  @IsOptional()
  @IsUUID()
  subgroupId?: string;
}

export class JournalSubjectRefDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b61' })
  id!: string;

  @ApiProperty({ example: 'Математика' })
  name!: string;

  @ApiProperty({ example: 'Матем.' })
  shortName!: string;
}

export class JournalPeriodRefDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4d11' })
  id!: string;

  @ApiProperty({ example: '2 четверть' })
  name!: string;

  @ApiProperty({ format: 'date', example: '2026-11-05' })
  startsOn!: string;

  @ApiProperty({ format: 'date', example: '2026-12-28' })
  endsOn!: string;

  @ApiProperty({
    description: 'A closed period’s marks and absences are locked (J5).',
    example: false,
  })
  closed!: boolean;
}

export class JournalSubgroupRefDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4d21' })
  id!: string;

  @ApiProperty({ example: 'Английский язык, 1 группа' })
  name!: string;
}

/** A column of the grid. */
export class JournalLessonDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e91' })
  id!: string;

  @ApiProperty({ format: 'date', example: '2026-11-23' })
  date!: string;

  @ApiProperty({ minimum: 0, maximum: 12, example: 2 })
  lessonNumber!: number;

  @ApiProperty({ type: String, nullable: true, example: 'Сложение дробей с разными знаменателями' })
  topic!: string | null;

  @ApiProperty({ type: LessonTypeRefDto, nullable: true })
  lessonType!: LessonTypeRefDto | null;

  @ApiProperty({ type: String, nullable: true, example: '§ 12, № 345–347' })
  homework!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-11-25' })
  homeworkDueOn!: string | null;

  @ApiProperty({ enum: LESSON_STATUSES, example: 'scheduled' })
  status!: LessonStatus;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The subgroup the lesson is for; null: the whole class.',
    example: null,
  })
  subgroupId!: string | null;

  @ApiProperty({
    description:
      'Whether attendance was taken: a student without an absence in a lesson with attendance taken was present.',
    example: true,
  })
  attendanceTaken!: boolean;
}

export class JournalMarkTypeRefDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4f01' })
  id!: string;

  @ApiProperty({ example: 'к/р' })
  shortName!: string;

  @ApiProperty({ description: 'Weight in the weighted average.', example: 2 })
  weight!: number;
}

export class JournalMarkDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4f11' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e91' })
  lessonId!: string;

  @ApiProperty({ description: 'As written on the scale.', example: '5' })
  value!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'What the value counts for in averages; null: it does not count (зачёт).',
    example: 5,
  })
  score!: number | null;

  @ApiProperty({ type: JournalMarkTypeRefDto })
  markType!: JournalMarkTypeRefDto;

  @ApiProperty({ type: String, nullable: true, example: 'Без ошибок' })
  comment!: string | null;

  @ApiProperty({
    description: 'Given after the term for checking the work (J3).',
    example: false,
  })
  late!: boolean;
}

export class JournalAbsenceDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e91' })
  lessonId!: string;

  @ApiProperty({ description: 'Б ill, У excused, Н unexcused, О late.', example: 'Б' })
  code!: string;

  @ApiProperty({ example: true })
  excused!: boolean;

  @ApiProperty({ type: 'integer', nullable: true, example: null })
  minutesLate!: number | null;
}

export class JournalAbsenceCountsDto {
  @ApiProperty({
    description: 'Lessons missed (excused + unexcused); late arrivals are counted apart.',
    example: 3,
  })
  total!: number;

  @ApiProperty({ example: 2 })
  excused!: number;

  @ApiProperty({ example: 1 })
  unexcused!: number;

  @ApiProperty({ description: 'Late arrivals (code О or minutes late).', example: 1 })
  late!: number;
}

/** A row of the grid. */
export class JournalStudentDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10' })
  id!: string;

  @ApiProperty({ description: 'Last and first name.', example: 'Алексеев Антон' })
  name!: string;

  @ApiProperty({
    type: [JournalMarkDto],
    description: 'In the order of the lessons, then as given.',
  })
  marks!: JournalMarkDto[];

  @ApiProperty({ type: [JournalAbsenceDto], description: 'In the order of the lessons.' })
  absences!: JournalAbsenceDto[];

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Σ score / n over the marks with a score, 2 decimals; null without any.',
    example: 4.33,
  })
  average!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Σ(score × weight) / Σ weight over the marks with a score, 2 decimals.',
    example: 4.5,
  })
  weightedAverage!: number | null;

  @ApiProperty({ type: JournalAbsenceCountsDto })
  absenceCounts!: JournalAbsenceCountsDto;
}

export class JournalAveragesDto {
  @ApiProperty({ type: Number, nullable: true, example: 4.12 })
  average!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 4.2 })
  weightedAverage!: number | null;
}

/** The journal page of a class × subject × study period. */
export class JournalGridDto {
  @ApiProperty({ type: JournalClassRefDto })
  schoolClass!: JournalClassRefDto;

  @ApiProperty({ type: JournalSubjectRefDto })
  subject!: JournalSubjectRefDto;

  @ApiProperty({ type: JournalPeriodRefDto })
  period!: JournalPeriodRefDto;

  @ApiProperty({ type: JournalSubgroupRefDto, nullable: true })
  subgroup!: JournalSubgroupRefDto | null;

  @ApiProperty({
    type: [JournalLessonDto],
    description: 'Ordered by date, lesson number and subgroup.',
  })
  lessons!: JournalLessonDto[];

  @ApiProperty({
    type: [JournalStudentDto],
    description:
      'Students enrolled at some date of the period (members of the subgroup when given), by last and first name. A student sees only their own row, a parent only their children’s.',
  })
  students!: JournalStudentDto[];

  @ApiProperty({
    type: JournalAveragesDto,
    description: 'Over every mark of the grid (every student’s, whoever asks).',
  })
  classAverage!: JournalAveragesDto;
}

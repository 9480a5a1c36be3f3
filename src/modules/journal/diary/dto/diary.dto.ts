import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsDateOnly } from '../../../../core/http/dates';
import { LESSON_STATUSES, type LessonStatus } from '../../../lessons/entities/lesson.entity';
import { JournalPersonRefDto, JournalSubjectNameDto } from '../../dto/journal-refs.dto';

export class DiaryQueryDto {
  @ApiPropertyOptional({
    format: 'date',
    description: 'Any date of the week to show; by default this week (in the school’s time zone).',
    example: '2026-11-25',
  })
  @IsOptional()
  @IsDateOnly()
  week?: string;
}

export class MyDiaryQueryDto extends DiaryQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'For a parent: which child’s diary. Needed when the account has more than one child (the 400 answer lists them).',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10',
  })
  @IsOptional()
  @IsUUID()
  studentId?: string;
}

export class DiaryMarkTypeDto {
  @ApiProperty({ example: 'к/р' })
  shortName!: string;

  @ApiProperty({ example: 2 })
  weight!: number;
}

export class DiaryMarkDto {
  @ApiProperty({ example: '5' })
  value!: string;

  @ApiProperty({ type: DiaryMarkTypeDto })
  markType!: DiaryMarkTypeDto;

  @ApiProperty({ type: String, nullable: true, example: 'Молодец!' })
  comment!: string | null;
}

export class DiaryAbsenceDto {
  @ApiProperty({ description: 'Б ill, У excused, Н unexcused, О late.', example: 'О' })
  code!: string;

  @ApiProperty({ type: 'integer', nullable: true, example: 10 })
  minutesLate!: number | null;
}

export class DiaryLessonDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e91' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c01' })
  classId!: string;

  @ApiProperty({ minimum: 0, maximum: 12, example: 2 })
  lessonNumber!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'From the bell schedule; null when it has no such lesson number.',
    example: '09:00',
  })
  startsAt!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '09:45' })
  endsAt!: string | null;

  @ApiProperty({ type: JournalSubjectNameDto })
  subject!: JournalSubjectNameDto;

  @ApiProperty({
    type: JournalPersonRefDto,
    description: 'Who teaches the lesson on this date: the substitute when there is one.',
  })
  teacher!: JournalPersonRefDto;

  @ApiProperty({ type: String, nullable: true, example: 'Сложение дробей' })
  topic!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '§ 12, № 345–347' })
  homework!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-11-27' })
  homeworkDueOn!: string | null;

  @ApiProperty({ enum: LESSON_STATUSES, example: 'scheduled' })
  status!: LessonStatus;

  @ApiProperty({ type: [DiaryMarkDto] })
  marks!: DiaryMarkDto[];

  @ApiProperty({
    type: DiaryAbsenceDto,
    nullable: true,
    description: 'Null: present (or attendance not taken).',
  })
  absence!: DiaryAbsenceDto | null;
}

export class DiaryDayDto {
  @ApiProperty({ format: 'date', example: '2026-11-23' })
  date!: string;

  @ApiProperty({ type: [DiaryLessonDto], description: 'By lesson number.' })
  lessons!: DiaryLessonDto[];
}

/** A student's week (J7): lessons, homework, marks and absences. */
export class DiaryDto {
  @ApiProperty({ type: JournalPersonRefDto })
  student!: JournalPersonRefDto;

  @ApiProperty({ format: 'date', description: 'The Monday of the week.', example: '2026-11-23' })
  weekOf!: string;

  @ApiProperty({ type: [DiaryDayDto], description: 'Seven days from Monday.' })
  days!: DiaryDayDto[];
}

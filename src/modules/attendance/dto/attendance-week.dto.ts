import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ClassPersonDto } from '../../classes/dto/class.dto';
import { TeachingSubgroupDto } from '../../classes/dto/teaching-assignment.dto';
import { ClassSubjectDto } from '../../reference-data/dto/subject.dto';
import { NOT_BLANK } from '../../../core/http/validation';

export const NOTE_MAX = 2000;

export class ReconcileWeekDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: NOTE_MAX,
    description: 'What was left open or agreed, e.g. notes still expected from parents.',
    example: 'Справка Борисовой ожидается до 25.09.',
  })
  @IsOptional()
  @IsString()
  @Length(1, NOTE_MAX)
  @Matches(NOT_BLANK, { message: 'note must not be blank' })
  note?: string | null;

  @ApiPropertyOptional({
    description:
      'Reconcile although some lessons of the week up to today have no attendance taken (they are listed in the 409 otherwise).',
    default: false,
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

export class WeekReconciliationDto {
  @ApiProperty({ format: 'date-time', example: '2026-09-11T14:30:00.000Z' })
  at!: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The account that reconciled the week.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4a31',
  })
  by!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Справка Борисовой ожидается до 25.09.' })
  note!: string | null;
}

export class WeekLessonDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e91' })
  lessonId!: string;

  @ApiProperty({ minimum: 0, maximum: 12, example: 1 })
  lessonNumber!: number;

  @ApiProperty({ type: ClassSubjectDto })
  subject!: ClassSubjectDto;

  @ApiProperty({ type: TeachingSubgroupDto, nullable: true, description: 'Null: the whole class.' })
  subgroup!: TeachingSubgroupDto | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When attendance was taken; null: not taken yet.',
    example: '2026-09-07T06:10:00.000Z',
  })
  takenAt!: string | null;
}

export class WeekDayDto {
  @ApiProperty({ format: 'date', example: '2026-09-07' })
  date!: string;

  @ApiProperty({ type: [WeekLessonDto], description: 'By lesson number, then subgroup.' })
  lessons!: WeekLessonDto[];
}

export class WeekAbsenceDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e91' })
  lessonId!: string;

  @ApiProperty({ format: 'date', example: '2026-09-07' })
  date!: string;

  @ApiProperty({ description: 'The reason’s code: Б, У, Н or О.', example: 'Н' })
  code!: string;

  @ApiProperty({ type: Number, nullable: true, example: null })
  minutesLate!: number | null;
}

export class WeekTotalsDto {
  @ApiProperty({
    description:
      'Lessons of the week the student was due at (enrolled on the date; whole-class lessons and those of their subgroups).',
    example: 28,
  })
  lessons!: number;

  @ApiProperty({ description: 'Lessons missed for an excused reason (Б, У).', example: 6 })
  excused!: number;

  @ApiProperty({ description: 'Lessons missed for an unexcused reason (Н).', example: 1 })
  unexcused!: number;

  @ApiProperty({ description: 'Late arrivals (О).', example: 2 })
  late!: number;
}

export class WeekStudentDto {
  @ApiProperty({ type: ClassPersonDto })
  student!: ClassPersonDto;

  @ApiProperty({ type: [WeekAbsenceDto], description: 'By date and lesson number.' })
  absences!: WeekAbsenceDto[];

  @ApiProperty({ type: WeekTotalsDto })
  totals!: WeekTotalsDto;
}

/** A class's attendance over one week, as the class teacher reconciles it (J2, R13). */
export class AttendanceWeekDto {
  @ApiProperty({ format: 'date', description: 'The Monday of the week.', example: '2026-09-07' })
  weekOf!: string;

  @ApiProperty({
    type: WeekReconciliationDto,
    nullable: true,
    description: 'The class teacher’s last reconciliation of the week; null: not reconciled.',
  })
  reconciled!: WeekReconciliationDto | null;

  @ApiProperty({
    type: [WeekDayDto],
    description: 'The days of the week that have lessons (cancelled lessons left out), in order.',
  })
  days!: WeekDayDto[];

  @ApiProperty({
    type: [WeekStudentDto],
    description: 'Students enrolled in the class on any day of the week, in name order.',
  })
  students!: WeekStudentDto[];

  @ApiProperty({
    description: 'Lessons of the week up to today whose attendance has not been taken.',
    example: 1,
  })
  lessonsNotTaken!: number;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { TeachingSubgroupDto } from '../../classes/dto/teaching-assignment.dto';
import { ClassSubjectDto } from '../../reference-data/dto/subject.dto';
import { AttendanceDto } from './attendance.dto';
import { COMMENT_MAX, NOT_BLANK } from '../../../core/http/validation';

export class DayStudentQueryDto {
  @ApiProperty({
    format: 'uuid',
    description: 'A student of the class on that date.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b21',
  })
  @IsUUID()
  studentId!: string;
}

/** One reason for a student's whole day (seed 003 §5.2.3), e.g. ill with a doctor’s note. */
export class SetDayReasonDto extends DayStudentQueryDto {
  @ApiProperty({
    format: 'uuid',
    description:
      'An absence reason of the school that is not archived, and not the late arrival (О): lateness is recorded per lesson.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4f11',
  })
  @IsUUID()
  reasonId!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: COMMENT_MAX,
    description: 'Kept on every entry of the day.',
    example: 'Справка из поликлиники № 3',
  })
  @IsOptional()
  @IsString()
  @Length(1, COMMENT_MAX)
  @Matches(NOT_BLANK, { message: 'comment must not be blank' })
  comment?: string | null;
}

export class DayLessonDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e91' })
  lessonId!: string;

  @ApiProperty({ minimum: 0, maximum: 12, example: 2 })
  lessonNumber!: number;

  @ApiProperty({ type: ClassSubjectDto })
  subject!: ClassSubjectDto;

  @ApiProperty({
    type: TeachingSubgroupDto,
    nullable: true,
    description: 'Null: a lesson of the whole class.',
  })
  subgroup!: TeachingSubgroupDto | null;

  @ApiProperty({
    type: AttendanceDto,
    nullable: true,
    description: 'The student’s entry in the lesson; null: present.',
  })
  entry!: AttendanceDto | null;
}

/** A student's lessons of one day with their attendance entries. */
export class AttendanceDayDto {
  @ApiProperty({ format: 'date', example: '2026-09-07' })
  date!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b21' })
  studentId!: string;

  @ApiProperty({
    type: [DayLessonDto],
    description:
      'The class’s lessons of that date the student attends (whole-class lessons and those of their subgroups), cancelled ones left out; by lesson number.',
  })
  lessons!: DayLessonDto[];
}

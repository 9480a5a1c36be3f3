import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly } from '../../../core/http/dates';
import { ClassPersonDto } from '../../classes/dto/class.dto';
import { TeachingSubgroupDto } from '../../classes/dto/teaching-assignment.dto';
import { ClassSubjectDto } from '../../reference-data/dto/subject.dto';
import type { BellTime } from '../../lessons/bell-times';
import { LessonRoomDto } from '../../lessons/dto/lesson.dto';
import type { StudyPeriod } from '../../academic-years/entities/study-period.entity';
import type { TimetableEntry } from '../entities/timetable-entry.entity';

export class TimetableQueryDto {
  @ApiPropertyOptional({
    format: 'date',
    description: 'The date whose timetable is shown; today in the school’s time zone by default.',
    example: '2026-11-23',
  })
  @IsOptional()
  @IsDateOnly()
  on?: string;
}

export class TimetableStudyPeriodDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4a21' })
  id!: string;

  @ApiProperty({ example: '2 четверть' })
  name!: string;

  @ApiProperty({ format: 'date', example: '2026-11-05' })
  startsOn!: string;

  @ApiProperty({ format: 'date', example: '2026-12-28' })
  endsOn!: string;

  static from(period: StudyPeriod): TimetableStudyPeriodDto {
    return {
      id: period.id,
      name: period.name,
      startsOn: period.startsOn,
      endsOn: period.endsOn,
    };
  }
}

/** One cell of the weekly timetable: a lesson every such weekday while it is in force. */
export class TimetableCellDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4f41' })
  id!: string;

  @ApiProperty({
    minimum: 1,
    maximum: 7,
    description: 'ISO weekday: 1 Monday … 7 Sunday.',
    example: 1,
  })
  weekday!: number;

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

  @ApiProperty({ type: ClassSubjectDto })
  subject!: ClassSubjectDto;

  @ApiProperty({ type: ClassPersonDto })
  teacher!: ClassPersonDto;

  @ApiProperty({ type: LessonRoomDto, nullable: true })
  room!: LessonRoomDto | null;

  @ApiProperty({
    type: TeachingSubgroupDto,
    nullable: true,
    description: 'Null: the whole class. Subgroup cells of one slot run in parallel.',
  })
  subgroup!: TeachingSubgroupDto | null;

  @ApiProperty({
    format: 'date',
    description: 'First day the cell is in force.',
    example: '2026-11-05',
  })
  validFrom!: string;

  @ApiProperty({
    format: 'date',
    description: 'Last day the cell is in force.',
    example: '2026-12-28',
  })
  validUntil!: string;

  /** Needs subject, teacher, room and subgroup loaded. */
  static from(entry: TimetableEntry, bells: Map<number, BellTime>): TimetableCellDto {
    const bell = bells.get(entry.lessonNumber);
    return {
      id: entry.id,
      weekday: entry.weekday,
      lessonNumber: entry.lessonNumber,
      startsAt: bell?.startsAt ?? null,
      endsAt: bell?.endsAt ?? null,
      subject: { id: entry.subject.id, name: entry.subject.name },
      teacher: ClassPersonDto.from(entry.teacher),
      room: entry.room ? { id: entry.room.id, name: entry.room.name } : null,
      subgroup: entry.subgroup ? { id: entry.subgroup.id, name: entry.subgroup.name } : null,
      validFrom: entry.validFrom,
      validUntil: entry.validUntil,
    };
  }
}

/** A class's weekly timetable as in force on one date (O6). */
export class TimetableDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c01' })
  classId!: string;

  @ApiProperty({ example: '7Б' })
  className!: string;

  @ApiProperty({
    format: 'date',
    description: 'The date the timetable is shown for.',
    example: '2026-11-23',
  })
  on!: string;

  @ApiProperty({
    type: TimetableStudyPeriodDto,
    nullable: true,
    description:
      'The study period of the class’s grade containing `on`; null outside every period.',
  })
  studyPeriod!: TimetableStudyPeriodDto | null;

  @ApiProperty({
    type: [TimetableCellDto],
    description: 'The cells in force on `on`, by weekday, lesson number and subgroup.',
  })
  cells!: TimetableCellDto[];
}

export class KeptLessonDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e91' })
  lessonId!: string;

  @ApiProperty({ format: 'date', example: '2026-11-25' })
  date!: string;

  @ApiProperty({ minimum: 0, maximum: 12, example: 3 })
  lessonNumber!: number;

  @ApiProperty({ type: ClassSubjectDto })
  subject!: ClassSubjectDto;
}

/** What regenerating a class's lessons from its timetable did. */
export class LessonGenerationDto {
  @ApiProperty({ minimum: 0, description: 'Lessons added for cells that had none.', example: 34 })
  created!: number;

  @ApiProperty({
    minimum: 0,
    description: 'Lessons whose teacher or room now follow the timetable.',
    example: 2,
  })
  updated!: number;

  @ApiProperty({
    minimum: 0,
    description: 'Blank lessons (nothing recorded) the timetable no longer has.',
    example: 8,
  })
  removed!: number;

  @ApiProperty({
    type: [KeptLessonDto],
    description:
      'Lessons the timetable no longer has but which were kept because something is recorded in them.',
  })
  kept!: KeptLessonDto[];
}

export class TimetableChangeDto extends TimetableDto {
  @ApiProperty({
    type: LessonGenerationDto,
    description: 'The class’s lessons from `effectiveFrom` to the end of the period, regenerated.',
  })
  generation!: LessonGenerationDto;
}

/** Where and with whom a lesson takes place: shared by timetable cells and added lessons. */
export class LessonSlotInputDto {
  @ApiProperty({
    minimum: 0,
    maximum: 12,
    description: 'A lesson number of the school’s bell schedule.',
    example: 2,
  })
  @IsInt()
  @Min(0)
  @Max(12)
  lessonNumber!: number;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4d01' })
  @IsUUID()
  subjectId!: string;

  @ApiProperty({
    format: 'uuid',
    description:
      'A member of staff with a teaching assignment for this class and subject (and subgroup).',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10',
  })
  @IsUUID()
  teacherId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e71',
  })
  @IsOptional()
  @IsUUID()
  roomId?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'A subgroup of the class’s split for the subject; omit for the whole class.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e01',
  })
  @IsOptional()
  @IsUUID()
  subgroupId?: string | null;
}

export class TimetableCellInputDto extends LessonSlotInputDto {
  @ApiProperty({
    minimum: 1,
    maximum: 7,
    description: 'ISO weekday (1 Monday); at most the school’s number of school days a week.',
    example: 1,
  })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday!: number;
}

export class ReplaceTimetableDto {
  @ApiProperty({
    format: 'uuid',
    description: 'An open study period of the class’s year and grade.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4a21',
  })
  @IsUUID()
  studyPeriodId!: string;

  @ApiPropertyOptional({
    format: 'date',
    description:
      'The first day of the new timetable, within the period. By default today (in the school’s time zone), or the start of the period when it has not started yet or is over. The cells before it stay as they were, and lessons with something recorded keep their teacher and room.',
    example: '2026-11-16',
  })
  @IsOptional()
  @IsDateOnly()
  effectiveFrom?: string;

  @ApiProperty({
    type: [TimetableCellInputDto],
    description: 'The whole week of the class; an empty list clears it from `effectiveFrom`.',
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => TimetableCellInputDto)
  cells!: TimetableCellInputDto[];
}

export class RegenerateLessonsDto {
  @ApiProperty({ format: 'date', example: '2026-11-05' })
  @IsDateOnly()
  from!: string;

  @ApiProperty({
    format: 'date',
    description: 'At most 366 days after `from`.',
    example: '2026-12-28',
  })
  @IsDateOnly()
  to!: string;
}

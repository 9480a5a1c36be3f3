import { ApiProperty } from '@nestjs/swagger';
import { ClassPersonDto } from '../../classes/dto/class.dto';
import { TeachingSubgroupDto } from '../../classes/dto/teaching-assignment.dto';
import { ClassSubjectDto } from '../../reference-data/dto/subject.dto';
import { className } from '../../classes/class-name';
import { LESSON_KINDS, type LessonKind } from '../../reference-data/entities/lesson-type.entity';
import type { BellTime } from '../bell-times';
import {
  LESSON_ORIGINS,
  LESSON_STATUSES,
  type Lesson,
  type LessonOrigin,
  type LessonStatus,
} from '../entities/lesson.entity';

/** What `LessonDto.from` needs loaded. */
export const LESSON_POPULATE = [
  'schoolClass',
  'subject',
  'subgroup',
  'teacher',
  'substitute',
  'room',
  'lessonType',
] as const;

export class LessonRoomDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e71' })
  id!: string;

  @ApiProperty({ example: 'Каб. 214' })
  name!: string;
}

export class LessonTypeRefDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e81' })
  id!: string;

  @ApiProperty({ example: 'Лабораторная работа' })
  name!: string;

  @ApiProperty({
    enum: LESSON_KINDS,
    description:
      'Control, practical and laboratory works and excursions are marked as such; every other type is `lesson`.',
    example: 'laboratory',
  })
  kind!: LessonKind;
}

export class HomeworkDto {
  @ApiProperty({ example: '§ 12, упр. 3–5' })
  text!: string;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'When it is due; by default the date of the next lesson of the subject.',
    example: '2026-11-25',
  })
  dueOn!: string | null;
}

/** A dated lesson: where it sits in the timetable and what its teacher recorded (J1). */
export class LessonDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e91' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c01' })
  classId!: string;

  @ApiProperty({ example: '7Б' })
  className!: string;

  @ApiProperty({ format: 'date', example: '2026-11-23' })
  date!: string;

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

  @ApiProperty({
    type: TeachingSubgroupDto,
    nullable: true,
    description: 'Null: the whole class.',
  })
  subgroup!: TeachingSubgroupDto | null;

  @ApiProperty({ type: ClassPersonDto, description: 'The teacher of the timetable.' })
  teacher!: ClassPersonDto;

  @ApiProperty({
    type: ClassPersonDto,
    nullable: true,
    description: 'Who teaches (and records) the lesson on this date instead of `teacher`.',
  })
  substitute!: ClassPersonDto | null;

  @ApiProperty({ type: LessonRoomDto, nullable: true })
  room!: LessonRoomDto | null;

  @ApiProperty({
    enum: LESSON_ORIGINS,
    description: '`timetable`: made from the class timetable; `manual`: added by hand.',
    example: 'timetable',
  })
  origin!: LessonOrigin;

  @ApiProperty({ enum: LESSON_STATUSES, example: 'scheduled' })
  status!: LessonStatus;

  @ApiProperty({ type: String, nullable: true, example: null })
  cancellationReason!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Лабораторная работа № 2 «Измерение массы тела»',
  })
  topic!: string | null;

  @ApiProperty({ type: LessonTypeRefDto, nullable: true })
  lessonType!: LessonTypeRefDto | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The topic of the class’s thematic plan this lesson delivers.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4ea1',
  })
  planTopicId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Взвешивание тел на рычажных весах.' })
  content!: string | null;

  @ApiProperty({ type: HomeworkDto, nullable: true })
  homework!: HomeworkDto | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The teacher’s notes: shown to staff; always null for students and parents.',
    example: 'Повторить единицы массы.',
  })
  notes!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the teacher last recorded something; null while the lesson is blank.',
    example: '2026-11-23T09:50:00.000Z',
  })
  recordedAt!: string | null;

  /** Needs LESSON_POPULATE loaded; `withNotes` is false for students and parents. */
  static from(lesson: Lesson, bells: Map<number, BellTime>, withNotes: boolean): LessonDto {
    const bell = bells.get(lesson.lessonNumber);
    return {
      id: lesson.id,
      classId: lesson.schoolClass.id,
      className: className(lesson.schoolClass),
      date: lesson.date,
      lessonNumber: lesson.lessonNumber,
      startsAt: bell?.startsAt ?? null,
      endsAt: bell?.endsAt ?? null,
      subject: { id: lesson.subject.id, name: lesson.subject.name },
      subgroup: lesson.subgroup ? { id: lesson.subgroup.id, name: lesson.subgroup.name } : null,
      teacher: ClassPersonDto.from(lesson.teacher),
      substitute: lesson.substitute ? ClassPersonDto.from(lesson.substitute) : null,
      room: lesson.room ? { id: lesson.room.id, name: lesson.room.name } : null,
      origin: lesson.origin,
      status: lesson.status,
      cancellationReason: lesson.cancellationReason,
      topic: lesson.topic,
      lessonType: lesson.lessonType
        ? { id: lesson.lessonType.id, name: lesson.lessonType.name, kind: lesson.lessonType.kind }
        : null,
      planTopicId: lesson.planTopic?.id ?? null,
      content: lesson.content,
      homework: lesson.homework ? { text: lesson.homework, dueOn: lesson.homeworkDueOn } : null,
      notes: withNotes ? lesson.notes : null,
      recordedAt: lesson.recordedAt?.toISOString() ?? null,
    };
  }
}

export class LessonListDto {
  @ApiProperty({
    type: [LessonDto],
    description: 'Ordered by date, lesson number and subgroup.',
  })
  items!: LessonDto[];
}

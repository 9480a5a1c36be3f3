import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  Property,
  Unique,
  type Opt,
  type Rel,
} from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';
import { SchoolClass } from '../../classes/entities/school-class.entity';
import { Subgroup } from '../../classes/entities/subgroup.entity';
import { Person } from '../../people/entities/person.entity';
import { LessonType } from '../../reference-data/entities/lesson-type.entity';
import { Room } from '../../reference-data/entities/room.entity';
import { Subject } from '../../reference-data/entities/subject.entity';
import { ThematicPlanTopic } from './thematic-plan.entity';

export const LESSON_ORIGINS = ['timetable', 'manual'] as const;
export type LessonOrigin = (typeof LESSON_ORIGINS)[number];

export const LESSON_STATUSES = ['scheduled', 'cancelled'] as const;
export type LessonStatus = (typeof LESSON_STATUSES)[number];

/**
 * A dated lesson (J1): made from the timetable or added by hand, then recorded by its
 * teacher (topic, type, content, homework, notes). A substitute teacher takes it over for
 * that date. Regenerating from the timetable matches lessons by class, date, lesson
 * number, subject and subgroup, so what was recorded is never lost.
 */
@Entity({ tableName: 'lessons' })
@Unique({
  name: 'lessons_timetable_slot_unique',
  expression:
    "create unique index lessons_timetable_slot_unique on lessons (class_id, date, lesson_number, subject_id, coalesce(subgroup_id, '00000000-0000-0000-0000-000000000000'::uuid)) where origin = 'timetable'",
})
@Index({ properties: ['schoolId', 'date'] })
@Index({ properties: ['schoolClass', 'date'] })
@Index({ properties: ['teacher', 'date'] })
@Index({ properties: ['substitute', 'date'] })
@Index({ properties: ['planTopic'] })
@Check({
  name: 'lessons_lesson_number_range',
  expression: 'lesson_number >= 0 and lesson_number <= 12',
})
@Check({
  name: 'lessons_cancelled_with_reason',
  expression: "(status = 'cancelled') = (cancellation_reason is not null)",
})
@Check({
  name: 'lessons_homework_due_after_lesson',
  expression: 'homework_due_on is null or homework_due_on >= date',
})
export class Lesson extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @ManyToOne(() => SchoolClass, { fieldName: 'class_id', deleteRule: 'cascade' })
  schoolClass!: Rel<SchoolClass>;

  @ManyToOne(() => Subject, { deleteRule: 'restrict' })
  subject!: Rel<Subject>;

  /** Null: the whole class. Removing a subgroup keeps its lessons (for the whole class). */
  @ManyToOne(() => Subgroup, { nullable: true, deleteRule: 'set null' })
  subgroup: Rel<Subgroup> | null = null;

  @Property({ type: 'date' })
  date!: string;

  @Property({ type: 'smallint' })
  lessonNumber!: number;

  /** The teacher of the timetable (or who the lesson was added for). */
  @ManyToOne(() => Person, { deleteRule: 'restrict' })
  teacher!: Rel<Person>;

  /** Another teacher for this date only; they record the lesson instead of `teacher`. */
  @ManyToOne(() => Person, { nullable: true, deleteRule: 'restrict' })
  substitute: Rel<Person> | null = null;

  @ManyToOne(() => Room, { nullable: true, deleteRule: 'restrict' })
  room: Rel<Room> | null = null;

  @Enum({ items: () => LESSON_ORIGINS, type: 'text' })
  origin!: LessonOrigin;

  @Enum({ items: () => LESSON_STATUSES, type: 'text' })
  status: Opt<LessonStatus> = 'scheduled';

  @Property({ type: 'text', nullable: true })
  cancellationReason: string | null = null;

  // What the teacher records.
  @Property({ type: 'text', nullable: true })
  topic: string | null = null;

  @ManyToOne(() => LessonType, { nullable: true, deleteRule: 'restrict' })
  lessonType: Rel<LessonType> | null = null;

  /** The topic of the thematic plan this lesson delivers. */
  @ManyToOne(() => ThematicPlanTopic, { nullable: true, deleteRule: 'set null' })
  planTopic: Rel<ThematicPlanTopic> | null = null;

  @Property({ type: 'text', nullable: true })
  content: string | null = null;

  @Property({ type: 'text', nullable: true })
  homework: string | null = null;

  @Property({ type: 'date', nullable: true })
  homeworkDueOn: string | null = null;

  /** The teacher's notes; shown to staff, not to students and parents. */
  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  /** When the teacher last recorded something in the lesson. */
  @Property({ type: 'timestamptz', nullable: true })
  recordedAt: Date | null = null;

  /**
   * When attendance was last taken (J2). A lesson's absences are its only attendance rows,
   * so this tells "everyone was present" from "not taken yet".
   */
  @Property({ type: 'timestamptz', nullable: true })
  attendanceTakenAt: Date | null = null;
}

/** Whether regenerating may drop the lesson: nothing has been recorded in it. */
export const isBlank = (lesson: Lesson) => lesson.recordedAt === null;

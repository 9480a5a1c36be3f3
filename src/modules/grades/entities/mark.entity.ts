import { Check, Entity, Index, ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { NotAudited } from '../../../core/database/not-audited';
import { School } from '../../../core/tenancy/entities/school.entity';
import { Lesson } from '../../lessons/entities/lesson.entity';
import { Person } from '../../people/entities/person.entity';
import { MarkType } from '../../reference-data/entities/mark-type.entity';

/**
 * A current mark (J3): one student, one lesson, a value on the subject's grading scale and
 * what it was given for. A student may have several marks in one lesson.
 *
 * Not in `audit_events`: every change is kept cell by cell in `journal_changes`, written by
 * a database trigger whatever path the write takes (J10). Another trigger refuses writes
 * into a closed study period (J5).
 */
@NotAudited()
@Entity({ tableName: 'marks' })
@Index({ properties: ['lessonId', 'studentId'] })
@Index({ properties: ['studentId', 'lessonId'] })
@Check({ name: 'marks_score_range', expression: 'score is null or (score >= 0 and score <= 100)' })
export class Mark extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @ManyToOne(() => Lesson, { mapToPk: true, fieldName: 'lesson_id', deleteRule: 'restrict' })
  lessonId!: string;

  @ManyToOne(() => Person, { mapToPk: true, fieldName: 'student_id', deleteRule: 'restrict' })
  studentId!: string;

  @ManyToOne(() => MarkType, {
    mapToPk: true,
    fieldName: 'mark_type_id',
    deleteRule: 'restrict',
  })
  markTypeId!: string;

  /** As written on the scale: «5», «зачёт». */
  @Property({ type: 'text' })
  value!: string;

  /** What the value counts for in averages; null when it does not count (pass/fail). */
  @Property({ type: 'decimal', precision: 5, scale: 2, nullable: true })
  score: string | null = null;

  @Property({ type: 'text', nullable: true })
  comment: string | null = null;

  /** When the mark of work that takes long to check was due: the lesson plus the type's term. */
  @Property({ type: 'date', nullable: true })
  dueOn: string | null = null;

  /** Given after `dueOn` (in the school's time zone). */
  @Property({ type: 'boolean' })
  late: Opt<boolean> = false;

  /** The account that gave the mark. */
  @Property({ type: 'uuid' })
  givenBy!: string;
}

import { Check, Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { NotAudited } from '../../../core/database/not-audited';
import { School } from '../../../core/tenancy/entities/school.entity';
import { Lesson } from '../../lessons/entities/lesson.entity';
import { Person } from '../../people/entities/person.entity';
import { AbsenceReason } from '../../reference-data/entities/absence-reason.entity';

/**
 * An absence or a late arrival in one lesson (J2), with its reason code (Б, У, Н, О). A
 * student without an entry was present.
 *
 * Like marks: history in `journal_changes` and the period lock, both by trigger.
 */
@NotAudited()
@Entity({ tableName: 'attendance' })
@Unique({ name: 'attendance_lesson_student_unique', properties: ['lessonId', 'studentId'] })
@Check({
  name: 'attendance_minutes_late_range',
  expression: 'minutes_late is null or (minutes_late > 0 and minutes_late <= 240)',
})
export class AttendanceEntry extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @ManyToOne(() => Lesson, { mapToPk: true, fieldName: 'lesson_id', deleteRule: 'restrict' })
  lessonId!: string;

  @ManyToOne(() => Person, { mapToPk: true, fieldName: 'student_id', deleteRule: 'restrict' })
  studentId!: string;

  @ManyToOne(() => AbsenceReason, {
    mapToPk: true,
    fieldName: 'reason_id',
    deleteRule: 'restrict',
  })
  reasonId!: string;

  /** For a late arrival (О): by how many minutes. */
  @Property({ type: 'smallint', nullable: true })
  minutesLate: number | null = null;

  @Property({ type: 'text', nullable: true })
  comment: string | null = null;

  /** The account that recorded it. */
  @Property({ type: 'uuid' })
  recordedBy!: string;
}

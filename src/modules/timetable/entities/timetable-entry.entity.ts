import { Check, Entity, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';
import { StudyPeriod } from '../../academic-years/entities/study-period.entity';
import { SchoolClass } from '../../classes/entities/school-class.entity';
import { Subgroup } from '../../classes/entities/subgroup.entity';
import { Person } from '../../people/entities/person.entity';
import { Room } from '../../reference-data/entities/room.entity';
import { Subject } from '../../reference-data/entities/subject.entity';

/**
 * One cell of a class's weekly timetable (O6): on `weekday`, lesson `lessonNumber` of the
 * bell schedule, from `validFrom` to `validUntil` within a study period. A change from a date
 * ends the cells in force (`validUntil`) and adds new ones, so the past is never rewritten.
 */
@Entity({ tableName: 'timetable_entries' })
@Index({ properties: ['schoolId', 'weekday', 'lessonNumber'] })
@Index({ properties: ['schoolClass', 'studyPeriodId'] })
@Check({ name: 'timetable_entries_weekday_range', expression: 'weekday >= 1 and weekday <= 7' })
@Check({
  name: 'timetable_entries_lesson_number_range',
  expression: 'lesson_number >= 0 and lesson_number <= 12',
})
@Check({ name: 'timetable_entries_valid_span', expression: 'valid_until >= valid_from' })
export class TimetableEntry extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @ManyToOne(() => SchoolClass, { fieldName: 'class_id', deleteRule: 'cascade' })
  schoolClass!: Rel<SchoolClass>;

  @ManyToOne(() => StudyPeriod, {
    mapToPk: true,
    fieldName: 'study_period_id',
    deleteRule: 'cascade',
  })
  studyPeriodId!: string;

  /** ISO weekday: 1 Monday … 7 Sunday. */
  @Property({ type: 'smallint' })
  weekday!: number;

  @Property({ type: 'smallint' })
  lessonNumber!: number;

  @ManyToOne(() => Subject, { deleteRule: 'restrict' })
  subject!: Rel<Subject>;

  @ManyToOne(() => Person, { deleteRule: 'restrict' })
  teacher!: Rel<Person>;

  @ManyToOne(() => Room, { nullable: true, deleteRule: 'restrict' })
  room: Rel<Room> | null = null;

  /** Subgroup lessons of one class run in parallel; null: the whole class. */
  @ManyToOne(() => Subgroup, { nullable: true, deleteRule: 'cascade' })
  subgroup: Rel<Subgroup> | null = null;

  @Property({ type: 'date' })
  validFrom!: string;

  @Property({ type: 'date' })
  validUntil!: string;
}

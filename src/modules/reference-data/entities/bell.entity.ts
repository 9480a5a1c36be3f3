import { Check, Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';

/** One line of the bell schedule: when lesson N starts and ends (school local time). */
@Entity({ tableName: 'bells' })
@Unique({ name: 'bells_school_lesson_unique', properties: ['schoolId', 'lessonNumber'] })
@Check({
  name: 'bells_lesson_number_range',
  expression: 'lesson_number >= 0 and lesson_number <= 12',
})
@Check({ name: 'bells_ends_after_start', expression: 'ends_at > starts_at' })
export class Bell extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'cascade' })
  schoolId!: string;

  @Property({ type: 'smallint' })
  lessonNumber!: number;

  /** `HH:MM` */
  @Property({ type: 'time' })
  startsAt!: string;

  @Property({ type: 'time' })
  endsAt!: string;
}

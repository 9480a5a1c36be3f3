import { Check, Entity, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';
import { Person } from '../../people/entities/person.entity';
import { Movement } from './movement.entity';
import { SchoolClass } from './school-class.entity';

/**
 * A student's stay in a class: from `startsOn` up to, not including, `endsOn`. Enrollments
 * are only opened and closed by movements (P4), so the history answers "in which class was
 * this student on date D". An enrollment made by an import has no admission movement.
 */
@Entity({ tableName: 'enrollments' })
@Index({ properties: ['student', 'startsOn'] })
@Index({ properties: ['schoolClass', 'startsOn'] })
@Check({
  name: 'enrollments_ends_after_start',
  expression: 'ends_on is null or ends_on > starts_on',
})
export class Enrollment extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @ManyToOne(() => Person, { deleteRule: 'restrict' })
  student!: Rel<Person>;

  @ManyToOne(() => SchoolClass, { fieldName: 'class_id', deleteRule: 'restrict' })
  schoolClass!: Rel<SchoolClass>;

  @Property({ type: 'date' })
  startsOn!: string;

  @Property({ type: 'date', nullable: true })
  endsOn: string | null = null;

  @ManyToOne(() => Movement, { nullable: true, deleteRule: 'restrict' })
  startedBy: Rel<Movement> | null = null;

  @ManyToOne(() => Movement, { nullable: true, deleteRule: 'restrict' })
  endedBy: Rel<Movement> | null = null;
}

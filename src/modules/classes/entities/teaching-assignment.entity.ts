import {
  Check,
  Entity,
  Index,
  ManyToOne,
  Property,
  Unique,
  type Opt,
  type Rel,
} from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { hoursColumn } from '../../curriculum/hours';
import { School } from '../../../core/tenancy/entities/school.entity';
import { Person } from '../../people/entities/person.entity';
import { Subject } from '../../reference-data/entities/subject.entity';
import { Subgroup } from './subgroup.entity';
import { SchoolClass } from './school-class.entity';

/**
 * Who teaches what to whom: teacher × class (or one subgroup of it) × subject. Decides which
 * students a teacher may read (the "taught" scope) and a teacher's weekly load.
 */
@Entity({ tableName: 'teaching_assignments' })
@Unique({
  name: 'teaching_assignments_unique',
  expression:
    "create unique index teaching_assignments_unique on teaching_assignments (class_id, subject_id, coalesce(subgroup_id, '00000000-0000-0000-0000-000000000000'::uuid), teacher_id)",
})
@Index({ properties: ['teacher'] })
@Check({
  name: 'teaching_assignments_hours_range',
  expression: 'hours_per_week >= 0 and hours_per_week <= 40',
})
export class TeachingAssignment extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @ManyToOne(() => SchoolClass, { fieldName: 'class_id', deleteRule: 'cascade' })
  schoolClass!: Rel<SchoolClass>;

  @ManyToOne(() => Subject, { deleteRule: 'restrict' })
  subject!: Rel<Subject>;

  @ManyToOne(() => Subgroup, { nullable: true, deleteRule: 'cascade' })
  subgroup: Rel<Subgroup> | null = null;

  @ManyToOne(() => Person, { deleteRule: 'restrict' })
  teacher!: Rel<Person>;

  /** Weekly hours of this assignment (the teacher's load, O5); 0 until set. */
  @Property({ ...hoursColumn, default: 0 })
  hoursPerWeek: Opt<number> = 0;
}

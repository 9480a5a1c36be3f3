import { Check, Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';

/** A school's academic year, e.g. «2026/2027», 1 September to 31 May. */
@Entity({ tableName: 'academic_years' })
@Unique({ name: 'academic_years_school_name_unique', properties: ['schoolId', 'name'] })
@Check({ name: 'academic_years_ends_after_start', expression: 'ends_on > starts_on' })
export class AcademicYear extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'date' })
  startsOn!: string;

  @Property({ type: 'date' })
  endsOn!: string;
}

import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';
import { SchoolClass } from '../../classes/entities/school-class.entity';

/**
 * The class teacher's weekly reconciliation of their class's attendance (J2, seed 003
 * §5.2.3): the week was checked, with what was left open.
 */
@Entity({ tableName: 'attendance_weeks' })
@Unique({ name: 'attendance_weeks_class_week_unique', properties: ['schoolClassId', 'weekOf'] })
export class AttendanceWeek extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @ManyToOne(() => SchoolClass, { mapToPk: true, fieldName: 'class_id', deleteRule: 'cascade' })
  schoolClassId!: string;

  /** The Monday of the week. */
  @Property({ type: 'date' })
  weekOf!: string;

  @Property({ type: 'timestamptz' })
  reconciledAt!: Date;

  /** The account that reconciled it. */
  @Property({ type: 'uuid' })
  reconciledBy!: string;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;
}

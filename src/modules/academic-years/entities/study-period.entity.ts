import { Check, Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';
import { AcademicYear } from './academic-year.entity';
import { PeriodScheme } from './period-scheme.entity';

/**
 * A quarter or half-year. Closing it (J5) locks the marks and absences of its dates for
 * the grades of its scheme; the admin may reopen it, with a reason.
 */
@Entity({ tableName: 'study_periods' })
@Unique({ name: 'study_periods_scheme_ordinal_unique', properties: ['schemeId', 'ordinal'] })
@Index({ properties: ['academicYearId'] })
@Check({ name: 'study_periods_ends_after_start', expression: 'ends_on >= starts_on' })
@Check({
  name: 'study_periods_closed_by_with_closed_at',
  expression: '(closed_at is null) = (closed_by is null)',
})
export class StudyPeriod extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @ManyToOne(() => AcademicYear, {
    mapToPk: true,
    fieldName: 'academic_year_id',
    deleteRule: 'cascade',
  })
  academicYearId!: string;

  @ManyToOne(() => PeriodScheme, { mapToPk: true, fieldName: 'scheme_id', deleteRule: 'cascade' })
  schemeId!: string;

  /** 1-based position within the scheme. */
  @Property({ type: 'smallint' })
  ordinal!: number;

  /** «1 четверть», «2 полугодие». */
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'date' })
  startsOn!: string;

  @Property({ type: 'date' })
  endsOn!: string;

  @Property({ type: 'timestamptz', nullable: true })
  closedAt: Date | null = null;

  /** The account that closed the period. */
  @Property({ type: 'uuid', nullable: true })
  closedBy: string | null = null;

  /** Why the period was last closed or reopened. */
  @Property({ type: 'text', nullable: true })
  stateReason: string | null = null;
}

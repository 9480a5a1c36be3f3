import { ArrayType, Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';
import { AcademicYear } from './academic-year.entity';

/**
 * How a year is divided for some grades: quarters for grades 1–9 and half-years for 10–11
 * by default (seed 003 §4). A grade follows exactly one scheme of a year.
 */
@Entity({ tableName: 'period_schemes' })
@Unique({ name: 'period_schemes_year_name_unique', properties: ['academicYearId', 'name'] })
export class PeriodScheme extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @ManyToOne(() => AcademicYear, {
    mapToPk: true,
    fieldName: 'academic_year_id',
    deleteRule: 'cascade',
  })
  academicYearId!: string;

  /** «Четверти», «Полугодия». */
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: new ArrayType((grade) => Number(grade)), columnType: 'smallint[]' })
  grades!: number[];
}

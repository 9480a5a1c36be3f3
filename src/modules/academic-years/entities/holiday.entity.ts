import { ArrayType, Check, Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';
import { AcademicYear } from './academic-year.entity';

/** School holidays (каникулы); `grades` set when only some grades rest, e.g. February for grade 1. */
@Entity({ tableName: 'holidays' })
@Index({ properties: ['academicYearId'] })
@Check({ name: 'holidays_ends_after_start', expression: 'ends_on >= starts_on' })
export class Holiday extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @ManyToOne(() => AcademicYear, {
    mapToPk: true,
    fieldName: 'academic_year_id',
    deleteRule: 'cascade',
  })
  academicYearId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'date' })
  startsOn!: string;

  @Property({ type: 'date' })
  endsOn!: string;

  /** Null: every grade. */
  @Property({
    type: new ArrayType((grade) => Number(grade)),
    columnType: 'smallint[]',
    nullable: true,
  })
  grades: number[] | null = null;
}

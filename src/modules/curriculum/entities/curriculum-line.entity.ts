import { Check, Entity, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';
import { AcademicYear } from '../../academic-years/entities/academic-year.entity';
import { Subject } from '../../reference-data/entities/subject.entity';
import { hoursColumn } from '../hours';

/** One line of the curriculum (учебный план, O5): weekly hours of a subject in a grade. */
@Entity({ tableName: 'curriculum_lines' })
@Unique({
  name: 'curriculum_lines_year_grade_subject_unique',
  properties: ['academicYearId', 'grade', 'subject'],
})
@Check({ name: 'curriculum_lines_grade_range', expression: 'grade >= 1 and grade <= 11' })
@Check({
  name: 'curriculum_lines_hours_range',
  expression: 'hours_per_week > 0 and hours_per_week <= 20',
})
export class CurriculumLine extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @ManyToOne(() => AcademicYear, {
    mapToPk: true,
    fieldName: 'academic_year_id',
    deleteRule: 'cascade',
  })
  academicYearId!: string;

  @Property({ type: 'smallint' })
  grade!: number;

  @ManyToOne(() => Subject, { deleteRule: 'restrict' })
  subject!: Rel<Subject>;

  /** Halves allowed (0.5 h: a subject taught every other week). */
  @Property(hoursColumn)
  hoursPerWeek!: number;
}

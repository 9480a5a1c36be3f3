import { Check, Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';
import { AcademicYear } from '../../academic-years/entities/academic-year.entity';
import { Person } from '../../people/entities/person.entity';

/** A class of one academic year (O3): grade and letter, e.g. 7Б, with its class teacher. */
@Entity({ tableName: 'classes' })
@Unique({
  name: 'classes_year_grade_letter_unique',
  properties: ['academicYearId', 'grade', 'letter'],
})
@Index({ properties: ['schoolId', 'academicYearId'] })
@Index({ properties: ['classTeacher'] })
@Check({ name: 'classes_grade_range', expression: 'grade >= 1 and grade <= 11' })
export class SchoolClass extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @ManyToOne(() => AcademicYear, {
    mapToPk: true,
    fieldName: 'academic_year_id',
    deleteRule: 'restrict',
  })
  academicYearId!: string;

  @Property({ type: 'smallint' })
  grade!: number;

  /** Upper-case Cyrillic letter(s), e.g. «Б». */
  @Property({ type: 'text' })
  letter!: string;

  /** A member of staff; a class teacher is a teacher assigned to a class, not a role. */
  @ManyToOne(() => Person, { nullable: true, deleteRule: 'set null' })
  classTeacher: Rel<Person> | null = null;
}

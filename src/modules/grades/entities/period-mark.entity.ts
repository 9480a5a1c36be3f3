import { Check, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';
import { AcademicYear } from '../../academic-years/entities/academic-year.entity';
import { StudyPeriod } from '../../academic-years/entities/study-period.entity';
import { SchoolClass } from '../../classes/entities/school-class.entity';
import { Person } from '../../people/entities/person.entity';
import { Subject } from '../../reference-data/entities/subject.entity';

export const PERIOD_MARK_KINDS = ['period', 'year', 'exam', 'final'] as const;
export type PeriodMarkKind = (typeof PERIOD_MARK_KINDS)[number];

/**
 * A mark for a quarter or half-year (`period`), the year, an exam, or the final mark (J4).
 * A trigger refuses changes once the study period is closed; year marks lock when every
 * period of the class's grade in that year is closed. Exam and final marks, given after the
 * last period, are not locked by periods.
 */
@Entity({ tableName: 'period_marks' })
@Unique({
  name: 'period_marks_one_per_kind',
  expression:
    'create unique index period_marks_one_per_kind on period_marks (student_id, subject_id, academic_year_id, kind, study_period_id) nulls not distinct',
})
@Index({ properties: ['schoolClassId', 'subjectId'] })
@Check({
  name: 'period_marks_period_with_kind',
  expression: "(kind = 'period') = (study_period_id is not null)",
})
export class PeriodMark extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @ManyToOne(() => Person, { mapToPk: true, fieldName: 'student_id', deleteRule: 'restrict' })
  studentId!: string;

  /** The class the student was in when the mark was given. */
  @ManyToOne(() => SchoolClass, {
    mapToPk: true,
    fieldName: 'class_id',
    deleteRule: 'restrict',
  })
  schoolClassId!: string;

  @ManyToOne(() => Subject, { mapToPk: true, fieldName: 'subject_id', deleteRule: 'restrict' })
  subjectId!: string;

  @ManyToOne(() => AcademicYear, {
    mapToPk: true,
    fieldName: 'academic_year_id',
    deleteRule: 'restrict',
  })
  academicYearId!: string;

  @Enum({ items: () => PERIOD_MARK_KINDS, type: 'text' })
  kind!: PeriodMarkKind;

  /** The quarter or half-year of a `period` mark; null for the other kinds. */
  @ManyToOne(() => StudyPeriod, {
    mapToPk: true,
    fieldName: 'study_period_id',
    nullable: true,
    deleteRule: 'restrict',
  })
  studyPeriodId: string | null = null;

  /** A value of the subject's scale, or «н/а» (not attested) or «осв» (exempt). */
  @Property({ type: 'text' })
  value!: string;

  @Property({ type: 'decimal', precision: 5, scale: 2, nullable: true })
  score: string | null = null;

  @Property({ type: 'text', nullable: true })
  comment: string | null = null;

  @Property({ type: 'uuid' })
  givenBy!: string;
}

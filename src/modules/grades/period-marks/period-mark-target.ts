import type { FieldError } from '../../../core/http/problem';
import type { AcademicYear } from '../../academic-years/entities/academic-year.entity';
import type { StudyPeriod } from '../../academic-years/entities/study-period.entity';
import { type SchoolClass } from '../../classes/entities/school-class.entity';
import { className } from '../../classes/class-name';
import type { Subject } from '../../reference-data/entities/subject.entity';
import type { PeriodMarkKind } from '../entities/period-mark.entity';

/** What a period (year, exam, final) mark is about: a class's subject, its kind and, for `period`, when. */
export interface PeriodMarkTarget {
  schoolClass: SchoolClass;
  subject: Subject;
  kind: PeriodMarkKind;
  /** The quarter or half-year of a `period` mark, else null. */
  period: StudyPeriod | null;
  /** The dates students must have been in the class: the period's, else the year's. */
  from: string;
  to: string;
  /** «1 четверть», «2026/2027». */
  label: string;
}

/** What a write or suggestion asks for. */
export interface TargetRequest {
  schoolClass: SchoolClass;
  subject: Subject;
  kind: PeriodMarkKind;
  studyPeriodId: string | undefined;
}

/**
 * What was found for the request: the class's year, or the asked period when it is one of the
 * class's grade in the class's year (`StudyPeriodsService.periodOfGrade`), else null.
 */
export interface TargetFacts {
  year?: Pick<AcademicYear, 'startsOn' | 'endsOn' | 'name'> | null;
  period?: StudyPeriod | null;
}

/** Which facts resolving the request needs (nothing to find when it is bad as asked). */
export const factsNeeded = ({
  kind,
  studyPeriodId,
}: Pick<TargetRequest, 'kind' | 'studyPeriodId'>) =>
  kind === 'period'
    ? { year: false, period: studyPeriodId !== undefined }
    : { year: studyPeriodId === undefined, period: false };

/**
 * The kind and period a write or suggestion is about: a `period` needs a quarter or
 * half-year of the class's grade in the class's year; the other kinds take none.
 */
export function resolveTarget(
  request: TargetRequest,
  facts: TargetFacts,
): { target: PeriodMarkTarget } | { error: FieldError } {
  const { schoolClass, subject, kind, studyPeriodId } = request;
  const base = { schoolClass, subject, kind };
  if (kind !== 'period') {
    if (studyPeriodId !== undefined) {
      return {
        error: {
          field: 'studyPeriodId',
          messages: [`only for kind period (a ${kind} mark is of the whole year)`],
        },
      };
    }
    const { year } = facts;
    if (!year) throw new Error(`The year of class ${schoolClass.id} was not read`);
    return {
      target: { ...base, period: null, from: year.startsOn, to: year.endsOn, label: year.name },
    };
  }
  if (studyPeriodId === undefined) {
    return { error: { field: 'studyPeriodId', messages: ['is required for kind period'] } };
  }
  const { period } = facts;
  if (!period) {
    return {
      error: {
        field: 'studyPeriodId',
        messages: [
          `must be a study period of grade ${schoolClass.grade} in the year of ${className(schoolClass)}`,
        ],
      },
    };
  }
  return {
    target: { ...base, period, from: period.startsOn, to: period.endsOn, label: period.name },
  };
}

/** The unique slot of a student's mark: subject, year, kind, period. */
export const slotOf = (target: PeriodMarkTarget) => ({
  subjectId: target.subject.id,
  academicYearId: target.schoolClass.academicYearId,
  kind: target.kind,
  studyPeriodId: target.period?.id ?? null,
});

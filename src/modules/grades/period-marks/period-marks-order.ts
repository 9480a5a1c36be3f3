import { PERIOD_MARK_KINDS, type PeriodMark } from '../entities/period-mark.entity';

/** What the order needs to know of the marks' students, periods and subjects. */
export interface PeriodMarkNames {
  /** Students' places in name order. */
  studentRank: Map<string, number>;
  /** Periods' first days. */
  periodStart: Map<string, string>;
  subjectName: Map<string, string>;
}

/** By kind (period, year, exam, final), period, subject name, then student name. */
export function orderPeriodMarks(marks: PeriodMark[], names: PeriodMarkNames): PeriodMark[] {
  const { studentRank, periodStart, subjectName } = names;
  const start = (mark: PeriodMark) => periodStart.get(mark.studyPeriodId ?? '') ?? '';
  const subject = (mark: PeriodMark) => subjectName.get(mark.subjectId) ?? '';
  return [...marks].sort(
    (a, b) =>
      PERIOD_MARK_KINDS.indexOf(a.kind) - PERIOD_MARK_KINDS.indexOf(b.kind) ||
      start(a).localeCompare(start(b)) ||
      subject(a).localeCompare(subject(b), 'ru') ||
      (studentRank.get(a.studentId) ?? 0) - (studentRank.get(b.studentId) ?? 0),
  );
}

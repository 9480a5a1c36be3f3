import type { ReportColumn } from '../render/report-document';

/** Lessons missed by reason, as reports count them (attendance.sql.ts). */
export interface AbsenceTally {
  /** Б — болезнь. */
  ill: number;
  /** У — уважительная причина. */
  excused: number;
  /** Н — неуважительная причина. */
  unexcused: number;
  /** О — опоздания (not a missed lesson). */
  late: number;
  /** Б + У + Н. */
  missed: number;
  /** Б + У: missed for a valid reason. */
  missedExcused: number;
}

const CODES: Record<string, keyof AbsenceTally> = {
  Б: 'ill',
  У: 'excused',
  Н: 'unexcused',
  О: 'late',
};

export const emptyTally = (): AbsenceTally => ({
  ill: 0,
  excused: 0,
  unexcused: 0,
  late: 0,
  missed: 0,
  missedExcused: 0,
});

/** Adds `lessons` with reason `code` to the tally. A school's own extra codes count as Н. */
export function addAbsences(tally: AbsenceTally, code: string, lessons: number): void {
  const kind = CODES[code] ?? 'unexcused';
  tally[kind] += lessons;
  if (kind === 'late') return;
  tally.missed += lessons;
  if (kind !== 'unexcused') tally.missedExcused += lessons;
}

/** The tally of a `{ code: lessons }` object, as the reports' SQL aggregates it. */
export function tallyOf(absences: Record<string, number>): AbsenceTally {
  const tally = emptyTally();
  for (const [code, lessons] of Object.entries(absences)) addAbsences(tally, code, lessons);
  return tally;
}

export function sumTallies(tallies: AbsenceTally[]): AbsenceTally {
  const sum = emptyTally();
  for (const tally of tallies) {
    for (const key of Object.keys(sum) as (keyof AbsenceTally)[]) sum[key] += tally[key];
  }
  return sum;
}

/** The tally's columns, under the headers schools use. */
export const TALLY_COLUMNS: ReportColumn[] = [
  { key: 'missed', title: 'Пропущено уроков', kind: 'number' },
  { key: 'missedExcused', title: 'из них по уважительной причине', kind: 'number' },
  { key: 'ill', title: 'Б (болезнь)', kind: 'number' },
  { key: 'excused', title: 'У (уважительная)', kind: 'number' },
  { key: 'unexcused', title: 'Н (неуважительная)', kind: 'number' },
  { key: 'late', title: 'О (опоздания)', kind: 'number' },
];

/**
 * What every report builds, whatever format it is delivered in: a title, a few lines that
 * say what it covers, and tables. The JSON format is this document itself (what a front end
 * renders); CSV, XLSX and PDF are renderings of it.
 */
export type CellValue = string | number | null;

export type ColumnKind =
  /** Text, left-aligned. */
  | 'text'
  /** A count or a mark, right-aligned. */
  | 'number'
  /** A share in per cent, 0–100, shown with one decimal. */
  | 'percent'
  /** An average, shown with two decimals. */
  | 'decimal';

export interface ReportColumn {
  /** Key of the value in each row, stable for integrators (`student`, `missedExcused`). */
  key: string;
  /** The header as the school reads it, in Russian («Пропущено уроков»). */
  title: string;
  kind: ColumnKind;
}

export interface ReportTable {
  /** Shown above the table (and names the XLSX sheet); omitted for a report's only table. */
  title?: string;
  columns: ReportColumn[];
  rows: Record<string, CellValue>[];
  /** A closing row («Итого»), styled apart from the rows. */
  totals?: Record<string, CellValue>;
}

export interface ReportDocument {
  /** «Сводная ведомость учёта посещаемости» */
  title: string;
  /** What it covers: school, class, period, dates, who built it and when. */
  subtitle: string[];
  tables: ReportTable[];
  /** Free text under the tables (footnotes, the meaning of abbreviations). */
  notes?: string[];
}

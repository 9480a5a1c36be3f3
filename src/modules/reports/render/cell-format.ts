import type { CellValue, ColumnKind } from './report-document';

// Russian conventions: a decimal comma, no digit grouping (Excel in a Russian locale reads
// «1234,5» as a number; a grouped «1 234,5» would stay text). signDisplay keeps «-0,0» away.
const NUMBER_FORMATS: Record<Exclude<ColumnKind, 'text'>, Intl.NumberFormat> = {
  number: new Intl.NumberFormat('ru-RU', {
    maximumFractionDigits: 2,
    useGrouping: false,
    signDisplay: 'negative',
  }),
  percent: new Intl.NumberFormat('ru-RU', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    useGrouping: false,
    signDisplay: 'negative',
  }),
  decimal: new Intl.NumberFormat('ru-RU', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    useGrouping: false,
    signDisplay: 'negative',
  }),
};

/** Whether a column's values are figures (right-aligned, stored as numbers in XLSX). */
export function isNumericKind(kind: ColumnKind): kind is Exclude<ColumnKind, 'text'> {
  return kind !== 'text';
}

/**
 * A cell as a person reads it: `12,5` for a percent, `4,25` for an average, `7` for a count,
 * an empty string for null. Text (including text in a figure column, e.g. «н/д») is kept as is,
 * a number in a text column reads as a count, and a number that is not finite is shown empty.
 */
export function formatCell(value: CellValue | undefined, kind: ColumnKind): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '';
  return NUMBER_FORMATS[isNumericKind(kind) ? kind : 'number'].format(value);
}

import { formatCell } from './cell-format';
import type { CellValue, ColumnKind, ReportDocument, ReportTable } from './report-document';

// What Excel in a Russian locale opens by double-click: the BOM tells it the file is UTF-8
// (without it Cyrillic turns into mojibake), `;` is the list separator where `,` is the
// decimal mark, and CRLF ends each record (RFC 4180).
const BOM = '\uFEFF';
const SEPARATOR = ';';
const EOL = '\r\n';

// A text cell starting with one of these would run as a formula when the file is opened
// (CSV injection); a leading apostrophe keeps it text. Figures are never prefixed.
const FORMULA_START = /^[=+\-@\t\r]/;

/** The report as CSV for Excel: UTF-8 with a BOM, `;`-separated, decimal commas. */
export function renderCsv(doc: ReportDocument): Buffer {
  const lines: string[][] = [[text(doc.title)], ...doc.subtitle.map((line) => [text(line)]), []];
  doc.tables.forEach((table, index) => {
    if (index > 0) lines.push([]);
    lines.push(...tableLines(table));
  });
  if (doc.notes?.length) lines.push([], ...doc.notes.map((note) => [text(note)]));
  const csv = lines.map((fields) => fields.map(quote).join(SEPARATOR) + EOL).join('');
  return Buffer.from(BOM + csv, 'utf8');
}

function tableLines(table: ReportTable): string[][] {
  const row = (values: Record<string, CellValue>): string[] =>
    table.columns.map((column) => cell(values[column.key], column.kind));
  return [
    ...(table.title ? [[text(table.title)]] : []),
    table.columns.map((column) => text(column.title)),
    ...table.rows.map(row),
    ...(table.totals ? [row(table.totals)] : []),
  ];
}

function cell(value: CellValue | undefined, kind: ColumnKind): string {
  return typeof value === 'string' ? text(value) : formatCell(value, kind);
}

function text(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** RFC 4180: a field holding the separator, a quote or a line break is quoted, quotes doubled. */
function quote(field: string): string {
  return /[";\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

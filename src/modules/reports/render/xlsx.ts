import ExcelJS from 'exceljs';
import { formatCell, isNumericKind } from './cell-format';
import type { CellValue, ColumnKind, ReportDocument, ReportTable } from './report-document';
import { sheetNames } from './sheet-names';

// Figures stay numbers, so sums and charts work; the format only decides how they look.
// Percents are 0–100 (not Excel's 0–1 `%` scale), so they get a plain one-decimal format.
const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = {
  text: undefined,
  number: undefined,
  percent: '0.0',
  decimal: '0.00',
};
// Column widths in Excel's character units.
const MIN_WIDTH = 6;
const MAX_WIDTH = 50;
const MAX_HEADER_WIDTH = 24;
const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFE8E8E8' },
};
// A whole font each time: exceljs replaces a row's font rather than merging into it.
const FONT = { name: 'Calibri', size: 11 };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF999999' } };

export interface XlsxOptions {
  /** Stored as the workbook's creation time; without it exceljs takes the current time. */
  generatedAt?: Date;
}

/** The report as an Excel workbook: one worksheet per table, each headed by the title. */
export async function renderXlsx(doc: ReportDocument, options: XlsxOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'school-journal';
  workbook.title = doc.title;
  if (options.generatedAt) {
    workbook.created = options.generatedAt;
    workbook.modified = options.generatedAt;
  }
  const names = sheetNames(doc.tables);
  doc.tables.forEach((table, index) => addSheet(workbook, names[index], doc, table));
  if (doc.tables.length === 0) addSheet(workbook, 'Отчёт', doc, { columns: [], rows: [] });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  doc: ReportDocument,
  table: ReportTable,
): void {
  const sheet = workbook.addWorksheet(name);
  sheet.addRow([doc.title]).font = { ...FONT, bold: true, size: 14 };
  doc.subtitle.forEach((line) => sheet.addRow([line]));
  sheet.addRow([]);
  if (table.title) sheet.addRow([table.title]).font = { ...FONT, bold: true, size: 12 };

  const header = sheet.addRow(table.columns.map((column) => column.title));
  header.font = { ...FONT, bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
    cell.alignment = { wrapText: true, vertical: 'middle' };
  });
  // The header stays in view while scrolling and is printed on every page.
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  sheet.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
  sheet.pageSetup.paperSize = 9; // A4
  sheet.pageSetup.orientation = table.columns.length > 8 ? 'landscape' : 'portrait';
  sheet.pageSetup.fitToPage = true;
  sheet.pageSetup.fitToWidth = 1;
  sheet.pageSetup.fitToHeight = 0;

  table.rows.forEach((row) => addValues(sheet, table, row));
  if (table.totals) {
    const totals = addValues(sheet, table, table.totals);
    totals.font = { ...FONT, bold: true };
    table.columns.forEach((_, index) => (totals.getCell(index + 1).border = { top: THIN }));
  }
  if (doc.notes?.length) {
    sheet.addRow([]);
    doc.notes.forEach((note) => (sheet.addRow([note]).font = { ...FONT, italic: true }));
  }
  fitColumns(sheet, table);
}

function addValues(
  sheet: ExcelJS.Worksheet,
  table: ReportTable,
  values: Record<string, CellValue>,
): ExcelJS.Row {
  const row = sheet.addRow(table.columns.map((column) => cellValue(values[column.key])));
  table.columns.forEach((column, index) => {
    const cell = row.getCell(index + 1);
    const format = NUMBER_FORMATS[column.kind];
    if (format && typeof cell.value === 'number') cell.numFmt = format;
    cell.alignment = isNumericKind(column.kind)
      ? { horizontal: 'right', vertical: 'top' }
      : { wrapText: true, vertical: 'top' };
  });
  return row;
}

/** Null and non-finite figures become empty cells; Excel has no NaN. */
function cellValue(value: CellValue | undefined): string | number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return value ?? null;
}

/** Wide enough for the longest value shown (capped; longer text wraps) and the header. */
function fitColumns(sheet: ExcelJS.Worksheet, table: ReportTable): void {
  table.columns.forEach((column, index) => {
    const rows = table.totals ? [...table.rows, table.totals] : table.rows;
    const longest = rows.reduce(
      (most, row) => Math.max(most, formatCell(row[column.key], column.kind).length),
      0,
    );
    const header = Math.min(column.title.length, MAX_HEADER_WIDTH);
    const width = Math.max(longest, header) + 2;
    sheet.getColumn(index + 1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width));
  });
}

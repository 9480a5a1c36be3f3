/**
 * Reading an uploaded table (CSV or XLSX) into text cells: shared by the imports (class
 * lists, thematic plans), each of which then maps the header and checks the rows itself.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const IMPORT_MEDIA_TYPES = [CSV_TYPE, XLSX_TYPE] as const;
export type ImportMediaType = (typeof IMPORT_MEDIA_TYPES)[number];

/** The file as a table of text cells: the header and the data rows with their sheet numbers. */
export interface RawTable {
  header: string[];
  /** `row` is the spreadsheet row number (the header is row 1). */
  rows: { row: number; cells: string[] }[];
}

/** The file cannot be read as the import's table at all (not a row's error): answered with 400. */
export class ImportFileError extends Error {}

/** Reads a CSV (UTF-8, `;` or `,`) or the first worksheet of an XLSX file into text cells. */
export async function readImportFile(body: Buffer, type: ImportMediaType): Promise<RawTable> {
  if (body.length === 0) throw new ImportFileError('файл пуст');
  const records = type === CSV_TYPE ? readCsv(body) : await readXlsx(body);
  const [header, ...data] = records;
  if (!header || header.every((cell) => cell.trim() === '')) {
    throw new ImportFileError('в первой строке файла должны быть названия столбцов');
  }
  return { header, rows: data.map((cells, index) => ({ row: index + 2, cells })) };
}

function readCsv(body: Buffer): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new ImportFileError('CSV-файл должен быть в кодировке UTF-8');
  }
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // Russian Excel writes `;`, most other tools `,`: whichever the header uses more wins.
  const delimiter = count(firstLine, ';') >= count(firstLine, ',') ? ';' : ',';
  try {
    return parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    throw new ImportFileError(`не удалось прочитать CSV: ${(error as Error).message}`);
  }
}

const count = (text: string, char: string) => text.split(char).length - 1;

/** Headers are compared case-insensitively, with «ё» as «е» and runs of spaces collapsed. */
export const normalizeHeader = (header: string): string =>
  header.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/** The data rows that have something in them: fully empty rows are skipped by every import. */
export const filledRows = (table: RawTable): RawTable['rows'] =>
  table.rows.filter((r) => r.cells.some((cell) => cell.trim() !== ''));

async function readXlsx(body: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings want its own Buffer flavour; the bytes are what matter.
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError('не удалось прочитать XLSX-файл');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportFileError('в XLSX-файле нет листов');
  const width = sheet.columnCount;
  const records: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    records.push(cells);
  }
  return records;
}

/** A cell as text; a date cell becomes `YYYY-MM-DD` (exceljs reads dates as UTC midnight). */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result);
  if ('text' in value) return cellText(value.text);
  return '';
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';

/*
 * Readers of report files that share no code with what wrote them: poppler for PDF,
 * read-excel-file for XLSX (the reports write with exceljs).
 */

function withFile<T>(content: Buffer, extension: string, read: (path: string) => T): T {
  const directory = mkdtempSync(join(tmpdir(), 'report-read-'));
  const path = join(directory, `file.${extension}`);
  try {
    writeFileSync(path, content);
    return read(path);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The PDF's text as `pdftotext -layout` extracts it (pages separated by form feeds). */
export const pdfText = (pdf: Buffer): string =>
  withFile(pdf, 'pdf', (path) =>
    execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }),
  );

/** Each page's text in content order (`pdftotext -raw`), where a diagonal watermark reads whole. */
export const rawPages = (pdf: Buffer): string[] =>
  withFile(pdf, 'pdf', (path) =>
    execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1),
  );

/** The PDF's page count as `pdfinfo` reports it. */
export const pdfPages = (pdf: Buffer): number =>
  withFile(pdf, 'pdf', (path) => {
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    return Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
  });

/** Every sheet of the workbook: its name and its rows of cell values. */
export async function readXlsxSheets(
  xlsx: Buffer,
): Promise<{ name: string; rows: (string | number | boolean | null)[][] }[]> {
  const sheets = await readXlsxFile(xlsx);
  return sheets.map((sheet) => ({
    name: sheet.sheet,
    rows: sheet.data.map((row) =>
      row.map((cell) =>
        cell instanceof Date ? cell.toISOString() : (cell as string | number | boolean | null),
      ),
    ),
  }));
}

/** The rows of a CSV report (`;`, BOM), as csv-parse reads them. */
export function csvRows(csv: Buffer): string[][] {
  return parse(csv, { delimiter: ';', bom: true, relax_column_count: true });
}

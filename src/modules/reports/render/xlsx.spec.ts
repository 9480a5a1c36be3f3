import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { attendanceReport, longReport } from '../../../../test/support/report-fixtures';
import type { ReportDocument, ReportTable } from './report-document';
import { renderXlsx } from './xlsx';

// Values are read back with read-excel-file, the styles from the XML itself (`unzip -p`):
// never with exceljs, which wrote the file.
const dir = mkdtempSync(join(tmpdir(), 'report-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function part(xlsx: Buffer, name: string): string {
  const file = join(dir, 'report.xlsx');
  writeFileSync(file, xlsx);
  return execFileSync('unzip', ['-p', file, name], { encoding: 'utf8' });
}

/** A cell's number format code and whether its font is bold, from styles.xml. */
function styleOf(xlsx: Buffer, sheet: number, ref: string): { format: string; bold: boolean } {
  const cell = new RegExp(`<c r="${ref}"(?: s="(\\d+)")?`).exec(
    part(xlsx, `xl/worksheets/sheet${sheet}.xml`),
  );
  const styles = part(xlsx, 'xl/styles.xml');
  const xfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/.exec(styles)![1].match(/<xf [^>]*>/g)!;
  const xf = xfs[Number(cell?.[1] ?? 0)];
  const formatId = /numFmtId="(\d+)"/.exec(xf)![1];
  const custom = new RegExp(`<numFmt numFmtId="${formatId}" formatCode="([^"]*)"`).exec(styles);
  const builtIn: Record<string, string> = { '0': 'General', '1': '0', '2': '0.00' };
  const fonts = /<fonts[^>]*>(.*?)<\/fonts>/.exec(styles)![1].match(/<font>.*?<\/font>/g)!;
  const font = fonts[Number(/fontId="(\d+)"/.exec(xf)![1])];
  return { format: custom?.[1] ?? builtIn[formatId], bold: font.includes('<b/>') };
}

describe('renderXlsx', () => {
  it('puts the title and subtitle on top, then the header and the rows, numbers as numbers', async () => {
    const sheets = await readXlsxFile(await renderXlsx(attendanceReport()));
    expect(sheets.map((sheet) => sheet.sheet)).toEqual(['Отчёт']);
    const rows = sheets[0].data.map((row) => row.filter((cell) => cell !== null));
    expect(rows).toEqual([
      ['Сводная ведомость учёта посещаемости'],
      ['МБОУ «Средняя школа № 5»'],
      ['Класс: 7А'],
      ['Период: 01.09.2025 – 31.10.2025'],
      ['Сформировал: Петрова Анна Сергеевна'],
      [],
      [
        'Ученик',
        'Уроков',
        'Пропущено уроков',
        'По уважительной причине',
        'Доля пропусков, %',
        'Средний балл',
      ],
      ['Иванов Иван', 120, 12, 10, 10, 4.5],
      ['Петрова Мария', 120, 3, 3, 2.5, 4.25],
      ['Сидоров Пётр', 118, 0, 0, 0],
      ['Итого', 358, 15, 13, 4.19, 4.38],
      [],
      ['Доля пропусков считается от числа проведённых уроков.'],
    ]);
    // The null average is an empty cell, not 0 or "".
    expect(sheets[0].data[9]).toEqual(['Сидоров Пётр', 118, 0, 0, 0, null]);
  });

  it('formats percents with one decimal and averages with two, bolds header and totals, freezes the header', async () => {
    const xlsx = await renderXlsx(attendanceReport());
    // Row 7 is the header, 8–10 the students, 11 the totals.
    expect(styleOf(xlsx, 1, 'E8')).toEqual({ format: '0.0', bold: false });
    expect(styleOf(xlsx, 1, 'F8')).toEqual({ format: '0.00', bold: false });
    expect(styleOf(xlsx, 1, 'B8')).toEqual({ format: 'General', bold: false });
    expect(styleOf(xlsx, 1, 'A7').bold).toBe(true);
    expect(styleOf(xlsx, 1, 'A11').bold).toBe(true);
    expect(styleOf(xlsx, 1, 'E11')).toEqual({ format: '0.0', bold: true });
    const sheet = part(xlsx, 'xl/worksheets/sheet1.xml');
    expect(sheet).toMatch(/<pane [^>]*ySplit="7"[^>]*state="frozen"/);
    // Wider for the longer header than for a column of short counts.
    const widths = [...sheet.matchAll(/<col min="\d+"[^>]*width="([\d.]+)"/g)].map((m) => +m[1]);
    expect(widths).toHaveLength(6);
    expect(widths[3]).toBeGreaterThan(widths[1]);
  });

  it('gives each table a sheet with a valid, unique name', async () => {
    const table = (title?: string): ReportTable => ({
      title,
      columns: [{ key: 'n', title: 'Число', kind: 'number' }],
      rows: [{ n: 1 }],
    });
    const doc: ReportDocument = {
      title: 'Несколько таблиц',
      subtitle: [],
      tables: [
        table('7А: посещаемость [сентябрь]'),
        table('7А: посещаемость [сентябрь]'),
        table('Очень длинное название таблицы, которое не влезает в имя листа'),
        table(),
        table('History'),
        table("'/?*'"),
      ],
    };
    const sheets = await readXlsxFile(await renderXlsx(doc));
    const names = sheets.map((sheet) => sheet.sheet);
    expect(names).toEqual([
      '7А посещаемость сентябрь',
      '7А посещаемость сентябрь (2)',
      'Очень длинное название таблицы,',
      'Таблица 4',
      'History (2)',
      'Таблица 6',
    ]);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
    // Each sheet carries the report's title and its table's own title.
    expect(sheets[0].data[0][0]).toBe('Несколько таблиц');
    expect(sheets[0].data[2][0]).toBe('7А: посещаемость [сентябрь]');
  });

  it('holds a long table whole, every figure a number', async () => {
    const sheets = await readXlsxFile(await renderXlsx(longReport(120)));
    const header = sheets[0].data.findIndex((row) => row[0] === 'Ученик');
    const body = sheets[0].data.slice(header + 1);
    expect(body).toHaveLength(120);
    for (const row of body) {
      expect(typeof row[0]).toBe('string');
      row.slice(1).forEach((cell) => expect(typeof cell).toBe('number'));
    }
  });
});

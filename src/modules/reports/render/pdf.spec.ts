import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  attendanceReport,
  longReport,
  studentName,
  wideReport,
} from '../../../../test/support/report-fixtures';
import { renderPdf } from './pdf';
import type { ReportDocument } from './report-document';

// Read back with poppler (pdftotext, pdfinfo, pdffonts), never with pdfkit itself.
const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function save(pdf: Buffer): string {
  const file = join(dir, `report-${++files}.pdf`);
  writeFileSync(file, pdf);
  return file;
}
const run = (tool: string, ...args: string[]): string =>
  execFileSync(tool, args, { encoding: 'utf8' });
const text = (file: string, ...args: string[]): string => run('pdftotext', ...args, file, '-');
const pageText = (file: string, page: number, mode = '-layout'): string =>
  text(file, mode, '-f', String(page), '-l', String(page));
const info = (file: string): Record<string, string> =>
  Object.fromEntries(
    run('pdfinfo', file)
      .split('\n')
      .filter((line) => line.includes(':'))
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
  );
const count = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

const GENERATED_AT = new Date('2025-11-25T07:00:00Z');

describe('renderPdf', () => {
  it('writes the title, subtitle, headers, cells, totals and notes in extractable Cyrillic', async () => {
    const file = save(
      await renderPdf(attendanceReport(), {
        generatedAt: GENERATED_AT,
        timeZone: 'Europe/Moscow',
      }),
    );
    const content = text(file, '-layout');
    for (const expected of [
      'Сводная ведомость учёта посещаемости',
      'МБОУ «Средняя школа № 5»',
      'Класс: 7А',
      'Ученик',
      'Средний',
      'Иванов Иван',
      'Сидоров Пётр',
      'Итого',
      'Доля пропусков считается от числа проведённых уроков.',
      'Сформировано 25.11.2025 10:00',
      'Страница 1 из 1',
    ]) {
      expect(content).toContain(expected);
    }
    // Percent with one decimal, averages with two, decimal commas.
    expect(content).toMatch(/Иванов Иван\s+120\s+12\s+10\s+10,0\s+4,50/);
    expect(content).toMatch(/Итого\s+358\s+15\s+13\s+4,2\s+4,38/);
    expect(content).not.toContain('Черновик');

    const meta = info(file);
    expect(meta['Page size']).toBe('595.28 x 841.89 pts (A4)');
    expect(meta.Pages).toBe('1');
    expect(meta.Title).toBe('Сводная ведомость учёта посещаемости');
  });

  it('embeds every font it uses', async () => {
    const file = save(await renderPdf(attendanceReport(), { draft: true }));
    const fonts = run('pdffonts', file).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const font of fonts) {
      // name, type (two words), encoding, then emb sub uni
      expect(font).toMatch(/DejaVuSans\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    }
  });

  it('runs a long table over several pages, the header repeated and every page numbered', async () => {
    const file = save(await renderPdf(longReport(120), { generatedAt: GENERATED_AT }));
    const pages = Number(info(file).Pages);
    expect(pages).toBeGreaterThanOrEqual(3);
    const all = text(file, '-layout');
    expect(count(all, 'Ученик')).toBe(pages);
    expect(count(all, 'Средний')).toBe(pages);
    expect(count(all, 'Все ученики параллели')).toBe(1);
    for (let page = 1; page <= pages; page++) {
      const content = pageText(file, page);
      expect(content).toContain(`Страница ${page} из ${pages}`);
      expect(content).toContain('Сформировано 25.11.2025 07:00 UTC');
      expect(count(content, 'Ученик')).toBe(1);
    }
    // Every row once: none lost or repeated at a page break.
    for (let index = 0; index < 120; index++) {
      expect(count(all, `${studentName(index)} `)).toBe(1);
    }
  });

  it('turns to landscape for a wide table and keeps it inside the margins', async () => {
    const file = save(await renderPdf(wideReport(20)));
    expect(info(file)['Page size']).toBe('841.89 x 595.28 pts (A4)');
    const content = text(file, '-layout');
    expect(content).toContain('01.09');
    expect(content).toContain('19.09');
    expect(content).toContain('Страница 1 из 1');
    expectInside(file, 841.89);
  });

  it('shrinks the font for a table too wide even for landscape, still inside the page', async () => {
    const doc = wideReport(40);
    doc.tables[0].columns.forEach((column, index) => {
      if (index > 0) column.title = `Пропущено уроков ${column.title}`;
    });
    const file = save(await renderPdf(doc));
    expect(info(file).Pages).toBe('1');
    // The whole row is there, one figure per day (the name wraps at this width).
    const row = text(file, '-layout')
      .split('\n')
      .find((line) => line.startsWith('Иванов'));
    expect(row?.trim().split(/\s+/)).toEqual(['Иванов', ...'012'.repeat(13).split('')]);
    expectInside(file, 841.89);
  });

  it('stamps «Черновик» on every page of a draft', async () => {
    const file = save(await renderPdf(longReport(120), { draft: true }));
    const pages = Number(info(file).Pages);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let page = 1; page <= pages; page++) {
      // Diagonal text comes out one glyph per line: read it in content order, spaces dropped.
      expect(pageText(file, page, '-raw').replace(/\s+/g, '')).toContain('Черновик');
    }
  });

  it('wraps long text, says when a table has no rows, and titles each table', async () => {
    const doc: ReportDocument = {
      title: 'Замечания',
      subtitle: [],
      tables: [
        {
          title: 'Первая таблица',
          columns: [
            { key: 'student', title: 'Ученик', kind: 'text' },
            { key: 'note', title: 'Замечание', kind: 'text' },
          ],
          rows: [{ student: 'Иванов Иван', note: 'очень длинное замечание '.repeat(20).trim() }],
        },
        {
          title: 'Вторая таблица',
          columns: [{ key: 'x', title: 'Икс', kind: 'number' }],
          rows: [],
        },
      ],
    };
    const file = save(await renderPdf(doc));
    const content = text(file, '-layout');
    expect(content).toContain('Первая таблица');
    expect(content).toContain('Вторая таблица');
    expect(content).toContain('Нет данных');
    expect(count(content, 'замечание')).toBe(20);
    expectInside(file, 595.28);
  });

  it('gives the same bytes for the same document and time', async () => {
    const options = { generatedAt: GENERATED_AT, timeZone: 'Asia/Yekaterinburg', draft: true };
    const first = await renderPdf(longReport(50), options);
    const second = await renderPdf(longReport(50), options);
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    expect(first.equals(second)).toBe(true);
  });
});

/** Every word poppler finds lies within the side margins (36 pt) of a page `width` wide. */
function expectInside(file: string, width: number): void {
  const boxes = [...text(file, '-bbox').matchAll(/<word xMin="([\d.]+)" [^>]*xMax="([\d.]+)"/g)];
  expect(boxes.length).toBeGreaterThan(0);
  for (const [, xMin, xMax] of boxes) {
    expect(Number(xMin)).toBeGreaterThanOrEqual(35);
    expect(Number(xMax)).toBeLessThanOrEqual(width - 35);
  }
}

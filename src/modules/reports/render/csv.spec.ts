import { parse } from 'csv-parse/sync';
import { attendanceReport } from '../../../../test/support/report-fixtures';
import { renderCsv } from './csv';
import type { ReportDocument } from './report-document';

// Read back with csv-parse, as Excel would read it: `;`-separated, BOM-prefixed UTF-8.
function read(csv: Buffer): string[][] {
  return parse(csv, { delimiter: ';', bom: true, relax_column_count: true });
}

describe('renderCsv', () => {
  it('starts with the UTF-8 BOM and ends every record with CRLF', () => {
    const csv = renderCsv(attendanceReport());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('lays out the title, subtitle, a blank line, the table with totals, then the notes', () => {
    expect(read(renderCsv(attendanceReport()))).toEqual([
      ['Сводная ведомость учёта посещаемости'],
      ['МБОУ «Средняя школа № 5»'],
      ['Класс: 7А'],
      ['Период: 01.09.2025 – 31.10.2025'],
      ['Сформировал: Петрова Анна Сергеевна'],
      [''],
      [
        'Ученик',
        'Уроков',
        'Пропущено уроков',
        'По уважительной причине',
        'Доля пропусков, %',
        'Средний балл',
      ],
      // Percent with one decimal, averages with two, counts plain, null empty: decimal commas.
      ['Иванов Иван', '120', '12', '10', '10,0', '4,50'],
      ['Петрова Мария', '120', '3', '3', '2,5', '4,25'],
      ['Сидоров Пётр', '118', '0', '0', '0,0', ''],
      ['Итого', '358', '15', '13', '4,2', '4,38'],
      [''],
      ['Доля пропусков считается от числа проведённых уроков.'],
    ]);
  });

  it('quotes separators, quotes and line breaks so they come back as they were', () => {
    const tricky = [
      'Смирнова; Анна',
      'Прозвище "Аня"',
      'Две\r\nстроки',
      'Одна\nстрока',
      'Ёжиков Фёдор',
    ];
    const doc: ReportDocument = {
      title: 'Заголовок; с "кавычками"',
      subtitle: [],
      tables: [
        {
          title: 'Первая',
          columns: [
            { key: 'name', title: 'Имя; фамилия', kind: 'text' },
            { key: 'mark', title: 'Балл', kind: 'decimal' },
          ],
          rows: tricky.map((name, index) => ({ name, mark: 3 + index / 4 })),
        },
        { title: 'Вторая', columns: [{ key: 'n', title: 'N', kind: 'number' }], rows: [{ n: -2 }] },
      ],
    };
    const csv = renderCsv(doc);
    expect(csv.toString('utf8')).toContain('"Прозвище ""Аня"""');
    const records = read(csv);
    expect(records[0]).toEqual(['Заголовок; с "кавычками"']);
    expect(records.slice(2, 9)).toEqual([
      ['Первая'],
      ['Имя; фамилия', 'Балл'],
      ...tricky.map((name, index) => [name, (3 + index / 4).toFixed(2).replace('.', ',')]),
    ]);
    // The tables are a blank line apart.
    expect(records.slice(9)).toEqual([[''], ['Вторая'], ['N'], ['-2']]);
  });

  it('keeps text that would run as a formula in Excel as text', () => {
    const doc: ReportDocument = {
      title: 'Отчёт',
      subtitle: [],
      tables: [
        {
          columns: [
            { key: 'note', title: 'Замечание', kind: 'text' },
            { key: 'delta', title: 'Изменение', kind: 'decimal' },
          ],
          rows: [
            { note: '=HYPERLINK("http://example.test")', delta: -1.5 },
            { note: '@SUM(A1)', delta: null },
          ],
        },
      ],
    };
    const records = read(renderCsv(doc));
    expect(records.slice(-2)).toEqual([
      ['\'=HYPERLINK("http://example.test")', '-1,50'],
      ["'@SUM(A1)", ''],
    ]);
  });
});

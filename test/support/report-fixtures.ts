import type {
  ReportColumn,
  ReportDocument,
  ReportTable,
} from '../../src/modules/reports/render/report-document';

/** Report documents built by hand for the renderers' tests: Cyrillic, every column kind. */

const SURNAMES = ['Иванов', 'Петров', 'Сидоров', 'Кузнецов', 'Смирнов', 'Попов', 'Соколов'];
const NAMES = ['Иван', 'Пётр', 'Алексей', 'Дмитрий', 'Сергей', 'Михаил', 'Андрей', 'Фёдор'];

export const ATTENDANCE_COLUMNS: ReportColumn[] = [
  { key: 'student', title: 'Ученик', kind: 'text' },
  { key: 'lessons', title: 'Уроков', kind: 'number' },
  { key: 'missed', title: 'Пропущено уроков', kind: 'number' },
  { key: 'missedExcused', title: 'По уважительной причине', kind: 'number' },
  { key: 'share', title: 'Доля пропусков, %', kind: 'percent' },
  { key: 'average', title: 'Средний балл', kind: 'decimal' },
];

const SUBTITLE = [
  'МБОУ «Средняя школа № 5»',
  'Класс: 7А',
  'Период: 01.09.2025 – 31.10.2025',
  'Сформировал: Петрова Анна Сергеевна',
];

/** One small table: three students, a null, a totals row and a note. */
export function attendanceReport(): ReportDocument {
  return {
    title: 'Сводная ведомость учёта посещаемости',
    subtitle: SUBTITLE,
    tables: [
      {
        columns: ATTENDANCE_COLUMNS,
        rows: [
          row('Иванов Иван', 120, 12, 10, 10, 4.5),
          row('Петрова Мария', 120, 3, 3, 2.5, 4.25),
          row('Сидоров Пётр', 118, 0, 0, 0, null),
        ],
        totals: row('Итого', 358, 15, 13, 4.19, 4.38),
      },
    ],
    notes: ['Доля пропусков считается от числа проведённых уроков.'],
  };
}

/** A class of `count` students: long enough to run over several pages. */
export function longReport(count = 120): ReportDocument {
  const rows = Array.from({ length: count }, (_, index) =>
    row(
      studentName(index),
      120,
      index % 17,
      index % 5,
      ((index % 17) / 120) * 100,
      3 + (index % 20) / 10,
    ),
  );
  return {
    title: 'Сводная ведомость учёта посещаемости',
    subtitle: SUBTITLE,
    tables: [{ title: 'Все ученики параллели', columns: ATTENDANCE_COLUMNS, rows }],
  };
}

/** A student column and `days - 1` day columns (from 1 September): too wide for portrait. */
export function wideReport(days = 20): ReportDocument {
  const dayColumns: ReportColumn[] = Array.from({ length: days - 1 }, (_, index) => ({
    key: `d${index + 1}`,
    title: dayTitle(index),
    kind: 'number',
  }));
  const table: ReportTable = {
    columns: [{ key: 'student', title: 'Ученик', kind: 'text' }, ...dayColumns],
    rows: Array.from({ length: 8 }, (_, index) => ({
      student: studentName(index),
      ...Object.fromEntries(dayColumns.map((column, day) => [column.key, (index + day) % 3])),
    })),
  };
  return { title: 'Пропуски по дням', subtitle: ['Класс: 7А', 'Сентябрь 2025'], tables: [table] };
}

/** «01.09», «02.09», … on into October: the school days a wide table has a column for. */
function dayTitle(index: number): string {
  const day = new Date(Date.UTC(2025, 8, 1 + index));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(day.getUTCDate())}.${pad(day.getUTCMonth() + 1)}`;
}

export function studentName(index: number): string {
  const surname = SURNAMES[index % SURNAMES.length];
  const name = NAMES[Math.floor(index / SURNAMES.length) % NAMES.length];
  return `${surname} ${name} ${index + 1}`;
}

function row(
  student: string,
  lessons: number,
  missed: number,
  missedExcused: number,
  share: number,
  average: number | null,
) {
  return { student, lessons, missed, missedExcused, share, average };
}

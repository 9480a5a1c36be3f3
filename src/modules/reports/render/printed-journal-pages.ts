import type { ReportColumn, ReportTable } from './report-document';

/**
 * The printed journal (J9) as its paper form has it, ready to lay out: what the title page and
 * the certification sheet say, and per subject the marks grid and the lesson records.
 */
export interface PrintedJournal {
  school: string;
  /** «7А» */
  className: string;
  /** «2026/2027» */
  yearName: string;
  /** «1 четверть (с 01.09.2026 по 24.10.2026)» */
  periodLabel: string;
  classTeacher: string | null;
  director: string | null;
  /** The certification date, the school's today: «25.11.2026». */
  certifiedOn: string;
  /** Full names, in the journal's order (№ is the position + 1). */
  students: string[];
  subjects: JournalSubject[];
  /** Per student, in the order of `students`. */
  attendance: AttendanceLine[];
}

export interface JournalSubject {
  name: string;
  lessons: JournalLesson[];
  /** `cells[student][lesson]`: marks joined «5/4», the absence code, or both («О 5»). */
  cells: string[][];
  /** Period (and year) marks at the grid's right: a title and a value per student. */
  finals: { title: string; values: string[] }[];
}

export interface JournalLesson {
  /** «07.09» */
  day: string;
  topic: string | null;
  homework: string | null;
  teacher: string;
}

export interface AttendanceLine {
  missed: number;
  excused: number;
  unexcused: number;
  late: number;
}

/** How many lesson dates one page pair holds, as on the paper form's spread. */
export const LESSONS_PER_SPREAD = 16;

/** One spread of a subject: the left page's grid and the right page's lesson records. */
export interface Spread {
  subject: string;
  /** «уроки 1–16 из 20» */
  range: string;
  left: ReportTable;
  right: ReportTable;
}

const text = (key: string, title: string): ReportColumn => ({ key, title, kind: 'text' });

/** A subject's spreads: its lessons in runs of LESSONS_PER_SPREAD, the finals on the last. */
export function spreadsOf(journal: PrintedJournal, subject: JournalSubject): Spread[] {
  const spreads: Spread[] = [];
  const total = subject.lessons.length;
  for (let start = 0; start < Math.max(total, 1); start += LESSONS_PER_SPREAD) {
    const lessons = subject.lessons.slice(start, start + LESSONS_PER_SPREAD);
    const last = start + LESSONS_PER_SPREAD >= total;
    const finals = last ? subject.finals : [];
    const left: ReportTable = {
      columns: [
        { key: 'n', title: '№', kind: 'number' },
        text('student', 'Фамилия, имя, отчество'),
        ...lessons.map((lesson, i) => text(`l${start + i}`, lesson.day)),
        ...finals.map((final, i) => text(`f${i}`, final.title)),
      ],
      rows: journal.students.map((student, s) => ({
        n: s + 1,
        student,
        ...Object.fromEntries(
          lessons.map((_, i) => [`l${start + i}`, subject.cells[s][start + i] || null]),
        ),
        ...Object.fromEntries(finals.map((final, i) => [`f${i}`, final.values[s] || null])),
      })),
    };
    const right: ReportTable = {
      columns: [
        { key: 'n', title: '№ урока', kind: 'number' },
        text('day', 'Дата'),
        text('topic', 'Что пройдено на уроке'),
        text('homework', 'Домашнее задание'),
        text('teacher', 'Учитель'),
      ],
      rows: lessons.map((lesson, i) => ({
        n: start + i + 1,
        day: lesson.day,
        topic: lesson.topic,
        homework: lesson.homework,
        teacher: lesson.teacher,
      })),
    };
    const range =
      total === 0 ? 'уроков нет' : `уроки ${start + 1}–${start + lessons.length} из ${total}`;
    spreads.push({ subject: subject.name, range, left, right });
  }
  return spreads;
}

/** The attendance totals page's table, with the class's totals. */
export function attendanceTable(journal: PrintedJournal): ReportTable {
  const sum = (key: keyof AttendanceLine) =>
    journal.attendance.reduce((total, line) => total + line[key], 0);
  return {
    columns: [
      { key: 'n', title: '№', kind: 'number' },
      text('student', 'Фамилия, имя, отчество'),
      { key: 'missed', title: 'Пропущено уроков', kind: 'number' },
      { key: 'excused', title: 'из них по уважительной причине (Б, У)', kind: 'number' },
      { key: 'unexcused', title: 'по неуважительной причине (Н)', kind: 'number' },
      { key: 'late', title: 'Опозданий (О)', kind: 'number' },
    ],
    rows: journal.students.map((student, s) => ({ n: s + 1, student, ...journal.attendance[s] })),
    totals: {
      n: null,
      student: 'Итого',
      missed: sum('missed'),
      excused: sum('excused'),
      unexcused: sum('unexcused'),
      late: sum('late'),
    },
  };
}

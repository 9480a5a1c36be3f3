import { fullName } from '../../people/person-name';
import type {
  AttendanceLine,
  JournalSubject,
  PrintedJournal,
} from '../render/printed-journal-pages';
import { addAbsences, emptyTally } from './absence-tally';
import { groupBy } from './group-by';

/** Rows of printed-journal.sql.ts. */
export interface LessonRow {
  id: string;
  date: string;
  lesson_number: number;
  subject_id: string;
  subject_name: string;
  topic: string | null;
  homework: string | null;
  last_name: string;
  first_name: string;
  middle_name: string | null;
}
export interface MarkRow {
  lesson_id: string;
  student_id: string;
  value: string;
}
export interface AbsenceRow {
  lesson_id: string;
  student_id: string;
  code: string;
}
/** A period or year mark (marks.sql.ts) and the column it goes in. */
export interface FinalMark {
  column: string;
  student_id: string;
  subject_id: string;
  value: string;
}

export interface JournalData {
  students: { id: string; lastName: string; firstName: string; middleName: string | null }[];
  lessons: LessonRow[];
  marks: MarkRow[];
  absences: AbsenceRow[];
  /** The final columns at the grid's right, in order («1 четверть», …, «Год»). */
  finalColumns: string[];
  finals: FinalMark[];
}

/** «07.09» for `2026-09-07`. */
const dayMonth = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}`;

/**
 * The journal's pages from its rows: a subject per subject of its lessons (by name), a cell
 * per student and lesson (marks joined «5/4», after the absence code), the attendance totals
 * as reports count them (absence-tally.ts: О is late, not missed; Б and У are excused).
 */
export function journalContent(
  data: JournalData,
): Pick<PrintedJournal, 'students' | 'subjects' | 'attendance'> {
  const row = new Map(data.students.map((student, index) => [student.id, index]));
  const marks = groupBy(data.marks, (mark) => `${mark.lesson_id}|${mark.student_id}`);
  const absences = new Map(data.absences.map((a) => [`${a.lesson_id}|${a.student_id}`, a.code]));
  const tallies = data.students.map(emptyTally);
  for (const absence of data.absences) {
    const index = row.get(absence.student_id);
    if (index !== undefined) addAbsences(tallies[index], absence.code, 1);
  }

  const bySubject = groupBy(data.lessons, (lesson) => lesson.subject_id);
  const subjects = [...bySubject.entries()].map(([subjectId, lessons]): JournalSubject => {
    const finals = data.finalColumns.map((title) => {
      const values = data.students.map(() => '');
      for (const mark of data.finals) {
        const index = row.get(mark.student_id);
        if (mark.subject_id === subjectId && mark.column === title && index !== undefined) {
          values[index] = mark.value;
        }
      }
      return { title, values };
    });
    return {
      name: lessons[0].subject_name,
      lessons: lessons.map((lesson) => ({
        day: dayMonth(lesson.date),
        topic: lesson.topic,
        homework: lesson.homework,
        teacher: fullName({
          lastName: lesson.last_name,
          firstName: lesson.first_name,
          middleName: lesson.middle_name,
        }),
      })),
      cells: data.students.map((student) =>
        lessons.map((lesson) => {
          const key = `${lesson.id}|${student.id}`;
          return [
            absences.get(key),
            marks
              .get(key)
              ?.map((mark) => mark.value)
              .join('/'),
          ]
            .filter(Boolean)
            .join(' ');
        }),
      ),
      finals,
    };
  });
  subjects.sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  return {
    students: data.students.map(fullName),
    subjects,
    attendance: tallies.map((tally): AttendanceLine => ({
      missed: tally.missed,
      excused: tally.missedExcused,
      unexcused: tally.unexcused,
      late: tally.late,
    })),
  };
}

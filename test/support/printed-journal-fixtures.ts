import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttendanceEntry } from '../../src/modules/attendance/entities/attendance-entry.entity';
import { Mark } from '../../src/modules/grades/entities/mark.entity';
import { PeriodMark } from '../../src/modules/grades/entities/period-mark.entity';
import { Lesson } from '../../src/modules/lessons/entities/lesson.entity';
import type { Person } from '../../src/modules/people/entities/person.entity';
import type { JournalWorld } from './journal-fixtures';
import { createStaffMember } from './lessons-fixtures';
import type { TestApp } from './test-app';

/** Each page's text in content order (`pdftotext -raw`), where the diagonal watermark reads whole. */
export function rawPages(pdf: Buffer): string[] {
  const directory = mkdtempSync(join(tmpdir(), 'printed-journal-'));
  try {
    const path = join(directory, 'journal.pdf');
    writeFileSync(path, pdf);
    return execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' })
      .split('\f')
      .slice(0, -1);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * The journal of 7А's first quarter that printed-journal.e2e-spec.ts works out by hand: a
 * director with a staff card; topics and homework; marks (Борисова 5 and 4 in the first
 * mathematics lesson, Алексеев 4 in the second, Васильев 3 in the fourth and 5 in Russian);
 * absences (Алексеев Б on the 7th in both subjects and У on the 15th, Борисова Н on the 14th,
 * Васильев О on the 15th); quarter marks in mathematics 4, 5, 3 and Russian (Васильев) 5, and
 * Борисова's year mark 5 in mathematics.
 */
export async function seedPrintedJournal(t: TestApp, w: JournalWorld): Promise<void> {
  await createStaffMember(t, w.school, 'Директорова', 'director');
  const em = t.em();
  const [a, b, c] = w.students;
  const [m1, m2, m3, m4] = w.mathLessons;
  await em.nativeUpdate(
    Lesson,
    { id: m1.id },
    { topic: 'Натуральные числа', homework: '§1, № 5–10' },
  );
  await em.nativeUpdate(Lesson, { id: m2.id }, { topic: 'Сложение дробей', homework: '§2, № 12' });
  await em.nativeUpdate(
    Lesson,
    { id: w.russianLesson.id },
    { topic: 'Орфограммы в корне слова', homework: 'упр. 14' },
  );
  const mark = (lessonId: string, student: Person, value: string) =>
    em.create(Mark, {
      schoolId: w.school.id,
      lessonId,
      studentId: student.id,
      markTypeId: w.markTypes['Ответ на уроке'].id,
      value,
      score: value,
      givenBy: w.teacher.user.account.id,
    });
  // Борисова 5 and 4 in the first lesson; Алексеев 4 in the second; Васильев, late, 3 in the
  // fourth; Васильев 5 in Russian.
  mark(m1.id, b, '5');
  mark(m1.id, b, '4');
  mark(m2.id, a, '4');
  mark(m4.id, c, '3');
  mark(w.russianLesson.id, c, '5');
  const absence = (lessonId: string, student: Person, code: string) =>
    em.create(AttendanceEntry, {
      schoolId: w.school.id,
      lessonId,
      studentId: student.id,
      reasonId: w.reasons[code].id,
      minutesLate: code === 'О' ? 10 : null,
      recordedBy: w.teacher.user.account.id,
    });
  // Алексеев ill on the 7th (mathematics and Russian), away for a good reason on the 15th;
  // Борисова away without one on the 14th; Васильев late on the 15th.
  absence(m1.id, a, 'Б');
  absence(w.russianLesson.id, a, 'Б');
  absence(m4.id, a, 'У');
  absence(m3.id, b, 'Н');
  absence(m4.id, c, 'О');
  const periodMark = (student: Person, subjectId: string, value: string) =>
    em.create(PeriodMark, {
      schoolId: w.school.id,
      studentId: student.id,
      schoolClassId: w.schoolClass.id,
      subjectId,
      academicYearId: w.year.id,
      kind: 'period',
      studyPeriodId: w.periods[0].id,
      value,
      score: value,
      givenBy: w.teacher.user.account.id,
    });
  periodMark(a, w.math.id, '4');
  periodMark(b, w.math.id, '5');
  periodMark(c, w.math.id, '3');
  periodMark(c, w.russian.id, '5');
  em.create(PeriodMark, {
    schoolId: w.school.id,
    studentId: b.id,
    schoolClassId: w.schoolClass.id,
    subjectId: w.math.id,
    academicYearId: w.year.id,
    kind: 'year',
    value: '5',
    score: '5',
    givenBy: w.teacher.user.account.id,
  });
  await em.flush();
}

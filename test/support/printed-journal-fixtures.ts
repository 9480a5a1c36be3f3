import { Lesson } from '../../src/modules/lessons/entities/lesson.entity';
import type { JournalWorld } from './journal-fixtures';
import { createStaffMember } from './lessons-fixtures';
import { journalWriters } from './report-world';
import type { TestApp } from './test-app';

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
  const { mark, absence, periodMark } = journalWriters(em, w);
  // Борисова 5 and 4 in the first lesson; Алексеев 4 in the second; Васильев, late, 3 in the
  // fourth; Васильев 5 in Russian.
  mark(m1.id, b, '5');
  mark(m1.id, b, '4');
  mark(m2.id, a, '4');
  mark(m4.id, c, '3');
  mark(w.russianLesson.id, c, '5');
  // Алексеев ill on the 7th (mathematics and Russian), away for a good reason on the 15th;
  // Борисова away without one on the 14th; Васильев late on the 15th.
  absence(m1.id, a, 'Б');
  absence(w.russianLesson.id, a, 'Б');
  absence(m4.id, a, 'У');
  absence(m3.id, b, 'Н');
  absence(m4.id, c, 'О');
  periodMark(a, w.math.id, '4');
  periodMark(b, w.math.id, '5');
  periodMark(c, w.math.id, '3');
  periodMark(c, w.russian.id, '5');
  periodMark(b, w.math.id, '5', 'year');
  await em.flush();
}

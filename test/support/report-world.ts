import { AttendanceEntry } from '../../src/modules/attendance/entities/attendance-entry.entity';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Mark } from '../../src/modules/grades/entities/mark.entity';
import { PeriodMark } from '../../src/modules/grades/entities/period-mark.entity';
import type { Person } from '../../src/modules/people/entities/person.entity';
import { createPerson, enroll } from './classes-fixtures';
import { createJournalWorld, type JournalWorld } from './journal-fixtures';
import type { TestApp } from './test-app';

/**
 * Writes journal entries of a journal world's 7А (persisted, not flushed): lesson marks
 * («Ответ на уроке», given by the mathematics teacher), absences by reason code, and period or
 * year marks of its first quarter.
 */
export function journalWriters(em: EntityManager, w: JournalWorld) {
  const givenBy = w.teacher.user.account.id;
  return {
    mark: (lessonId: string, student: Person, value: string) =>
      em.create(Mark, {
        schoolId: w.school.id,
        lessonId,
        studentId: student.id,
        markTypeId: w.markTypes['Ответ на уроке'].id,
        value,
        score: value,
        givenBy,
      }),
    absence: (lessonId: string, student: Person, code: string) =>
      em.create(AttendanceEntry, {
        schoolId: w.school.id,
        lessonId,
        studentId: student.id,
        reasonId: w.reasons[code].id,
        minutesLate: code === 'О' ? 10 : null,
        recordedBy: givenBy,
      }),
    /** A first-quarter mark, or with `kind: 'year'` the year's. */
    periodMark: (
      student: Person,
      subjectId: string,
      value: string,
      kind: 'period' | 'year' = 'period',
    ) =>
      em.create(PeriodMark, {
        schoolId: w.school.id,
        studentId: student.id,
        schoolClassId: w.schoolClass.id,
        subjectId,
        academicYearId: w.year.id,
        kind,
        studyPeriodId: kind === 'period' ? w.periods[0].id : null,
        value,
        score: value,
        givenBy,
      }),
  };
}

/**
 * The class the reports' figures are worked out on by hand: the journal world's 7А with a
 * fourth student (Григорьев); first-quarter period marks in mathematics 5, 4, 3, 2 and in
 * Russian 5, 5, 4, 4 (Алексеев, Борисова, Васильев, Григорьев), Алексеев's year mark 5 in
 * mathematics; in September Алексеев ill on the 7th (mathematics and Russian), Борисова away
 * without a reason on the 14th, Васильев late on the 15th.
 */
export async function createReportWorld(t: TestApp): Promise<{ w: JournalWorld; fourth: Person }> {
  const w = await createJournalWorld(t);
  const fourth = await createPerson(t, w.school, 'student', {
    lastName: 'Григорьев',
    firstName: 'Дмитрий',
  });
  await enroll(t, fourth, w.schoolClass);
  const em = t.em();
  const { absence, periodMark } = journalWriters(em, w);
  const [a, b, c] = w.students;
  // Mathematics 5, 4, 3, 2 and Russian 5, 5, 4, 4, for Алексеев, Борисова, Васильев, Григорьев.
  for (const [student, math, russian] of [
    [a, '5', '5'],
    [b, '4', '5'],
    [c, '3', '4'],
    [fourth, '2', '4'],
  ] as const) {
    periodMark(student, w.math.id, math);
    periodMark(student, w.russian.id, russian);
  }
  periodMark(a, w.math.id, '5', 'year');
  // September: Алексеев ill on the 7th (mathematics and Russian), Борисова away without a
  // reason on the 14th, Васильев late on the 15th.
  absence(w.mathLessons[0].id, a, 'Б');
  absence(w.russianLesson.id, a, 'Б');
  absence(w.mathLessons[2].id, b, 'Н');
  absence(w.mathLessons[3].id, c, 'О');
  await em.flush();
  return { w, fourth };
}

import { AttendanceEntry } from '../../src/modules/attendance/entities/attendance-entry.entity';
import { PeriodMark } from '../../src/modules/grades/entities/period-mark.entity';
import type { Person } from '../../src/modules/people/entities/person.entity';
import { createPerson, enroll } from './classes-fixtures';
import { createJournalWorld, type JournalWorld } from './journal-fixtures';
import type { TestApp } from './test-app';

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
  const [a, b, c] = w.students;
  const quarter = w.periods[0];
  // Mathematics 5, 4, 3, 2 and Russian 5, 5, 4, 4, for Алексеев, Борисова, Васильев, Григорьев.
  const periodMark = (student: Person, subjectId: string, value: string) =>
    em.create(PeriodMark, {
      schoolId: w.school.id,
      studentId: student.id,
      schoolClassId: w.schoolClass.id,
      subjectId,
      academicYearId: w.year.id,
      kind: 'period',
      studyPeriodId: quarter.id,
      value,
      score: value,
      givenBy: w.teacher.user.account.id,
    });
  [
    [a, '5', '5'],
    [b, '4', '5'],
    [c, '3', '4'],
    [fourth, '2', '4'],
  ].forEach(([student, math, russian]) => {
    periodMark(student as Person, w.math.id, math as string);
    periodMark(student as Person, w.russian.id, russian as string);
  });
  em.create(PeriodMark, {
    schoolId: w.school.id,
    studentId: a.id,
    schoolClassId: w.schoolClass.id,
    subjectId: w.math.id,
    academicYearId: w.year.id,
    kind: 'year',
    value: '5',
    score: '5',
    givenBy: w.teacher.user.account.id,
  });
  // September: Алексеев ill on the 7th (mathematics and Russian), Борисова away without a
  // reason on the 14th, Васильев late on the 15th.
  const absence = (lessonId: string, student: Person, code: string) =>
    em.create(AttendanceEntry, {
      schoolId: w.school.id,
      lessonId,
      studentId: student.id,
      reasonId: w.reasons[code].id,
      minutesLate: code === 'О' ? 10 : null,
      recordedBy: w.teacher.user.account.id,
    });
  absence(w.mathLessons[0].id, a, 'Б');
  absence(w.russianLesson.id, a, 'Б');
  absence(w.mathLessons[2].id, b, 'Н');
  absence(w.mathLessons[3].id, c, 'О');
  await em.flush();
  return { w, fourth };
}

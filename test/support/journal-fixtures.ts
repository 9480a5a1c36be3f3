import type { School } from '../../src/core/tenancy/entities/school.entity';
import { SchoolClass } from '../../src/modules/classes/entities/school-class.entity';
import type { Lesson } from '../../src/modules/lessons/entities/lesson.entity';
import type { Person } from '../../src/modules/people/entities/person.entity';
import { AbsenceReason } from '../../src/modules/reference-data/entities/absence-reason.entity';
import { MarkType } from '../../src/modules/reference-data/entities/mark-type.entity';
import { Subject } from '../../src/modules/reference-data/entities/subject.entity';
import {
  createAcademicYear,
  periodsOfGrade,
  type PeriodView,
  type YearView,
} from './calendar-fixtures';
import { createPerson, enroll } from './classes-fixtures';
import { asRole, createRegion, createSchool, createUser, type TestUser } from './factories';
import {
  addDefaultReferenceData,
  assignTeacher,
  createLesson,
  createStaffMember,
} from './lessons-fixtures';
import { linkParent } from './people-fixtures-credentials';
import type { TestApp } from './test-app';
import { moscowInstant } from './test-clock';

export interface StaffMember {
  user: TestUser;
  person: Person;
}

/**
 * A school ready for the journal, read on 2026-11-25 (the world pins the app's clock): the
 * 2026/2027 year with the default calendar (quarters
 * for grade 7: 1 четверть 2026-09-01…10-24, 2 четверть 11-05…12-28), class 7А of three
 * students, mathematics taught by `teacher`, Russian by `otherTeacher`, `classTeacher`
 * leading the class, a student and a parent account (the parent of the first student
 * only), and the default reference data (mark types, absence reasons, grading scales).
 */
export interface JournalWorld {
  school: School;
  admin: TestUser;
  deputy: TestUser;
  year: YearView;
  /** Quarters of grade 7, in order. */
  periods: PeriodView[];
  schoolClass: SchoolClass;
  math: Subject;
  russian: Subject;
  teacher: StaffMember;
  otherTeacher: StaffMember;
  classTeacher: StaffMember;
  /** Enrolled in 7А; `students[0]` has `studentUser`'s account and `parentUser` as parent. */
  students: Person[];
  studentUser: TestUser;
  parentUser: TestUser;
  /** A child of `parentUser` in no class of this world's lessons (another class, 7Б). */
  otherChild: Person;
  /** Mark types by name («Ответ на уроке», «Контрольная работа»…). */
  markTypes: Record<string, MarkType>;
  /** Absence reasons by code (Б, У, Н, О). */
  reasons: Record<string, AbsenceReason>;
  /** Mathematics lessons of 7А taught by `teacher`, one per date given (first quarter default). */
  mathLessons: Lesson[];
  /** A Russian lesson of 7А taught by `otherTeacher` on the first date. */
  russianLesson: Lesson;
}

export const FIRST_QUARTER_DATES = ['2026-09-07', '2026-09-08', '2026-09-14', '2026-09-15'];

/** The day a journal world is read on: in its second quarter, after its first-quarter lessons. */
export const JOURNAL_WORLD_TODAY = '2026-11-25';

export async function createJournalWorld(
  t: TestApp,
  lessonDates: string[] = FIRST_QUARTER_DATES,
): Promise<JournalWorld> {
  // The world lives on fixed dates of 2026/2027, so it pins the day it means (whatever the
  // test date); the rules of "today" are exercised around any date by today.e2e-spec.ts.
  t.clock.set(moscowInstant(JOURNAL_WORLD_TODAY));
  const region = await createRegion(t);
  const school = await createSchool(t, region);
  await addDefaultReferenceData(t, school);
  const admin = await asRole(t, 'admin', school);
  const deputy = await asRole(t, 'deputy', school);
  const year = await createAcademicYear(t, admin, school);
  const em = t.em();
  const teacher = await createStaffMember(t, school, 'Математикова');
  const otherTeacher = await createStaffMember(t, school, 'Русскова');
  const classTeacher = await createStaffMember(t, school, 'Классная');
  const schoolClass = em.create(SchoolClass, {
    schoolId: school.id,
    academicYearId: year.id,
    grade: 7,
    letter: 'А',
    classTeacher: classTeacher.person.id,
  });
  const otherClass = em.create(SchoolClass, {
    schoolId: school.id,
    academicYearId: year.id,
    grade: 7,
    letter: 'Б',
  });
  await em.flush();
  const math = await em.findOneOrFail(Subject, { schoolId: school.id, name: 'Математика' });
  const russian = await em.findOneOrFail(Subject, { schoolId: school.id, name: 'Русский язык' });
  await assignTeacher(t, schoolClass, math, teacher.person, { hoursPerWeek: 5 });
  await assignTeacher(t, schoolClass, russian, otherTeacher.person, { hoursPerWeek: 4 });

  const studentUser = await createUser(t, { roles: [{ role: 'student', school }] });
  const parentUser = await createUser(t, { roles: [{ role: 'parent', school }] });
  const students = [
    await createPerson(t, school, 'student', {
      lastName: 'Алексеев',
      firstName: 'Антон',
      accountId: studentUser.account.id,
    }),
    await createPerson(t, school, 'student', { lastName: 'Борисова', firstName: 'Вера' }),
    await createPerson(t, school, 'student', { lastName: 'Васильев', firstName: 'Глеб' }),
  ];
  for (const student of students) await enroll(t, student, schoolClass);
  const parent = await createPerson(t, school, 'parent', {
    lastName: 'Алексеева',
    accountId: parentUser.account.id,
  });
  await linkParent(t, parent, students[0]);
  const otherChild = await createPerson(t, school, 'student', { lastName: 'Дмитриев' });
  await enroll(t, otherChild, otherClass);

  const markTypes = await em.find(MarkType, { schoolId: school.id });
  const reasons = await em.find(AbsenceReason, { schoolId: school.id });
  const mathLessons: Lesson[] = [];
  for (const date of lessonDates) {
    mathLessons.push(
      await createLesson(t, { schoolClass, subject: math, teacher: teacher.person, date }),
    );
  }
  const russianLesson = await createLesson(t, {
    schoolClass,
    subject: russian,
    teacher: otherTeacher.person,
    date: lessonDates[0],
    lessonNumber: 2,
  });
  return {
    school,
    admin,
    deputy,
    year,
    periods: periodsOfGrade(year, 7),
    schoolClass,
    math,
    russian,
    teacher,
    otherTeacher,
    classTeacher,
    students,
    studentUser,
    parentUser,
    otherChild,
    markTypes: Object.fromEntries(markTypes.map((type) => [type.name, type])),
    reasons: Object.fromEntries(reasons.map((reason) => [reason.code, reason])),
    mathLessons,
    russianLesson,
  };
}

/** Closes a study period through the API as the admin. */
export async function closePeriod(t: TestApp, world: JournalWorld, periodId: string) {
  const response = await t
    .http()
    .post(`/v1/study-periods/${periodId}/close`)
    .set(world.admin.auth)
    .send({ reason: 'Итоги четверти подведены' });
  if (response.status !== 200) {
    throw new Error(`period not closed: ${response.status} ${JSON.stringify(response.body)}`);
  }
}

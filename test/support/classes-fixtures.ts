import { addDays } from '../../src/core/calendar/date-only';
import type { School } from '../../src/core/tenancy/entities/school.entity';
import { AcademicYear } from '../../src/modules/academic-years/entities/academic-year.entity';
import { Enrollment } from '../../src/modules/classes/entities/enrollment.entity';
import { SchoolClass } from '../../src/modules/classes/entities/school-class.entity';
import { Person, type PersonKind } from '../../src/modules/people/entities/person.entity';
import { Subject } from '../../src/modules/reference-data/entities/subject.entity';
import type { TestApp } from './test-app';
import { testToday } from './test-clock';

let sequence = 0;

/** Today for the tests: the date the test app's clock is pinned to (`testToday()`). */
export const today = (): string => testToday();

/** `today()` moved by `days`. */
export const daysFromToday = (days: number): string => addDays(today(), days);

/** An academic year; by default one that runs today. */
export async function createAcademicYear(
  t: TestApp,
  school: School,
  spec: Partial<Pick<AcademicYear, 'name' | 'startsOn' | 'endsOn'>> = {},
): Promise<AcademicYear> {
  const em = t.em();
  const year = em.create(AcademicYear, {
    schoolId: school.id,
    name: spec.name ?? `Учебный год ${++sequence}`,
    startsOn: spec.startsOn ?? daysFromToday(-120),
    endsOn: spec.endsOn ?? daysFromToday(200),
  });
  await em.flush();
  return year;
}

export async function createClass(
  t: TestApp,
  year: AcademicYear,
  grade: number,
  letter: string,
  classTeacher: Person | null = null,
): Promise<SchoolClass> {
  const em = t.em();
  const created = em.create(SchoolClass, {
    schoolId: year.schoolId,
    academicYearId: year.id,
    grade,
    letter,
    classTeacher: classTeacher ? em.getReference(Person, classTeacher.id) : null,
  });
  await em.flush();
  return created;
}

export interface PersonSpec {
  lastName?: string;
  firstName?: string;
  middleName?: string | null;
  positions?: string[];
  accountId?: string | null;
  phone?: string | null;
  email?: string | null;
}

export async function createPerson(
  t: TestApp,
  school: School,
  kind: PersonKind,
  spec: PersonSpec = {},
): Promise<Person> {
  const em = t.em();
  const person = em.create(Person, {
    schoolId: school.id,
    kind,
    lastName: spec.lastName ?? `Фамилия${++sequence}`,
    firstName: spec.firstName ?? 'Имя',
    middleName: spec.middleName ?? null,
    positions: spec.positions ?? [],
    accountId: spec.accountId ?? null,
    phone: spec.phone ?? null,
    email: spec.email ?? null,
  });
  await em.flush();
  return person;
}

/** Enrolls a student in a class, by default from long ago and with no end. */
export async function enroll(
  t: TestApp,
  student: Person,
  schoolClass: SchoolClass,
  startsOn = '2000-09-01',
  endsOn: string | null = null,
): Promise<Enrollment> {
  const em = t.em();
  const enrollment = em.create(Enrollment, {
    schoolId: schoolClass.schoolId,
    student: em.getReference(Person, student.id),
    schoolClass: em.getReference(SchoolClass, schoolClass.id),
    startsOn,
    endsOn,
  });
  await em.flush();
  return enrollment;
}

export async function createSubject(
  t: TestApp,
  school: School,
  name: string,
  archived = false,
): Promise<Subject> {
  const em = t.em();
  const created = em.create(Subject, {
    schoolId: school.id,
    name,
    shortName: name.slice(0, 8),
    archived,
  });
  await em.flush();
  return created;
}

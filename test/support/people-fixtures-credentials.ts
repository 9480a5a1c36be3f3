import type { School } from '../../src/core/tenancy/entities/school.entity';
import { AcademicYear } from '../../src/modules/academic-years/entities/academic-year.entity';
import { Enrollment } from '../../src/modules/classes/entities/enrollment.entity';
import { SchoolClass } from '../../src/modules/classes/entities/school-class.entity';
import { TeachingAssignment } from '../../src/modules/classes/entities/teaching-assignment.entity';
import { Subject } from '../../src/modules/reference-data/entities/subject.entity';
import { Guardianship } from '../../src/modules/people/entities/guardianship.entity';
import { Person, type PersonKind } from '../../src/modules/people/entities/person.entity';
import { createUser, type TestUser } from './factories';
import type { TestApp } from './test-app';

let yearSequence = 0;

export async function createYear(t: TestApp, school: School): Promise<AcademicYear> {
  const em = t.em();
  const year = em.create(AcademicYear, {
    schoolId: school.id,
    name: `Учебный год ${++yearSequence}`,
    startsOn: '2000-09-01',
    endsOn: '2100-05-31',
  });
  await em.flush();
  return year;
}

export async function createClass(
  t: TestApp,
  school: School,
  grade: number,
  letter: string,
): Promise<SchoolClass> {
  const em = t.em();
  const year = await createYear(t, school);
  const schoolClass = em.create(SchoolClass, {
    schoolId: school.id,
    academicYearId: year.id,
    grade,
    letter,
  });
  await em.flush();
  return schoolClass;
}

export async function createPerson(
  t: TestApp,
  school: School,
  kind: PersonKind,
  name: string,
  accountId: string | null = null,
): Promise<Person> {
  const em = t.em();
  const [lastName, firstName, middleName = null] = name.split(' ');
  const person = em.create(Person, {
    schoolId: school.id,
    kind,
    lastName,
    firstName,
    middleName,
    accountId,
  });
  await em.flush();
  return person;
}

/** Enrolls from `startsOn` (long ago by default) up to `endsOn` (open by default). */
export async function enroll(
  t: TestApp,
  student: Person,
  schoolClass: SchoolClass,
  startsOn = '2020-09-01',
  endsOn: string | null = null,
): Promise<void> {
  const em = t.em();
  em.create(Enrollment, {
    schoolId: student.schoolId,
    student: student.id,
    schoolClass: schoolClass.id,
    startsOn,
    endsOn,
  });
  await em.flush();
}

export async function linkParent(t: TestApp, parent: Person, student: Person): Promise<void> {
  const em = t.em();
  em.create(Guardianship, {
    schoolId: student.schoolId,
    student: student.id,
    parent: parent.id,
    relation: 'mother',
  });
  await em.flush();
}

/** A teacher with a staff card who leads `schoolClass`. */
export async function createClassTeacher(
  t: TestApp,
  school: School,
  schoolClass: SchoolClass | null,
  name = 'Петрова Анна Ивановна',
): Promise<TestUser> {
  const user = await createUser(t, { roles: [{ role: 'teacher', school }] });
  const card = await createPerson(t, school, 'staff', name, user.account.id);
  if (schoolClass) {
    const em = t.em();
    await em.nativeUpdate(SchoolClass, { id: schoolClass.id }, { classTeacher: card.id });
  }
  return user;
}

/** Makes `teacher` (a staff card) teach a subject in `schoolClass`, so they can read it. */
export async function assignTeaching(
  t: TestApp,
  schoolClass: SchoolClass,
  teacherAccountId: string,
): Promise<void> {
  const em = t.em();
  const teacher = await em.findOneOrFail(Person, { accountId: teacherAccountId, kind: 'staff' });
  const subject = em.create(Subject, {
    schoolId: schoolClass.schoolId,
    name: `Предмет ${Math.random().toString(36).slice(2, 8)}`,
    shortName: 'Пр.',
  });
  em.create(TeachingAssignment, {
    schoolId: schoolClass.schoolId,
    schoolClass: schoolClass.id,
    subject,
    teacher,
  });
  await em.flush();
}

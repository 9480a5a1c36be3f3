import type { School } from '../../src/core/tenancy/entities/school.entity';
import type { AcademicYear } from '../../src/modules/academic-years/entities/academic-year.entity';
import { SchoolClass } from '../../src/modules/classes/entities/school-class.entity';
import { TeachingAssignment } from '../../src/modules/classes/entities/teaching-assignment.entity';
import { Subject } from '../../src/modules/reference-data/entities/subject.entity';
import { Guardianship } from '../../src/modules/people/entities/guardianship.entity';
import { Person, type PersonKind } from '../../src/modules/people/entities/person.entity';
import {
  createAcademicYear,
  createClass as createClassOfYear,
  createPerson as createCard,
  enroll,
} from './classes-fixtures';
import { createUser, type TestUser } from './factories';
import type { TestApp } from './test-app';

/** A year that runs for a century, so every date of a test falls inside it. */
export const createYear = (t: TestApp, school: School): Promise<AcademicYear> =>
  createAcademicYear(t, school, { startsOn: '2000-09-01', endsOn: '2100-05-31' });

/** A class of a year of its own. */
export async function createClass(
  t: TestApp,
  school: School,
  grade: number,
  letter: string,
): Promise<SchoolClass> {
  return createClassOfYear(t, await createYear(t, school), grade, letter);
}

/** A card from a full name «Фамилия Имя Отчество». */
export function createPerson(
  t: TestApp,
  school: School,
  kind: PersonKind,
  name: string,
  accountId: string | null = null,
): Promise<Person> {
  const [lastName, firstName, middleName = null] = name.split(' ');
  return createCard(t, school, kind, { lastName, firstName, middleName, accountId });
}

export { enroll };

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

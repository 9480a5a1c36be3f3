import type { School } from '../../src/core/tenancy/entities/school.entity';
import { TeachingAssignment } from '../../src/modules/classes/entities/teaching-assignment.entity';
import type { SchoolClass } from '../../src/modules/classes/entities/school-class.entity';
import { Guardianship } from '../../src/modules/people/entities/guardianship.entity';
import type { Person } from '../../src/modules/people/entities/person.entity';
import type { AcademicYear } from '../../src/modules/academic-years/entities/academic-year.entity';
import {
  createAcademicYear,
  createClass,
  createPerson,
  createSubject,
  enroll,
} from '../support/classes-fixtures';
import type { TestUser } from '../support/factories';
import type { TestApp } from '../support/test-app';

/** The classes and people the people rows of the matrix are checked against. */
export interface PeopleWorld {
  year: AcademicYear;
  /** 7А is led by the `class teacher` actor, 7Б taught by the `teacher` actor, 7В by nobody. */
  classes: Record<'A' | 'B' | 'C', SchoolClass>;
  /** Students of 7А, 7Б, 7В; sA is the `student` actor's card; sA2 has no account. */
  students: Record<'A' | 'B' | 'C' | 'A2', Person>;
  /** Their parents; pC is the `parent` actor's card. */
  parents: Record<'A' | 'B' | 'C', Person>;
  staff: Person[];
  /** A student of the other school. */
  otherStudent: Person;
  /** The subject 7А may be split for. */
  subjectId: string;
  /** An admission order of 7А entered through the API, and the student it admitted. */
  orderNumber: string;
  admittedId: string;
}

export async function buildPeopleWorld(
  t: TestApp,
  school: School,
  otherSchool: School,
  actors: Map<string, TestUser>,
): Promise<PeopleWorld> {
  const accountOf = (role: string) => actors.get(role)!.account.id;
  const year = await createAcademicYear(t, school);
  const leader = await createPerson(t, school, 'staff', {
    lastName: 'Классная',
    accountId: accountOf('class teacher'),
    positions: ['Учитель русского языка'],
  });
  const teacher = await createPerson(t, school, 'staff', {
    lastName: 'Предметник',
    accountId: accountOf('teacher'),
    positions: ['Учитель математики'],
  });
  const classes = {
    A: await createClass(t, year, 7, 'А', leader),
    B: await createClass(t, year, 7, 'Б'),
    C: await createClass(t, year, 7, 'В'),
  };
  const maths = await createSubject(t, school, 'Математика (матрица)');
  const em = t.em();
  em.create(TeachingAssignment, {
    schoolId: school.id,
    schoolClass: classes.B.id,
    subject: maths.id,
    teacher: teacher.id,
  });
  await em.flush();

  const students = {
    A: await createPerson(t, school, 'student', {
      lastName: 'Ученик А',
      accountId: accountOf('student'),
    }),
    B: await createPerson(t, school, 'student', { lastName: 'Ученик Б' }),
    C: await createPerson(t, school, 'student', { lastName: 'Ученик В' }),
    A2: await createPerson(t, school, 'student', { lastName: 'Ученик А2' }),
  };
  const parents = {
    A: await createPerson(t, school, 'parent', { lastName: 'Родитель А' }),
    B: await createPerson(t, school, 'parent', { lastName: 'Родитель Б' }),
    C: await createPerson(t, school, 'parent', {
      lastName: 'Родитель В',
      accountId: accountOf('parent'),
    }),
  };
  for (const key of ['A', 'B', 'C'] as const) {
    await enroll(t, students[key], classes[key]);
    em.create(Guardianship, {
      schoolId: school.id,
      student: students[key].id,
      parent: parents[key].id,
      relation: 'mother',
    });
  }
  await enroll(t, students.A2, classes.A);
  await em.flush();

  const otherYear = await createAcademicYear(t, otherSchool);
  const otherClass = await createClass(t, otherYear, 7, 'А');
  const otherStudent = await createPerson(t, otherSchool, 'student', { lastName: 'Чужой' });
  await enroll(t, otherStudent, otherClass);
  const admitted = await createPerson(t, school, 'student', { lastName: 'Поступивший' });
  const orderNumber = '1-у (матрица)';
  await t
    .http()
    .post(`/v1/schools/${school.id}/movement-orders`)
    .set(actors.get('secretary')!.auth)
    .send({
      number: orderNumber,
      datedOn: year.startsOn,
      kind: 'admission',
      basis: 'Заявление родителя',
      movements: [{ studentId: admitted.id, toClassId: classes.A.id }],
    })
    .expect(201);
  return {
    year,
    classes,
    students,
    parents,
    staff: [leader, teacher],
    otherStudent,
    subjectId: maths.id,
    orderNumber,
    admittedId: admitted.id,
  };
}

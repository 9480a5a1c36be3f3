import type { School } from '../src/core/tenancy/entities/school.entity';
import type { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import type { Person } from '../src/modules/people/entities/person.entity';
import { createAcademicYear, createClass, createPerson } from './support/classes-fixtures';
import { createRegion, createSchool, createUser, type TestUser } from './support/factories';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let school: School;
let class7A: SchoolClass;
let class7B: SchoolClass;
let secretary: TestUser;
let director: TestUser;
let classTeacherB: TestUser;

const order = (body: Record<string, unknown>, user = secretary) =>
  t.http().post(`/v1/schools/${school.id}/movement-orders`).set(user.auth).send(body);

beforeAll(async () => {
  t = await startTestApp();
  school = await createSchool(t, await createRegion(t), 'Школа');
  const year = await createAcademicYear(t, school, {
    name: '2026/2027',
    startsOn: '2026-09-01',
    endsOn: '2027-05-31',
  });
  secretary = await createUser(t, { roles: [{ role: 'secretary', school }] });
  director = await createUser(t, { roles: [{ role: 'director', school }] });
  classTeacherB = await createUser(t, { roles: [{ role: 'teacher', school }] });
  const teacherCard = await createPerson(t, school, 'staff', {
    accountId: classTeacherB.account.id,
  });
  class7A = await createClass(t, year, 7, 'А');
  class7B = await createClass(t, year, 7, 'Б', teacherCard);
});
afterAll(() => t.close());

describe('movement of a student', () => {
  let student: Person;

  beforeAll(async () => {
    student = await createPerson(t, school, 'student', { lastName: 'Петров', firstName: 'Пётр' });
  });

  it('keeps the history across admission, transfer and withdrawal', async () => {
    const admission = await order({
      number: '12-у',
      datedOn: '2026-08-28',
      kind: 'admission',
      basis: 'Заявление родителя от 20.08.2026',
      movements: [{ studentId: student.id, toClassId: class7A.id, effectiveOn: '2026-09-01' }],
    }).expect(201);
    expect(admission.body).toMatchObject({
      number: '12-у',
      kind: 'admission',
      movements: [
        {
          studentName: 'Петров Пётр',
          fromClass: null,
          toClass: { name: '7А' },
          effectiveOn: '2026-09-01',
        },
      ],
    });

    await order({
      number: '40-у',
      datedOn: '2026-11-20',
      kind: 'transfer',
      basis: 'Заявление родителя',
      movements: [{ studentId: student.id, toClassId: class7B.id, effectiveOn: '2026-11-23' }],
    }).expect(201);

    const classOn = async (on: string) =>
      (
        await t
          .http()
          .get(`/v1/people/${student.id}/class`)
          .query({ on })
          .set(director.auth)
          .expect(200)
      ).body.class?.name ?? null;
    expect(await classOn('2026-08-31')).toBeNull();
    expect(await classOn('2026-09-01')).toBe('7А');
    expect(await classOn('2026-11-22')).toBe('7А');
    expect(await classOn('2026-11-23')).toBe('7Б');

    // The class lists on either side of the transfer.
    const listOf = async (schoolClass: SchoolClass, on: string) =>
      (
        await t
          .http()
          .get(`/v1/classes/${schoolClass.id}/students`)
          .query({ on })
          .set(director.auth)
          .expect(200)
      ).body.items.map((s: { fullName: string }) => s.fullName);
    expect(await listOf(class7A, '2026-11-22')).toEqual(['Петров Пётр']);
    expect(await listOf(class7A, '2026-11-23')).toEqual([]);
    expect(await listOf(class7B, '2026-11-23')).toEqual(['Петров Пётр']);

    await order({
      number: '77-у',
      datedOn: '2027-02-01',
      kind: 'withdrawal',
      basis: 'Переезд семьи',
      movements: [{ studentId: student.id, destination: 'МБОУ СОШ № 5 г. Твери' }],
    }).expect(201);

    const history = await t
      .http()
      .get(`/v1/people/${student.id}/enrollments`)
      .set(director.auth)
      .expect(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        class: expect.objectContaining({ name: '7А' }),
        startsOn: '2026-09-01',
        endsOn: '2026-11-23',
        startedBy: expect.objectContaining({ number: '12-у', kind: 'admission' }),
        endedBy: expect.objectContaining({ number: '40-у', kind: 'transfer' }),
      }),
      expect.objectContaining({
        class: expect.objectContaining({ name: '7Б' }),
        startsOn: '2026-11-23',
        endsOn: '2027-02-01',
        endedBy: expect.objectContaining({ number: '77-у', kind: 'withdrawal' }),
      }),
    ]);
    // A withdrawn student keeps their card and history.
    expect(await classOn('2027-02-01')).toBeNull();
    await t.http().get(`/v1/people/${student.id}`).set(secretary.auth).expect(200);
  });

  it('shows the class teacher the orders about their class only', async () => {
    const orders = await t
      .http()
      .get(`/v1/schools/${school.id}/movement-orders`)
      .set(classTeacherB.auth)
      .expect(200);
    expect(orders.body.items.map((o: { number: string }) => o.number).sort()).toEqual([
      '40-у',
      '77-у',
    ]);
    await order(
      { number: '1', datedOn: '2026-09-01', kind: 'admission', basis: 'x', movements: [] },
      classTeacherB,
    ).expect(403);
  });
});

describe('a wrong order', () => {
  it('lists every problem and changes nothing', async () => {
    const enrolled = await createPerson(t, school, 'student');
    const newcomer = await createPerson(t, school, 'student');
    const parent = await createPerson(t, school, 'parent');
    await order({
      number: '90-у',
      datedOn: '2026-09-01',
      kind: 'admission',
      basis: 'Заявление',
      movements: [{ studentId: enrolled.id, toClassId: class7A.id }],
    }).expect(201);

    const response = await order({
      number: '91-у',
      datedOn: '2026-09-10',
      kind: 'admission',
      basis: 'Заявление',
      movements: [
        { studentId: enrolled.id, toClassId: class7B.id },
        { studentId: newcomer.id },
        { studentId: parent.id, toClassId: class7B.id },
        { studentId: newcomer.id, toClassId: class7B.id, effectiveOn: '2027-07-01' },
      ],
    });
    const problem = expectProblem(response, 400, 'request.invalid');
    expect(problem.errors).toEqual([
      { field: 'movements[0].studentId', messages: ['already a student of 7А; transfer instead'] },
      { field: 'movements[1].toClassId', messages: ['toClassId is required for admission'] },
      { field: 'movements[2].studentId', messages: ['studentId is not a student of this school'] },
      { field: 'movements[3].studentId', messages: ['the same student is listed twice'] },
    ]);
    const history = await t
      .http()
      .get(`/v1/people/${newcomer.id}/enrollments`)
      .set(secretary.auth)
      .expect(200);
    expect(history.body.items).toEqual([]);

    const duplicateNumber = await order({
      number: '90-у',
      datedOn: '2026-09-01',
      kind: 'admission',
      basis: 'Заявление',
      movements: [{ studentId: newcomer.id, toClassId: class7B.id }],
    });
    expectProblem(duplicateNumber, 409, 'resource.already_exists');
  });

  it('refuses a transfer of a student who is in no class', async () => {
    const nobody = await createPerson(t, school, 'student');
    const response = await order({
      number: '92-у',
      datedOn: '2026-10-01',
      kind: 'transfer',
      basis: 'Заявление',
      movements: [{ studentId: nobody.id, toClassId: class7B.id }],
    });
    expect(expectProblem(response, 400, 'request.invalid').errors).toEqual([
      { field: 'movements[0].studentId', messages: ['not enrolled in any class now'] },
    ]);
  });
});

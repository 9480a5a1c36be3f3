import type { School } from '../src/core/tenancy/entities/school.entity';
import type { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import { Guardianship } from '../src/modules/people/entities/guardianship.entity';
import type { Person } from '../src/modules/people/entities/person.entity';
import { createAcademicYear, createClass, createPerson, enroll } from './support/classes-fixtures';
import { createRegion, createSchool, createUser, type TestUser } from './support/factories';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let school: School;
let otherSchool: School;
let classA: SchoolClass;
let classB: SchoolClass;
let anna: Person; // student of 7А
let boris: Person; // student of 7Б
let mother: Person; // Anna's mother, with an account
let secretary: TestUser;
let medical: TestUser;
let admin: TestUser;
let parentUser: TestUser;
let teacherOfA: TestUser;
let otherAdmin: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  const region = await createRegion(t);
  school = await createSchool(t, region, 'Школа 1');
  otherSchool = await createSchool(t, region, 'Школа 2');
  const year = await createAcademicYear(t, school);
  secretary = await createUser(t, { roles: [{ role: 'secretary', school }] });
  medical = await createUser(t, { roles: [{ role: 'medical', school }] });
  admin = await createUser(t, { roles: [{ role: 'admin', school }] });
  otherAdmin = await createUser(t, { roles: [{ role: 'admin', school: otherSchool }] });
  parentUser = await createUser(t, { roles: [{ role: 'parent', school }] });
  teacherOfA = await createUser(t, { roles: [{ role: 'teacher', school }] });
  const teacherCard = await createPerson(t, school, 'staff', {
    accountId: teacherOfA.account.id,
    positions: ['Учитель математики'],
  });
  classA = await createClass(t, year, 7, 'А', teacherCard);
  classB = await createClass(t, year, 7, 'Б');
  anna = await createPerson(t, school, 'student', { lastName: 'Фёдорова', firstName: 'Анна' });
  boris = await createPerson(t, school, 'student', { lastName: 'Борисов', firstName: 'Борис' });
  mother = await createPerson(t, school, 'parent', {
    lastName: 'Фёдорова',
    firstName: 'Ольга',
    accountId: parentUser.account.id,
  });
  await enroll(t, anna, classA);
  await enroll(t, boris, classB);
  const em = t.em();
  em.create(Guardianship, {
    schoolId: school.id,
    student: anna.id,
    parent: mother.id,
    relation: 'mother',
  });
  await em.flush();
});
afterAll(() => t.close());

describe('person cards', () => {
  it('lets the secretary add a student and finds them by name whatever the case and ё', async () => {
    const created = await t
      .http()
      .post(`/v1/schools/${school.id}/people`)
      .set(secretary.auth)
      .send({
        kind: 'student',
        lastName: 'Сёмина',
        firstName: 'Алёна',
        birthDate: '2014-02-11',
        sex: 'female',
        phone: '+7 916 000-00-00',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      kind: 'student',
      fullName: 'Сёмина Алёна',
      birthDate: '2014-02-11',
      accountId: null,
    });
    for (const q of ['СЕМИНА', 'сёмина ал', 'алена']) {
      const found = await t
        .http()
        .get(`/v1/schools/${school.id}/people`)
        .query({ q })
        .set(secretary.auth)
        .expect(200);
      expect(found.body.items.map((p: { id: string }) => p.id)).toEqual([created.body.id]);
    }
  });

  it('refuses a bad card with every field named', async () => {
    const response = await t
      .http()
      .post(`/v1/schools/${school.id}/people`)
      .set(secretary.auth)
      .send({ kind: 'pupil', lastName: '', birthDate: '2014-02-30', email: 'nope' });
    const problem = expectProblem(response, 400, 'request.invalid');
    const fields = (problem.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['birthDate', 'email', 'firstName', 'kind', 'lastName']);
  });

  it('keeps positions for staff cards only', async () => {
    const response = await t
      .http()
      .patch(`/v1/people/${anna.id}`)
      .set(secretary.auth)
      .send({ positions: ['Староста'] });
    expect(expectProblem(response, 400, 'request.invalid').errors).toEqual([
      { field: 'positions', messages: ['positions are for staff cards only'] },
    ]);
  });

  it('hides another school’s people: 404 and an empty list', async () => {
    await t.http().get(`/v1/people/${anna.id}`).set(otherAdmin.auth).expect(404);
    const list = await t
      .http()
      .get(`/v1/schools/${school.id}/people`)
      .set(otherAdmin.auth)
      .expect(200);
    expect(list.body.items).toEqual([]);
    await t
      .http()
      .patch(`/v1/people/${anna.id}`)
      .set(otherAdmin.auth)
      .send({ firstName: 'Взлом' })
      .expect(404);
  });
});

describe('parents', () => {
  it('shows a parent their own child and answers 404 for another child', async () => {
    const own = await t.http().get(`/v1/people/${anna.id}`).set(parentUser.auth).expect(200);
    expect(own.body.fullName).toBe('Фёдорова Анна');
    const other = await t.http().get(`/v1/people/${boris.id}`).set(parentUser.auth);
    expectProblem(other, 404, 'resource.not_found');
    const children = await t
      .http()
      .get(`/v1/people/${mother.id}/relatives`)
      .set(parentUser.auth)
      .expect(200);
    expect(children.body.items).toEqual([
      expect.objectContaining({ studentId: anna.id, parentId: mother.id, relation: 'mother' }),
    ]);
    await t.http().get(`/v1/people/${boris.id}/enrollments`).set(parentUser.auth).expect(404);
    await t
      .http()
      .patch(`/v1/people/${anna.id}`)
      .set(parentUser.auth)
      .send({ phone: '+79990000000' })
      .expect(403);
  });

  it('links a parent to a student with a relation, once', async () => {
    const father = await createPerson(t, school, 'parent', {
      lastName: 'Борисов',
      firstName: 'Олег',
    });
    for (let i = 0; i < 2; i++) {
      const linked = await t
        .http()
        .put(`/v1/people/${boris.id}/parents/${father.id}`)
        .set(secretary.auth)
        .send({ relation: 'father' })
        .expect(200);
      expect(linked.body).toMatchObject({ parentName: 'Борисов Олег', relation: 'father' });
    }
    const parents = await t
      .http()
      .get(`/v1/people/${boris.id}/relatives`)
      .set(secretary.auth)
      .expect(200);
    expect(parents.body.items).toHaveLength(1);
    const notAParent = await t
      .http()
      .put(`/v1/people/${boris.id}/parents/${anna.id}`)
      .set(secretary.auth)
      .send({ relation: 'mother' });
    expectProblem(notAParent, 400, 'request.invalid');
  });
});

describe('health data', () => {
  it('is written by medical staff and never reaches a teacher', async () => {
    const written = await t
      .http()
      .put(`/v1/people/${anna.id}/health`)
      .set(medical.auth)
      .send({
        healthGroup: 2,
        peGroup: 'preparatory',
        conditions: 'Бронхиальная астма',
        loadLimits: null,
        notes: null,
      })
      .expect(200);
    expect(written.body).toMatchObject({ healthGroup: 2, peGroup: 'preparatory' });
    expect(
      (await t.http().get(`/v1/people/${anna.id}/health`).set(admin.auth).expect(200)).body,
    ).toMatchObject({ healthGroup: 2, conditions: 'Бронхиальная астма' });

    // The teacher of 7А reads Anna's card, without any health field, and not her health data.
    const card = await t.http().get(`/v1/people/${anna.id}`).set(teacherOfA.auth).expect(200);
    expect(card.body.fullName).toBe('Фёдорова Анна');
    const text = JSON.stringify(card.body);
    for (const field of ['healthGroup', 'peGroup', 'conditions', 'Бронхиальная'])
      expect(text).not.toContain(field);
    expectProblem(
      await t.http().get(`/v1/people/${anna.id}/health`).set(teacherOfA.auth),
      404,
      'resource.not_found',
    );
    for (const user of [secretary, parentUser]) {
      await t.http().get(`/v1/people/${anna.id}/health`).set(user.auth).expect(404);
    }
    // The admin reads but does not write health data.
    await t
      .http()
      .put(`/v1/people/${anna.id}/health`)
      .set(admin.auth)
      .send({ healthGroup: 1, peGroup: 'main', conditions: null, loadLimits: null, notes: null })
      .expect(403);
  });

  it('does not let a teacher read students of classes they do not teach', async () => {
    await t.http().get(`/v1/people/${boris.id}`).set(teacherOfA.auth).expect(404);
  });
});

describe('documents, consents and the personal file', () => {
  it('checks a SNILS and keeps documents from teachers', async () => {
    const bad = await t
      .http()
      .post(`/v1/people/${anna.id}/documents`)
      .set(secretary.auth)
      .send({ kind: 'snils', number: '112-233-445 96' });
    expect(expectProblem(bad, 400, 'request.invalid').errors).toEqual([
      { field: 'number', messages: ['number is not a valid SNILS (11 digits, check sum)'] },
    ]);
    await t
      .http()
      .post(`/v1/people/${anna.id}/documents`)
      .set(secretary.auth)
      .send({ kind: 'snils', number: '112-233-445 95' })
      .expect(201);
    const again = await t
      .http()
      .post(`/v1/people/${anna.id}/documents`)
      .set(secretary.auth)
      .send({ kind: 'snils', number: '112-233-445 95' });
    expectProblem(again, 409, 'resource.already_exists');
    // Anna's teacher (class teacher of 7А) reads them; the parent reads their child's.
    for (const user of [teacherOfA, parentUser]) {
      const documents = await t
        .http()
        .get(`/v1/people/${anna.id}/documents`)
        .set(user.auth)
        .expect(200);
      expect(documents.body.items).toEqual([
        expect.objectContaining({ kind: 'snils', number: '112-233-445 95' }),
      ]);
    }
    await t.http().get(`/v1/people/${anna.id}/documents`).set(medical.auth).expect(404);
  });

  it('records a consent signed by a parent and its withdrawal', async () => {
    const consent = await t
      .http()
      .post(`/v1/people/${anna.id}/consents`)
      .set(secretary.auth)
      .send({
        purpose: 'Обработка персональных данных в электронном журнале',
        givenOn: '2026-09-01',
        givenById: mother.id,
      })
      .expect(201);
    expect(consent.body).toMatchObject({ givenById: mother.id, withdrawnOn: null });
    const strangerSigned = await t
      .http()
      .post(`/v1/people/${anna.id}/consents`)
      .set(secretary.auth)
      .send({ purpose: 'Фото на сайте', givenOn: '2026-09-01', givenById: boris.id });
    expectProblem(strangerSigned, 400, 'request.invalid');
    const withdrawn = await t
      .http()
      .post(`/v1/consents/${consent.body.id}/withdraw`)
      .set(secretary.auth)
      .send({ withdrawnOn: '2026-12-01' })
      .expect(200);
    expect(withdrawn.body.withdrawnOn).toBe('2026-12-01');
    const note = await t
      .http()
      .post(`/v1/people/${anna.id}/file-notes`)
      .set(teacherOfA.auth)
      .send({ body: 'Личное дело получено из МБОУ СОШ № 5.' })
      .expect(201);
    expect(note.body).toMatchObject({ authorId: teacherOfA.account.id });
    await t.http().get(`/v1/people/${anna.id}/file-notes`).set(parentUser.auth).expect(404);
  });
});

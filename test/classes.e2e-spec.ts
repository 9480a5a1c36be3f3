import type { School } from '../src/core/tenancy/entities/school.entity';
import type { AcademicYear } from '../src/modules/academic-years/entities/academic-year.entity';
import type { Person } from '../src/modules/people/entities/person.entity';
import {
  createAcademicYear,
  createClass,
  createPerson,
  createSubject,
  daysFromToday,
  enroll,
} from './support/classes-fixtures';
import { asRole, createRegion, createSchool, createUser, type TestUser } from './support/factories';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

describe('classes (O3)', () => {
  let t: TestApp;
  let school: School;
  let otherSchool: School;
  let year: AcademicYear;
  let admin: TestUser;
  let otherAdmin: TestUser;
  let staff: Person;

  beforeAll(async () => {
    t = await startTestApp();
    const region = await createRegion(t);
    school = await createSchool(t, region, 'A');
    otherSchool = await createSchool(t, region, 'B');
    year = await createAcademicYear(t, school);
    admin = await asRole(t, 'admin', school);
    otherAdmin = await asRole(t, 'admin', otherSchool);
    staff = await createPerson(t, school, 'staff', {
      lastName: 'Иванова',
      firstName: 'Мария',
      middleName: 'Петровна',
      positions: ['Учитель математики'],
    });
  });
  afterAll(() => t.close());

  const post = (user: TestUser, body: object, schoolId = school.id) =>
    t.http().post(`/v1/schools/${schoolId}/classes`).set(user.auth).send(body);
  const list = (user: TestUser, query = '', schoolId = school.id) =>
    t.http().get(`/v1/schools/${schoolId}/classes${query}`).set(user.auth);
  const get = (user: TestUser, id: string) => t.http().get(`/v1/classes/${id}`).set(user.auth);

  /** A teacher account with its staff card in the school. */
  async function teacherWithCard(lastName: string): Promise<{ user: TestUser; card: Person }> {
    const user = await asRole(t, 'teacher', school);
    const card = await createPerson(t, school, 'staff', {
      lastName,
      firstName: 'Олег',
      accountId: user.account.id,
      positions: ['Учитель истории'],
    });
    return { user, card };
  }

  describe('creating', () => {
    it('creates a class, upper-casing its letter, with its class teacher', async () => {
      const response = await post(admin, {
        academicYearId: year.id,
        grade: 7,
        letter: 'б',
        classTeacherId: staff.id,
      }).expect(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        schoolId: school.id,
        academicYearId: year.id,
        grade: 7,
        letter: 'Б',
        name: '7Б',
        classTeacher: { id: staff.id, fullName: 'Иванова Мария Петровна' },
        studentCount: 0,
      });
      await get(admin, response.body.id).expect(200, response.body);
    });

    it('refuses the same grade and letter twice in a year', async () => {
      await post(admin, { academicYearId: year.id, grade: 8, letter: 'А' }).expect(201);
      const body = expectProblem(
        await post(admin, { academicYearId: year.id, grade: 8, letter: 'а' }),
        409,
        'resource.already_exists',
      );
      expect(body.detail).toContain('8А');
      // Another year may have its own 8А.
      const next = await createAcademicYear(t, school);
      await post(admin, { academicYearId: next.id, grade: 8, letter: 'А' }).expect(201);
    });

    it('lists every bad field at once', async () => {
      const body = expectProblem(
        await post(admin, { academicYearId: 'x', grade: 12, letter: 'B', extra: 1 }),
        400,
        'request.invalid',
      );
      expect((body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
        'academicYearId',
        'extra',
        'grade',
        'letter',
      ]);
      for (const letter of ['АБВ', '', '7']) {
        expectProblem(
          await post(admin, { academicYearId: year.id, grade: 5, letter }),
          400,
          'request.invalid',
        );
      }
    });

    it('needs a year of this school and a class teacher from its staff', async () => {
      const foreignYear = await createAcademicYear(t, otherSchool);
      const student = await createPerson(t, school, 'student');
      const foreignStaff = await createPerson(t, otherSchool, 'staff');
      const body = expectProblem(
        await post(admin, {
          academicYearId: foreignYear.id,
          grade: 5,
          letter: 'А',
          classTeacherId: student.id,
        }),
        400,
        'request.invalid',
      );
      expect(body.errors).toEqual([
        { field: 'academicYearId', messages: ['no such academic year in this school'] },
        {
          field: 'classTeacherId',
          messages: ['classTeacherId must be a member of staff of this school'],
        },
      ]);
      expectProblem(
        await post(admin, {
          academicYearId: year.id,
          grade: 5,
          letter: 'А',
          classTeacherId: foreignStaff.id,
        }),
        400,
        'request.invalid',
      );
    });

    it('is for the school’s admin and deputy: a teacher gets 403, another school’s admin 404', async () => {
      const deputy = await asRole(t, 'deputy', school);
      await post(deputy, { academicYearId: year.id, grade: 2, letter: 'Д' }).expect(201);
      const teacher = await asRole(t, 'teacher', school);
      expectProblem(
        await post(teacher, { academicYearId: year.id, grade: 2, letter: 'Е' }),
        403,
        'access.forbidden',
      );
      const director = await asRole(t, 'director', school);
      expectProblem(
        await post(director, { academicYearId: year.id, grade: 2, letter: 'Е' }),
        403,
        'access.forbidden',
      );
      expectProblem(
        await post(otherAdmin, { academicYearId: year.id, grade: 2, letter: 'Е' }),
        404,
        'resource.not_found',
      );
    });
  });

  describe('listing and reading', () => {
    let listYear: AcademicYear;

    beforeAll(async () => {
      listYear = await createAcademicYear(t, school);
      const tenB = await createClass(t, listYear, 10, 'Б');
      await createClass(t, listYear, 10, 'А');
      const twoA = await createClass(t, listYear, 2, 'А');
      // Counted: enrolled today. Not counted: left yesterday, arrives tomorrow.
      await enroll(t, await createPerson(t, school, 'student'), tenB);
      await enroll(t, await createPerson(t, school, 'student'), tenB, daysFromToday(-30));
      await enroll(
        t,
        await createPerson(t, school, 'student'),
        tenB,
        '2020-09-01',
        daysFromToday(0),
      );
      await enroll(t, await createPerson(t, school, 'student'), tenB, daysFromToday(1));
      await enroll(t, await createPerson(t, school, 'student'), twoA);
    });

    it('orders by grade and letter, filters by year and grade, counts today’s students', async () => {
      const all = await list(admin, `?academicYearId=${listYear.id}`).expect(200);
      expect(
        all.body.items.map((c: { name: string; studentCount: number }) => [c.name, c.studentCount]),
      ).toEqual([
        ['2А', 1],
        ['10А', 0],
        ['10Б', 2],
      ]);
      const tenth = await list(admin, `?academicYearId=${listYear.id}&grade=10`).expect(200);
      expect(tenth.body.items.map((c: { name: string }) => c.name)).toEqual(['10А', '10Б']);
      expectProblem(await list(admin, '?grade=0'), 400, 'request.invalid');
    });

    it('shows school staff every class; another school sees none of them', async () => {
      for (const role of ['director', 'secretary', 'medical', 'psychologist', 'deputy'] as const) {
        const reader = await asRole(t, role, school);
        const response = await list(reader, `?academicYearId=${listYear.id}`).expect(200);
        expect(response.body.items).toHaveLength(3);
      }
      expect((await list(otherAdmin).expect(200)).body.items).toEqual([]);
      const some = (await list(admin, `?academicYearId=${listYear.id}`)).body.items[0];
      expectProblem(await get(otherAdmin, some.id), 404, 'resource.not_found');
      expectProblem(await list(admin, '', 'not-a-uuid'), 400, 'request.invalid');
    });

    it('shows a student their class and a parent their child’s class, nothing else', async () => {
      const sixA = await createClass(t, listYear, 6, 'А');
      await createClass(t, listYear, 6, 'Б');
      const studentUser = await asRole(t, 'student', school);
      const child = await createPerson(t, school, 'student', { accountId: studentUser.account.id });
      await enroll(t, child, sixA);
      const parentUser = await asRole(t, 'parent', school);
      const parent = await createPerson(t, school, 'parent', { accountId: parentUser.account.id });
      const em = t.em();
      const { Guardianship } = await import('../src/modules/people/entities/guardianship.entity');
      em.create(Guardianship, {
        schoolId: school.id,
        student: child.id,
        parent: parent.id,
        relation: 'mother',
      } as never);
      await em.flush();
      for (const user of [studentUser, parentUser]) {
        const response = await list(user).expect(200);
        expect(response.body.items.map((c: { id: string }) => c.id)).toEqual([sixA.id]);
        await get(user, sixA.id).expect(200);
      }
    });
  });

  describe('the class teacher', () => {
    it('gives a teacher their class from the next request on, and takes it back', async () => {
      const { user: teacher, card } = await teacherWithCard('Смирнов');
      const created = await post(admin, { academicYearId: year.id, grade: 9, letter: 'В' }).expect(
        201,
      );
      const id = created.body.id as string;
      expect((await list(teacher).expect(200)).body.items).toEqual([]);
      expectProblem(await get(teacher, id), 404, 'resource.not_found');

      const patched = await t
        .http()
        .patch(`/v1/classes/${id}`)
        .set(admin.auth)
        .send({ classTeacherId: card.id })
        .expect(200);
      expect(patched.body.classTeacher).toEqual({ id: card.id, fullName: 'Смирнов Олег' });
      const seen = await list(teacher).expect(200);
      expect(seen.body.items.map((c: { name: string }) => c.name)).toEqual(['9В']);
      await get(teacher, id).expect(200);
      // Still not theirs to change.
      expectProblem(
        await t.http().patch(`/v1/classes/${id}`).set(teacher.auth).send({ letter: 'Г' }),
        403,
        'access.forbidden',
      );

      const unassigned = await t
        .http()
        .patch(`/v1/classes/${id}`)
        .set(admin.auth)
        .send({ classTeacherId: null })
        .expect(200);
      expect(unassigned.body.classTeacher).toBeNull();
      expect((await list(teacher).expect(200)).body.items).toEqual([]);
    });

    it('must be a member of staff of the school', async () => {
      const created = await post(admin, { academicYearId: year.id, grade: 9, letter: 'Г' }).expect(
        201,
      );
      const parent = await createPerson(t, school, 'parent');
      const body = expectProblem(
        await t
          .http()
          .patch(`/v1/classes/${created.body.id}`)
          .set(admin.auth)
          .send({ classTeacherId: parent.id }),
        400,
        'request.invalid',
      );
      expect(body.errors).toEqual([
        {
          field: 'classTeacherId',
          messages: ['classTeacherId must be a member of staff of this school'],
        },
      ]);
    });
  });

  describe('changing and deleting', () => {
    it('renames with If-Match, refusing a stale ETag and a taken letter', async () => {
      const created = await post(admin, { academicYearId: year.id, grade: 11, letter: 'А' }).expect(
        201,
      );
      await post(admin, { academicYearId: year.id, grade: 11, letter: 'Б' }).expect(201);
      const url = `/v1/classes/${created.body.id}`;
      const read = await t.http().get(url).set(admin.auth).expect(200);
      const etag = read.headers.etag;
      expectProblem(
        await t.http().patch(url).set(admin.auth).send({ letter: 'б' }),
        409,
        'resource.already_exists',
      );
      const renamed = await t
        .http()
        .patch(url)
        .set({ ...admin.auth, 'If-Match': etag })
        .send({ letter: 'в' })
        .expect(200);
      expect(renamed.body).toMatchObject({ letter: 'В', name: '11В', grade: 11 });
      expectProblem(
        await t
          .http()
          .patch(url)
          .set({ ...admin.auth, 'If-Match': etag })
          .send({ letter: 'Г' }),
        412,
        'resource.precondition_failed',
      );
      expectProblem(
        await t.http().patch(url).set(admin.auth).send({ letter: null }),
        400,
        'request.invalid',
      );
      expectProblem(
        await t.http().patch(url).set(otherAdmin.auth).send({ letter: 'Д' }),
        404,
        'resource.not_found',
      );
    });

    it('deletes only a class nobody was ever enrolled in', async () => {
      const empty = await createClass(t, year, 3, 'А');
      const used = await createClass(t, year, 3, 'Б');
      await enroll(t, await createPerson(t, school, 'student'), used, '2020-09-01', '2020-10-01');
      const body = expectProblem(
        await t.http().delete(`/v1/classes/${used.id}`).set(admin.auth),
        409,
        'resource.conflict',
      );
      expect(body.detail).toContain('3Б');
      expectProblem(
        await t.http().delete(`/v1/classes/${empty.id}`).set(otherAdmin.auth),
        404,
        'resource.not_found',
      );
      const director = await asRole(t, 'director', school);
      expectProblem(
        await t.http().delete(`/v1/classes/${empty.id}`).set(director.auth),
        403,
        'access.forbidden',
      );
      await t.http().delete(`/v1/classes/${empty.id}`).set(admin.auth).expect(204);
      expectProblem(await get(admin, empty.id), 404, 'resource.not_found');
    });
  });

  describe('staff list', () => {
    let staffSchool: School;
    let staffYear: AcademicYear;

    beforeAll(async () => {
      staffSchool = await createSchool(t, undefined, 'C');
      staffYear = await createAcademicYear(t, staffSchool);
      const pastYear = await createAcademicYear(t, staffSchool, {
        startsOn: '2020-09-01',
        endsOn: '2021-05-31',
      });
      const petrova = await createPerson(t, staffSchool, 'staff', {
        lastName: 'Петрова',
        firstName: 'Анна',
        middleName: 'Сергеевна',
        positions: ['Учитель русского языка и литературы'],
        phone: '+7 900 000-00-00',
        email: 'petrova@school.example',
      });
      await createPerson(t, staffSchool, 'staff', {
        lastName: 'Ёлкина',
        firstName: 'Вера',
        positions: ['Директор'],
      });
      await createPerson(t, staffSchool, 'staff', {
        lastName: 'Абрамов',
        firstName: 'Илья',
        positions: ['Учитель физики', 'Заместитель директора по УВР'],
      });
      await createPerson(t, staffSchool, 'student', { lastName: 'Аааев' });
      await createClass(t, staffYear, 7, 'Б', petrova);
      await createClass(t, staffYear, 5, 'А', petrova);
      await createClass(t, pastYear, 1, 'А', petrova);
    });

    it('lists names, positions and led classes, ordered by name, without contacts', async () => {
      const student = await createUser(t, { roles: [{ role: 'student', school: staffSchool }] });
      const response = await t
        .http()
        .get(`/v1/schools/${staffSchool.id}/staff`)
        .set(student.auth)
        .expect(200);
      expect(response.body).toEqual({
        items: [
          {
            id: expect.any(String),
            fullName: 'Абрамов Илья',
            positions: ['Учитель физики', 'Заместитель директора по УВР'],
            classTeacherOf: [],
          },
          {
            id: expect.any(String),
            fullName: 'Ёлкина Вера',
            positions: ['Директор'],
            classTeacherOf: [],
          },
          {
            id: expect.any(String),
            fullName: 'Петрова Анна Сергеевна',
            positions: ['Учитель русского языка и литературы'],
            classTeacherOf: ['5А', '7Б'],
          },
        ],
      });
    });

    it('is readable by every role of the school and by nobody else (404)', async () => {
      for (const role of ['teacher', 'parent', 'technical', 'medical'] as const) {
        const user = await createUser(t, { roles: [{ role, school: staffSchool }] });
        const response = await t
          .http()
          .get(`/v1/schools/${staffSchool.id}/staff`)
          .set(user.auth)
          .expect(200);
        expect(response.body.items).toHaveLength(3);
      }
      expectProblem(
        await t.http().get(`/v1/schools/${staffSchool.id}/staff`).set(admin.auth),
        404,
        'resource.not_found',
      );
      const authority = await createUser(t, {
        roles: [{ role: 'authority', region: { id: staffSchool.regionId } as never }],
      });
      expectProblem(
        await t.http().get(`/v1/schools/${staffSchool.id}/staff`).set(authority.auth),
        404,
        'resource.not_found',
      );
    });
  });

  describe('teaching assignments', () => {
    it('assigns a teacher, who then reads the class; duplicates and bad ids are refused', async () => {
      const { user: teacher, card } = await teacherWithCard('Кузнецов');
      const schoolClass = await createClass(t, year, 4, 'А');
      const maths = await createSubject(t, school, 'Математика');
      const url = `/v1/classes/${schoolClass.id}/teaching-assignments`;
      expectProblem(await get(teacher, schoolClass.id), 404, 'resource.not_found');

      const created = await t
        .http()
        .post(url)
        .set(admin.auth)
        .send({ subjectId: maths.id, teacherId: card.id })
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        classId: schoolClass.id,
        subject: { id: maths.id, name: 'Математика' },
        teacher: { id: card.id, fullName: 'Кузнецов Олег' },
        subgroup: null,
        hoursPerWeek: 0,
      });
      await get(teacher, schoolClass.id).expect(200);
      const listed = await t.http().get(url).set(teacher.auth).expect(200);
      expect(listed.body).toEqual({ items: [created.body] });

      expectProblem(
        await t.http().post(url).set(admin.auth).send({ subjectId: maths.id, teacherId: card.id }),
        409,
        'resource.already_exists',
      );
      expectProblem(
        await t
          .http()
          .post(url)
          .set(teacher.auth)
          .send({ subjectId: maths.id, teacherId: card.id }),
        403,
        'access.forbidden',
      );
      expectProblem(
        await t
          .http()
          .post(url)
          .set(otherAdmin.auth)
          .send({ subjectId: maths.id, teacherId: card.id }),
        404,
        'resource.not_found',
      );

      const archived = await createSubject(t, school, 'Черчение', true);
      const student = await createPerson(t, school, 'student');
      const otherMaths = await createSubject(t, otherSchool, 'Математика');
      const body = expectProblem(
        await t
          .http()
          .post(url)
          .set(admin.auth)
          .send({ subjectId: archived.id, teacherId: student.id, subgroupId: card.id }),
        400,
        'request.invalid',
      );
      expect((body.errors as { field: string }[]).map((e) => e.field)).toEqual([
        'subjectId',
        'teacherId',
        'subgroupId',
      ]);
      expectProblem(
        await t
          .http()
          .post(url)
          .set(admin.auth)
          .send({ subjectId: otherMaths.id, teacherId: card.id }),
        400,
        'request.invalid',
      );

      const deleteUrl = `/v1/teaching-assignments/${created.body.id}`;
      expectProblem(await t.http().delete(deleteUrl).set(teacher.auth), 403, 'access.forbidden');
      expectProblem(
        await t.http().delete(deleteUrl).set(otherAdmin.auth),
        404,
        'resource.not_found',
      );
      await t.http().delete(deleteUrl).set(admin.auth).expect(204);
      expect((await t.http().get(url).set(admin.auth).expect(200)).body.items).toEqual([]);
      // Scopes are loaded per request: the class is gone from the teacher's view at once.
      expectProblem(await get(teacher, schoolClass.id), 404, 'resource.not_found');
    });
  });
});

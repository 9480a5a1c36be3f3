import type { School } from '../src/core/tenancy/entities/school.entity';
import { Enrollment } from '../src/modules/classes/entities/enrollment.entity';
import type { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import { Guardianship } from '../src/modules/people/entities/guardianship.entity';
import { Person } from '../src/modules/people/entities/person.entity';
import { createSchool, createUser, type TestUser } from './support/factories';
import {
  assignSubjectTeacher,
  CLEAN,
  HEADER,
  IVANOV,
  SMIRNOVA,
  WITH_ERRORS,
  createImportClass,
  createImportYear,
  createStaffCard,
  CSV,
  toCsv,
  toXlsx,
  XLSX,
} from './support/import-fixtures';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

describe('Class list import (P1)', () => {
  let t: TestApp;
  let school: School;
  let admin: TestUser;
  let class5a: SchoolClass;
  let class5b: SchoolClass;
  let classTeacher: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    school = await createSchool(t);
    admin = await createUser(t, { roles: [{ role: 'admin', school }] });
    classTeacher = await createUser(t, { roles: [{ role: 'teacher', school }] });
    const year = await createImportYear(t, school);
    class5a = await createImportClass(t, year, 5, 'А');
    class5b = await createImportClass(
      t,
      year,
      5,
      'Б',
      await createStaffCard(t, school, classTeacher.account),
    );
  });
  afterAll(() => t.close());

  const upload = (
    user: TestUser,
    schoolClass: SchoolClass,
    body: Buffer,
    dryRun: boolean | string = true,
    type = CSV,
  ) =>
    t
      .http()
      .post(`/v1/classes/${schoolClass.id}/imports?dryRun=${dryRun}`)
      .set(user.auth)
      .set('content-type', type)
      .send(body);

  const countPeople = () => t.em().count(Person, { schoolId: school.id, kind: { $ne: 'staff' } });
  const counts = async () => ({
    people: await countPeople(),
    links: await t.em().count(Guardianship, { schoolId: school.id }),
    enrollments: await t.em().count(Enrollment, { schoolId: school.id }),
  });

  it('documents the file body and the 422 answer in the OpenAPI contract', async () => {
    const document = (await t.http().get('/openapi.json')).body as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const operation = document.paths['/v1/classes/{id}/imports'].post as {
      operationId: string;
      parameters: { name: string; in: string; required: boolean }[];
      requestBody: { content: Record<string, { schema: unknown }> };
      responses: Record<string, unknown>;
    };
    expect(operation.operationId).toBe('importClassList');
    expect(operation.requestBody.content).toEqual({
      [CSV]: { schema: { type: 'string', format: 'binary' } },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
    });
    expect(operation.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'dryRun', in: 'query', required: true }),
        expect.objectContaining({ name: 'enrolledOn', in: 'query', required: false }),
      ]),
    );
    expect(Object.keys(operation.responses)).toEqual(
      expect.arrayContaining(['200', '403', '404', '413', '415', '422']),
    );
  });

  describe('refusals', () => {
    it('refuses a body that is not CSV or XLSX with 415', async () => {
      for (const type of ['application/json', 'application/pdf', 'text/plain']) {
        const response = await upload(admin, class5a, Buffer.from('{}'), true, type);
        expectProblem(response, 415, 'request.unsupported_media_type');
      }
      // Authentication still comes first, as on every route.
      const anonymous = await t
        .http()
        .post(`/v1/classes/${class5a.id}/imports?dryRun=true`)
        .send({});
      expectProblem(anonymous, 401, 'auth.unauthenticated');
    });

    it('requires dryRun, so that nothing is imported by accident', async () => {
      const response = await t
        .http()
        .post(`/v1/classes/${class5a.id}/imports`)
        .set(admin.auth)
        .set('content-type', CSV)
        .send(toCsv(CLEAN));
      const body = expectProblem(response, 400, 'request.invalid');
      expect(body.errors).toEqual([
        { field: 'dryRun', messages: ['dryRun must be a boolean value'] },
      ]);
    });

    it('refuses a header with unknown or missing columns as one file error', async () => {
      const response = await upload(
        admin,
        class5a,
        toCsv([
          ['Фамилия', 'Имя', 'Класс'],
          ['А', 'Б', '5А'],
        ]),
      );
      const body = expectProblem(response, 400, 'request.invalid');
      expect(body.errors).toEqual([
        {
          field: 'file',
          messages: ['неизвестные столбцы: Класс; нет обязательных столбцов: Дата рождения'],
        },
      ]);
    });

    it('refuses a CSV that is not UTF-8, and enrolledOn outside the academic year', async () => {
      const cp1251 = Buffer.from([0xd4, 0xe0, 0xec, 0xe8, 0xeb, 0xe8, 0xff]);
      expectProblem(await upload(admin, class5a, cp1251), 400, 'request.invalid');
      const response = await t
        .http()
        .post(`/v1/classes/${class5a.id}/imports?dryRun=true&enrolledOn=2027-06-01`)
        .set(admin.auth)
        .set('content-type', CSV)
        .send(toCsv(CLEAN));
      const body = expectProblem(response, 400, 'request.invalid');
      expect(body.errors).toEqual([expect.objectContaining({ field: 'enrolledOn' })]);
    });

    it('reads files above the API’s JSON body limit, up to 5 MiB, and at most 200 rows', async () => {
      // 201 rows of about 8 KiB each: over the 1 MiB JSON limit, under the import's 5 MiB.
      const padding = 'д'.repeat(4000);
      const many = Array.from({ length: 201 }, (_, i) => [
        'Петров',
        `Иван${padding}`,
        '',
        `0${(i % 9) + 1}.01.2014`,
      ]);
      const response = await upload(admin, class5a, toCsv([HEADER.slice(0, 4), ...many]));
      const body = expectProblem(response, 400, 'request.invalid');
      expect(body.errors).toEqual([
        {
          field: 'file',
          messages: ['в файле 201 строк с данными; за один раз можно загрузить не больше 200'],
        },
      ]);
      const huge = Buffer.alloc(5 * 1024 * 1024 + 1, 'a');
      expectProblem(await upload(admin, class5a, huge), 413, 'request.too_large');
    });

    it('answers 404 to a teacher who cannot read the class, 403 to one who only teaches in it', async () => {
      const stranger = await createUser(t, { roles: [{ role: 'teacher', school }] });
      expectProblem(await upload(stranger, class5a, toCsv(CLEAN)), 404, 'resource.not_found');
      const subjectTeacher = await createUser(t, { roles: [{ role: 'teacher', school }] });
      await assignSubjectTeacher(
        t,
        class5a,
        await createStaffCard(t, school, subjectTeacher.account),
      );
      expectProblem(await upload(subjectTeacher, class5a, toCsv(CLEAN)), 403, 'access.forbidden');
    });

    it('hides another school’s class (404) and lets a class teacher check their own class', async () => {
      const otherAdmin = await createUser(t, {
        roles: [{ role: 'admin', school: await createSchool(t) }],
      });
      expectProblem(await upload(otherAdmin, class5a, toCsv(CLEAN)), 404, 'resource.not_found');
      const response = await upload(classTeacher, class5b, toCsv([HEADER, IVANOV]));
      expect(response.status).toBe(200);
      expect(response.body.summary).toMatchObject({ rows: 1, errors: 0, studentsCreated: 1 });
    });
  });

  describe('a CSV file', () => {
    it('dry run: reports every bad row’s errors and writes nothing', async () => {
      const response = await upload(admin, class5a, toCsv(WITH_ERRORS));
      expect(response.status).toBe(200);
      const rows = response.body.rows as { row: number; errors: unknown[] }[];
      expect(rows.map((r) => [r.row, r.errors])).toEqual([
        [2, []],
        [3, [{ column: 'Фамилия', message: 'не заполнено' }]],
        [
          4,
          [
            { column: 'Дата рождения', message: 'дата должна быть в виде ДД.ММ.ГГГГ' },
            { column: 'Пол', message: 'укажите М или Ж' },
          ],
        ],
        [5, []],
        [
          6,
          [
            { column: 'Родитель 1 Имя', message: 'не заполнено' },
            { column: 'Родитель 1 Кем приходится', message: 'не заполнено' },
            { column: 'Родитель 1 Телефон', message: 'не похоже на номер телефона' },
          ],
        ],
      ]);
      expect(response.body).toMatchObject({ dryRun: true, summary: { rows: 5, errors: 3 } });
      expect(await counts()).toEqual({ people: 0, links: 0, enrollments: 0 });
    });

    it('real run with a bad row: 422 import.rejected listing the bad rows, nothing written', async () => {
      const response = await upload(admin, class5a, toCsv(WITH_ERRORS), false);
      const body = expectProblem(response, 422, 'import.rejected');
      expect((body.rows as { row: number }[]).map((r) => r.row)).toEqual([3, 4, 6]);
      expect(await counts()).toEqual({ people: 0, links: 0, enrollments: 0 });
    });

    it('dry run of a clean file shows what would be created', async () => {
      const response = await upload(admin, class5a, toCsv(CLEAN));
      expect(response.status).toBe(200);
      expect(response.body.rows[0]).toEqual({
        row: 2,
        student: { action: 'create', fullName: 'Иванов Пётр Сергеевич' },
        parents: [
          { action: 'create', fullName: 'Иванова Мария Петровна', relation: 'mother' },
          { action: 'create', fullName: 'Иванов Сергей Петрович', relation: 'father' },
        ],
        enrollment: 'create',
        errors: [],
      });
      expect(await counts()).toEqual({ people: 0, links: 0, enrollments: 0 });
    });

    it('real run creates students, parents, links and enrollments', async () => {
      const response = await upload(admin, class5a, toCsv(CLEAN), false);
      expect(response.status).toBe(200);
      expect(response.body.summary).toEqual({
        rows: 3,
        errors: 0,
        studentsCreated: 3,
        studentsMatched: 0,
        parentsCreated: 3,
        parentsMatched: 1,
        enrollmentsCreated: 3,
      });
      const em = t.em();
      const petr = await em.findOneOrFail(Person, {
        schoolId: school.id,
        lastName: 'Иванов',
        firstName: 'Пётр',
      });
      expect(petr).toMatchObject({
        kind: 'student',
        middleName: 'Сергеевич',
        birthDate: '2014-03-05',
        sex: 'male',
        address: 'г. Казань, ул. Ленина, 1',
      });
      expect(response.body.rows[0].student.personId).toBe(petr.id);
      const mother = await em.findOneOrFail(Person, { schoolId: school.id, firstName: 'Мария' });
      expect(mother).toMatchObject({
        kind: 'parent',
        phone: '+79123456789',
        email: 'ivanova@example.ru',
      });
      // The mother of two children in the file is one card with two links.
      const links = await em.find(Guardianship, { parent: mother }, { populate: ['student'] });
      expect(links.map((l) => [l.student.firstName, l.relation]).sort()).toEqual([
        ['Анна', 'mother'],
        ['Пётр', 'mother'],
      ]);
      const enrollments = await em.find(Enrollment, { schoolClass: class5a.id });
      expect(enrollments).toHaveLength(3);
      // Default start: the later of the year's start and today (school time), within the year.
      const today = t.clock.today('Europe/Moscow');
      const startsOn =
        today < '2026-09-01' ? '2026-09-01' : today > '2027-05-31' ? '2027-05-31' : today;
      for (const e of enrollments)
        expect(e).toMatchObject({ endsOn: null, startedBy: null, startsOn });
      expect(await counts()).toEqual({ people: 6, links: 4, enrollments: 3 });
    });

    it('running the same file again matches everything and creates nothing', async () => {
      const before = await counts();
      const response = await upload(admin, class5a, toCsv(CLEAN, ','), false);
      expect(response.status).toBe(200);
      expect(response.body.summary).toEqual({
        rows: 3,
        errors: 0,
        studentsCreated: 0,
        studentsMatched: 3,
        parentsCreated: 0,
        parentsMatched: 4,
        enrollmentsCreated: 0,
      });
      for (const row of response.body.rows) {
        expect(row.student).toEqual(
          expect.objectContaining({ action: 'match', personId: expect.any(String) }),
        );
        expect(row.enrollment).toBe('already-enrolled');
      }
      expect(await counts()).toEqual(before);
    });

    it('a student enrolled in another class is an error: transfers need a movement order', async () => {
      const response = await upload(admin, class5b, toCsv([HEADER, SMIRNOVA]));
      expect(response.body.rows[0].errors).toEqual([
        { column: '*', message: 'учится в 5А; переведите приказом' },
      ]);
    });
  });

  describe('an XLSX file', () => {
    const rows = () => [
      HEADER.slice(0, 14),
      [
        'Кузнецов',
        'Илья',
        'Андреевич',
        new Date(Date.UTC(2013, 4, 20)),
        'М',
        '',
        { text: 'ilya@example.ru', hyperlink: 'mailto:ilya@example.ru' },
        '',
        'Кузнецова',
        'Елена',
        '',
        'мать',
        89123330000,
        '',
      ],
      ['Орлова', 'Вера', '', '01.12.2014', 'Ж', '', '', '', '', '', '', '', '', ''],
    ];

    it('imports the first sheet like a CSV, date cells included, and matches on the second run', async () => {
      const file = await toXlsx(rows());
      const dry = await upload(admin, class5b, file, true, XLSX);
      expect(dry.status).toBe(200);
      expect(dry.body.summary).toMatchObject({
        rows: 2,
        errors: 0,
        studentsCreated: 2,
        parentsCreated: 1,
      });
      const before = await counts();
      expect(before.people).toBe(6);

      const real = await upload(admin, class5b, file, false, XLSX);
      expect(real.status).toBe(200);
      const ilya = await t.em().findOneOrFail(Person, { schoolId: school.id, firstName: 'Илья' });
      expect(ilya).toMatchObject({
        birthDate: '2013-05-20',
        email: 'ilya@example.ru',
        sex: 'male',
      });
      expect(await counts()).toEqual({
        people: before.people + 3,
        links: before.links + 1,
        enrollments: before.enrollments + 2,
      });

      const again = await upload(admin, class5b, file, false, XLSX);
      expect(again.body.summary).toMatchObject({
        studentsCreated: 0,
        studentsMatched: 2,
        parentsMatched: 1,
        enrollmentsCreated: 0,
      });
      expect(await counts()).toEqual({
        people: before.people + 3,
        links: before.links + 1,
        enrollments: before.enrollments + 2,
      });
    });
  });
});

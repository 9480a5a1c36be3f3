import { ActivationCode } from '../src/core/auth/entities/activation-code.entity';
import { Account } from '../src/core/auth/entities/account.entity';
import { RoleAssignment } from '../src/core/auth/entities/role-assignment.entity';
import type { School } from '../src/core/tenancy/entities/school.entity';
import type { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import { Person } from '../src/modules/people/entities/person.entity';
import { asRole, createSchool, type TestUser } from './support/factories';
import {
  assignTeaching,
  createClass,
  createClassTeacher,
  createPerson,
  enroll,
  linkParent,
} from './support/people-fixtures-credentials';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

const NEW_PASSWORD = 'new-password-for-student-1';
const CODE = /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/;

describe('credentials (P3)', () => {
  let t: TestApp;
  let school: School;
  let admin: TestUser;
  let classA: SchoolClass;
  let classB: SchoolClass;
  let teacherA: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    school = await createSchool(t, undefined, 'Школа № 5');
    admin = await asRole(t, 'admin', school);
    classA = await createClass(t, school, 7, 'Б');
    classB = await createClass(t, school, 8, 'А');
    teacherA = await createClassTeacher(t, school, classA);
  });

  afterAll(() => t.close());

  const issue = (user: TestUser, personId: string, body?: object) => {
    const call = t.http().post(`/v1/people/${personId}/credentials`).set(user.auth);
    return body ? call.send(body) : call;
  };
  const activate = (login: string, code: string) =>
    t.http().post('/v1/auth/activate').send({ login, code, password: NEW_PASSWORD });
  const logIn = (login: string) =>
    t.http().post('/v1/auth/login').send({ login, password: NEW_PASSWORD });

  async function studentOf(schoolClass: SchoolClass, name: string): Promise<Person> {
    const student = await createPerson(t, school, 'student', name);
    await enroll(t, student, schoolClass);
    return student;
  }

  it('creates a pending student account with a login from the name and the student role', async () => {
    const maria = await studentOf(classA, 'Иванова Мария Петровна');
    const marina = await studentOf(classA, 'Иванова Марина Олеговна');

    const first = await issue(admin, maria.id).expect(201);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.body).toEqual({
      personId: maria.id,
      accountId: expect.any(String),
      login: 'ivanova.m',
      activationCode: expect.stringMatching(CODE),
      expiresAt: expect.any(String),
      accountCreated: true,
    });
    const hours = (Date.parse(first.body.expiresAt) - t.clock.now().getTime()) / 3_600_000;
    expect(hours).toBeGreaterThan(71);
    expect(hours).toBeLessThanOrEqual(72);

    // The same name gets a numbered login.
    const second = await issue(admin, marina.id).expect(201);
    expect(second.body.login).toBe('ivanova.m2');

    const em = t.em();
    const account = await em.findOneOrFail(Account, first.body.accountId);
    expect(account).toMatchObject({ status: 'pending', displayName: 'Иванова Мария Петровна' });
    const roles = await em.find(RoleAssignment, { account });
    expect(roles.map((r) => [r.role, r.schoolId])).toEqual([['student', school.id]]);
    expect((await em.findOneOrFail(Person, maria.id)).accountId).toBe(account.id);

    // The code is never in the audit trail; the account's creation is, filed under the school.
    const [{ leaks }] = await em
      .getConnection()
      .execute<{ leaks: string }[]>(
        `select count(*) as leaks from audit_events where coalesce(before::text, '') || coalesce(after::text, '') like ?`,
        [`%${first.body.activationCode}%`],
      );
    expect(Number(leaks)).toBe(0);
    const [{ created }] = await em
      .getConnection()
      .execute<{ created: string }[]>(
        `select count(*) as created from audit_events where entity = 'Account' and entity_id = ? and school_id = ?`,
        [account.id, school.id],
      );
    expect(Number(created)).toBe(1);
  });

  it('activation code single use and expiry', async () => {
    const student = await studentOf(classA, 'Смирнов Кирилл');
    const issued = await issue(admin, student.id).expect(201);
    const { login, activationCode, accountId } = issued.body;
    expect(login).toBe('smirnov.k');

    await activate(login, activationCode).expect(204);
    const tokens = await logIn(login).expect(200);
    expect(tokens.body.accessToken).toEqual(expect.any(String));
    expect((await t.em().findOneOrFail(Account, accountId)).status).toBe('active');

    // Used once: the same code again is refused.
    expectProblem(await activate(login, activationCode), 400, 'auth.activation_code_invalid');

    // Re-issuing voids the previous code, keeps the account and login.
    const second = await issue(admin, student.id).expect(201);
    const third = await issue(admin, student.id).expect(201);
    expect(third.body).toMatchObject({ accountId, login, accountCreated: false });
    expect(third.body.activationCode).not.toBe(second.body.activationCode);
    expectProblem(
      await activate(login, second.body.activationCode),
      400,
      'auth.activation_code_invalid',
    );
    await activate(login, third.body.activationCode).expect(204);

    // An expired code is refused.
    const fourth = await issue(admin, student.id).expect(201);
    await t
      .em()
      .nativeUpdate(
        ActivationCode,
        { account: accountId, usedAt: null, voidedAt: null },
        { expiresAt: new Date(t.clock.now().getTime() - 60_000) },
      );
    expectProblem(
      await activate(login, fourth.body.activationCode),
      400,
      'auth.activation_code_invalid',
    );
    await logIn(login).expect(200);
  });

  it('lets the class teacher issue to the students and parents of their class only', async () => {
    const own = await studentOf(classA, 'Козлов Денис');
    const parent = await createPerson(t, school, 'parent', 'Козлова Ольга Сергеевна');
    await linkParent(t, parent, own);
    const other = await studentOf(classB, 'Орлов Иван');
    const colleague = await createPerson(t, school, 'staff', 'Белова Нина');

    const forStudent = await issue(teacherA, own.id).expect(201);
    expect(forStudent.body).toMatchObject({ login: 'kozlov.d', accountCreated: true });
    const forParent = await issue(teacherA, parent.id).expect(201);
    expect(forParent.body).toMatchObject({ login: 'kozlova.o', accountCreated: true });
    const roles = await t.em().find(RoleAssignment, { account: forParent.body.accountId });
    expect(roles.map((r) => r.role)).toEqual(['parent']);

    expectProblem(await issue(teacherA, other.id), 404, 'resource.not_found');
    // A staff card the teacher can read, but not issue to.
    expectProblem(
      await issue(teacherA, colleague.id, { roles: ['teacher'] }),
      403,
      'access.forbidden',
    );
    expect((await t.em().findOneOrFail(Person, other.id)).accountId).toBeNull();
  });

  it('gives a teacher without a class nothing to issue to', async () => {
    const teacher = await createClassTeacher(t, school, null, 'Носова Вера');
    const student = await studentOf(classA, 'Лебедев Артём');
    expectProblem(await issue(teacher, student.id), 404, 'resource.not_found');
  });

  it('lets the admin issue a staff account with roles and checks the input', async () => {
    const staff = await createPerson(t, school, 'staff', 'Сидоров Олег Павлович');
    const student = await studentOf(classA, 'Щукина Юлия');

    const noRoles = expectProblem(await issue(admin, staff.id), 400, 'request.invalid');
    expect(noRoles.errors).toEqual([{ field: 'roles', messages: [expect.any(String)] }]);
    const studentRoles = expectProblem(
      await issue(admin, student.id, { roles: ['teacher'] }),
      400,
      'request.invalid',
    );
    expect(studentRoles.errors).toEqual([{ field: 'roles', messages: [expect.any(String)] }]);
    const bad = expectProblem(
      await issue(admin, staff.id, { login: 'x', roles: ['student'], extra: 1 }),
      400,
      'request.invalid',
    );
    expect((bad.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'extra',
      'login',
      'roles',
    ]);
    expectProblem(
      await issue(admin, staff.id, { login: admin.login, roles: ['teacher'] }),
      409,
      'resource.already_exists',
    );

    const created = await issue(admin, staff.id, {
      login: 'Sidorov.OP',
      roles: ['teacher', 'deputy'],
    }).expect(201);
    expect(created.body).toMatchObject({ login: 'sidorov.op', accountCreated: true });
    const roles = await t.em().find(RoleAssignment, { account: created.body.accountId });
    expect(roles.map((r) => r.role).sort()).toEqual(['deputy', 'teacher']);

    // Roles of an existing account are changed elsewhere.
    expectProblem(await issue(admin, staff.id, { roles: ['teacher'] }), 409, 'resource.conflict');
    const reissued = await issue(admin, staff.id).expect(201);
    expect(reissued.body).toMatchObject({ login: 'sidorov.op', accountCreated: false });

    // Transliteration of «щ», «ю», «я».
    expect((await issue(admin, student.id).expect(201)).body.login).toBe('shchukina.yu');
  });

  it('refuses disabled accounts and accounts that hold other roles', async () => {
    const student = await studentOf(classA, 'Зайцев Пётр');
    const { body } = await issue(admin, student.id).expect(201);
    await t.em().nativeUpdate(Account, { id: body.accountId }, { status: 'disabled' });
    expectProblem(await issue(admin, student.id), 409, 'resource.conflict');

    // A parent card linked to an admin's account: a class teacher must not reset it.
    const own = await studentOf(classA, 'Волков Глеб');
    const otherAdmin = await asRole(t, 'admin', school);
    const parent = await createPerson(t, school, 'parent', 'Волкова Ирина', otherAdmin.account.id);
    await linkParent(t, parent, own);
    expectProblem(await issue(teacherA, parent.id), 403, 'access.forbidden');
  });

  it('hides other schools’ people and refuses roles without the right', async () => {
    const student = await studentOf(classA, 'Морозов Лев');
    const stranger = await asRole(t, 'admin', await createSchool(t));
    expectProblem(await issue(stranger, student.id), 404, 'resource.not_found');
    // A director reads people but issues nothing; Credential is unreadable, so the guard says 404.
    const director = await asRole(t, 'director', school);
    expectProblem(await issue(director, student.id), 404, 'resource.not_found');
    expectProblem(await issue(admin, 'not-a-uuid'), 400, 'request.invalid');
  });

  describe('class slips (PDF)', () => {
    let slipsClass: SchoolClass;
    let slipsTeacher: TestUser;
    let students: Person[];
    let parents: Person[];
    let leaver: Person;

    // Page objects, not the page tree (`/Type /Pages`).
    const pdfPages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length;
    const slips = (user: TestUser, classId: string, body: object = {}) =>
      t
        .http()
        .post(`/v1/classes/${classId}/credential-slips`)
        .set(user.auth)
        .send(body)
        .buffer(true)
        .parse((res, callback) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const body = Buffer.concat(chunks);
            const json = /json/.test(String(res.headers['content-type']));
            callback(null, json ? JSON.parse(body.toString()) : body);
          });
        });

    async function liveCodes(accountId: string): Promise<number> {
      return t.em().count(ActivationCode, {
        account: accountId,
        usedAt: null,
        voidedAt: null,
        expiresAt: { $gt: t.clock.now() },
      });
    }

    beforeAll(async () => {
      slipsClass = await createClass(t, school, 5, 'В');
      slipsTeacher = await createClassTeacher(t, school, slipsClass, 'Гусева Лидия');
      students = [];
      for (const name of [
        'Акимов Борис',
        'Белкина Вера',
        'Гришин Денис',
        'Ёлкина Жанна',
        'Егоров Захар',
      ])
        students.push(await studentOf(slipsClass, name));
      parents = [];
      for (const name of ['Акимова Анна', 'Гришина Галина', 'Егорова Елена'])
        parents.push(await createPerson(t, school, 'parent', name));
      await linkParent(t, parents[0], students[0]);
      await linkParent(t, parents[1], students[2]);
      await linkParent(t, parents[2], students[4]);
      await linkParent(t, parents[2], students[3]);
      // Left the class, and not yet in it: neither gets a slip.
      leaver = await createPerson(t, school, 'student', 'Жуков Иван');
      await enroll(t, leaver, slipsClass, '2020-09-01', '2021-06-01');
      const leaverParent = await createPerson(t, school, 'parent', 'Жукова Ирина');
      await linkParent(t, leaverParent, leaver);
      const future = await createPerson(t, school, 'student', 'Фомин Яков');
      await enroll(t, future, slipsClass, '2099-09-01');
    });

    it('issues to every current student and parent in one go and prints four slips a page', async () => {
      const response = await slips(slipsTeacher, slipsClass.id).expect(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="credentials-5V\.pdf"; filename\*=UTF-8''credentials-5%D0%92\.pdf$/,
      );
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers.etag).toBeUndefined();
      const pdf = response.body as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdfPages(pdf)).toBe(2); // 5 students + 3 parents, 4 a page

      const em = t.em();
      for (const person of [...students, ...parents]) {
        const { accountId } = await em.findOneOrFail(Person, person.id);
        expect(accountId).not.toBeNull();
        expect(await liveCodes(accountId!)).toBe(1);
      }
      expect((await em.findOneOrFail(Person, leaver.id)).accountId).toBeNull();
      const logins = (
        await em.find(Account, {
          id: {
            $in: (await em.find(Person, { id: { $in: students.map((s) => s.id) } })).map(
              (p) => p.accountId!,
            ),
          },
        })
      ).map((a) => a.login);
      expect(logins.sort()).toEqual([
        'akimov.b',
        'belkina.v',
        'egorov.z',
        'elkina.zh',
        'grishin.d',
      ]);
    });

    it('prints only the missing ones with onlyWithoutAccount, keeping the others’ codes', async () => {
      const newcomer = await createPerson(t, school, 'parent', 'Белкин Виктор');
      await linkParent(t, newcomer, students[1]);
      const before = await t.em().findOneOrFail(Person, parents[0].id);
      const [code] = await t
        .em()
        .find(ActivationCode, { account: before.accountId!, usedAt: null, voidedAt: null });

      const response = await slips(slipsTeacher, slipsClass.id, {
        include: ['parents'],
        onlyWithoutAccount: true,
      }).expect(200);
      expect(pdfPages(response.body as Buffer)).toBe(1);
      const issued = await t.em().findOneOrFail(Person, newcomer.id);
      expect(await liveCodes(issued.accountId!)).toBe(1);
      expect((await t.em().findOneOrFail(ActivationCode, code.id)).voidedAt).toBeNull();

      // Re-issuing to the students voids their earlier codes and leaves the parents’ alone.
      const student = await t.em().findOneOrFail(Person, students[0].id);
      const [old] = await t
        .em()
        .find(ActivationCode, { account: student.accountId!, usedAt: null, voidedAt: null });
      await slips(admin, slipsClass.id, { include: ['students'] }).expect(200);
      expect((await t.em().findOneOrFail(ActivationCode, old.id)).voidedAt).not.toBeNull();
      expect(await liveCodes(student.accountId!)).toBe(1);
      expect((await t.em().findOneOrFail(ActivationCode, code.id)).voidedAt).toBeNull();
    });

    it('is all or nothing', async () => {
      const batchClass = await createClass(t, school, 6, 'Г');
      const first = await studentOf(batchClass, 'Авдеев Антон');
      const last = await studentOf(batchClass, 'Яковлев Фёдор');
      // The last account of the batch fails to be stored.
      const sql = (text: string) => t.em().getConnection().execute(text);
      await sql(`create function fail_yakovlev() returns trigger language plpgsql as $$
        begin if new.login = 'yakovlev.f' then raise exception 'storage failed'; end if; return new; end $$`);
      await sql(`create trigger fail_yakovlev before insert on accounts
        for each row execute function fail_yakovlev()`);
      try {
        expectProblem(await slips(admin, batchClass.id), 500, 'server.internal_error');
      } finally {
        await sql('drop trigger fail_yakovlev on accounts');
        await sql('drop function fail_yakovlev()');
      }
      const em = t.em();
      expect((await em.findOneOrFail(Person, first.id)).accountId).toBeNull();
      expect(await em.count(Account, { login: { $in: ['avdeev.a', 'yakovlev.f'] } })).toBe(0);

      await slips(admin, batchClass.id).expect(200);
      expect((await t.em().findOneOrFail(Person, last.id)).accountId).not.toBeNull();
    });

    it('refuses callers who may read the class but not issue, and hides other schools’ classes', async () => {
      const reader = await createClassTeacher(t, school, null, 'Крылова Мария');
      await assignTeaching(t, slipsClass, reader.account.id);
      expectProblem(await slips(reader, slipsClass.id), 403, 'access.forbidden');
      expectProblem(await slips(teacherA, slipsClass.id), 404, 'resource.not_found');
      const stranger = await asRole(t, 'admin', await createSchool(t));
      expectProblem(await slips(stranger, slipsClass.id), 404, 'resource.not_found');
      const bad = expectProblem(
        await slips(admin, slipsClass.id, { include: ['teachers'], onlyWithoutAccount: 'yes' }),
        400,
        'request.invalid',
      );
      expect((bad.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
        'include',
        'onlyWithoutAccount',
      ]);
    });
  });
});

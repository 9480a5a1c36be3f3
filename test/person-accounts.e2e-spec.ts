import { Account } from '../src/core/auth/entities/account.entity';
import { RoleAssignment } from '../src/core/auth/entities/role-assignment.entity';
import type { Region } from '../src/core/tenancy/entities/region.entity';
import type { School } from '../src/core/tenancy/entities/school.entity';
import type { AcademicYear } from '../src/modules/academic-years/entities/academic-year.entity';
import type { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import { TeachingAssignment } from '../src/modules/classes/entities/teaching-assignment.entity';
import { Guardianship } from '../src/modules/people/entities/guardianship.entity';
import { Person } from '../src/modules/people/entities/person.entity';
import {
  createAcademicYear,
  createClass,
  createPerson,
  createSubject,
  daysFromToday,
  enroll,
} from './support/classes-fixtures';
import {
  asRole,
  createRegion,
  createSchool,
  createUser,
  TEST_PASSWORD,
  type TestUser,
} from './support/factories';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * One login per person (issue 14): linking person cards to existing accounts, the school
 * roles that follow, credentials that reuse an account, and `GET /v1/me` built from it all.
 */
describe('person cards linked to accounts', () => {
  let t: TestApp;
  let region: Region;
  let school: School;
  let year: AcademicYear;
  let admin: TestUser;
  let secretary: TestUser;
  /** Leads 7А. */
  let classTeacher: TestUser;
  /** Teaches 7Б, leads nothing. */
  let teacher: TestUser;
  let classA: SchoolClass;
  let classB: SchoolClass;

  beforeAll(async () => {
    t = await startTestApp();
    region = await createRegion(t, 'Регион связей');
    school = await createSchool(t, region, 'Школа 1');
    year = await createAcademicYear(t, school);
    admin = await asRole(t, 'admin', school);
    secretary = await asRole(t, 'secretary', school);
    classTeacher = await asRole(t, 'teacher', school);
    teacher = await asRole(t, 'teacher', school);
    const leader = await createPerson(t, school, 'staff', {
      lastName: 'Классная',
      accountId: classTeacher.account.id,
    });
    const subjectTeacher = await createPerson(t, school, 'staff', {
      lastName: 'Предметник',
      accountId: teacher.account.id,
    });
    classA = await createClass(t, year, 7, 'А', leader);
    classB = await createClass(t, year, 7, 'Б');
    const subject = await createSubject(t, school, 'Физика');
    const em = t.em();
    em.create(TeachingAssignment, {
      schoolId: school.id,
      schoolClass: classB.id,
      subject: subject.id,
      teacher: subjectTeacher.id,
    });
    await em.flush();
  });
  afterAll(() => t.close());

  const link = (user: TestUser, personId: string, login: string) =>
    t.http().put(`/v1/people/${personId}/account`).set(user.auth).send({ login });
  const unlink = (user: TestUser, personId: string) =>
    t.http().delete(`/v1/people/${personId}/account`).set(user.auth);

  /** A student of the class and their parent (cards without accounts). */
  async function family(schoolClass: SchoolClass, name: string) {
    const student = await createPerson(t, school, 'student', { lastName: name });
    await enroll(t, student, schoolClass);
    const parent = await createPerson(t, school, 'parent', { lastName: `${name}а` });
    const em = t.em();
    em.create(Guardianship, {
      schoolId: school.id,
      student: student.id,
      parent: parent.id,
      relation: 'mother',
    });
    await em.flush();
    return { student, parent };
  }

  const rolesIn = async (accountId: string, schoolId: string) =>
    (await t.em().find(RoleAssignment, { account: accountId, schoolId })).map((a) => a.role).sort();
  const cardOf = (id: string) => t.em().findOneOrFail(Person, id);

  it('lets the admin link a parent card: the account gets the parent role, and unlinking takes it away', async () => {
    const { parent } = await family(classB, 'Орлов');
    const holder = await createUser(t, { login: 'orlova.m' });

    const linked = await link(admin, parent.id, 'Orlova.M').expect(200);
    expect(linked.body).toEqual({
      personId: parent.id,
      schoolId: school.id,
      kind: 'parent',
      accountId: holder.account.id,
      login: 'orlova.m',
      schoolRole: 'parent',
      roleAdded: true,
    });
    expect((await cardOf(parent.id)).accountId).toBe(holder.account.id);
    expect(await rolesIn(holder.account.id, school.id)).toEqual(['parent']);
    const card = await t.http().get(`/v1/people/${parent.id}`).set(admin.auth).expect(200);
    expect(card.body.accountId).toBe(holder.account.id);

    // Linking again to the same account changes nothing.
    const again = await link(admin, parent.id, 'orlova.m').expect(200);
    expect(again.body).toMatchObject({ accountId: holder.account.id, roleAdded: false });
    expect(await rolesIn(holder.account.id, school.id)).toEqual(['parent']);

    // The change is audited: the card's account and the new role.
    const audit = await t
      .http()
      .get('/v1/audit-events')
      .query({ entity: 'Person', entityId: parent.id, action: 'update' })
      .set(admin.auth)
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        action: 'update',
        actorId: admin.account.id,
        schoolId: school.id,
        before: { accountId: null },
        after: { accountId: holder.account.id },
      }),
    ]);
    const roleEvents = await t
      .http()
      .get('/v1/audit-events')
      .query({ entity: 'RoleAssignment', actorId: admin.account.id })
      .set(admin.auth)
      .expect(200);
    expect(roleEvents.body.items).toEqual([
      expect.objectContaining({
        action: 'create',
        schoolId: school.id,
        after: expect.objectContaining({ role: 'parent' }),
      }),
    ]);

    await unlink(admin, parent.id).expect(204);
    expect((await cardOf(parent.id)).accountId).toBeNull();
    expect(await rolesIn(holder.account.id, school.id)).toEqual([]);
    // The account stays.
    expect(await t.em().count(Account, { id: holder.account.id })).toBe(1);
    expectProblem(await unlink(admin, parent.id), 404, 'resource.not_found');
  });

  it('lets the secretary link and unlink a student card, and a staff card of an account with a staff role here', async () => {
    const { student } = await family(classB, 'Соколов');
    const pupil = await createUser(t);
    const linked = await link(secretary, student.id, pupil.login).expect(200);
    expect(linked.body).toMatchObject({ kind: 'student', schoolRole: 'student', roleAdded: true });
    expect(await rolesIn(pupil.account.id, school.id)).toEqual(['student']);
    await unlink(secretary, student.id).expect(204);
    expect(await rolesIn(pupil.account.id, school.id)).toEqual([]);

    // Staff roles come from account management; linking a staff card changes none.
    const staffCard = await createPerson(t, school, 'staff', { lastName: 'Новикова' });
    const psychologist = await asRole(t, 'psychologist', school);
    const staffLink = await link(secretary, staffCard.id, psychologist.login).expect(200);
    expect(staffLink.body).toMatchObject({ kind: 'staff', schoolRole: null, roleAdded: false });
    await unlink(secretary, staffCard.id).expect(204);
    expect(await rolesIn(psychologist.account.id, school.id)).toEqual(['psychologist']);
  });

  it('lets a class teacher link the students and parents of their class only', async () => {
    const own = await family(classA, 'Васильев');
    const other = await family(classB, 'Зимин');
    const [pupil, mother] = [await createUser(t), await createUser(t)];

    expect((await link(classTeacher, own.student.id, pupil.login).expect(200)).body).toMatchObject({
      personId: own.student.id,
      schoolRole: 'student',
      roleAdded: true,
    });
    expect((await link(classTeacher, own.parent.id, mother.login).expect(200)).body).toMatchObject({
      personId: own.parent.id,
      schoolRole: 'parent',
      roleAdded: true,
    });
    await unlink(classTeacher, own.parent.id).expect(204);
    expect(await rolesIn(mother.account.id, school.id)).toEqual([]);

    // Another class's family is invisible to them: 404, as for any card they cannot see.
    expectProblem(
      await link(classTeacher, other.student.id, mother.login),
      404,
      'resource.not_found',
    );
    expectProblem(
      await link(classTeacher, other.parent.id, mother.login),
      404,
      'resource.not_found',
    );
    expectProblem(await unlink(classTeacher, other.student.id), 404, 'resource.not_found');
    // Nor may they link staff cards, which they read: 403.
    const staffCard = await createPerson(t, school, 'staff', { lastName: 'Сидорова' });
    expectProblem(await link(classTeacher, staffCard.id, mother.login), 403, 'access.forbidden');
    expect((await cardOf(other.student.id)).accountId).toBeNull();
  });

  it('refuses a teacher who leads no class, and the director', async () => {
    const taught = await family(classB, 'Яковлев');
    const untaught = await family(classA, 'Жуков');
    const someone = await createUser(t);
    // Teachers read the families of the classes they teach but may not change them.
    expectProblem(await link(teacher, taught.student.id, someone.login), 403, 'access.forbidden');
    expectProblem(
      await link(teacher, untaught.student.id, someone.login),
      404,
      'resource.not_found',
    );
    const director = await asRole(t, 'director', school);
    expectProblem(await link(director, taught.parent.id, someone.login), 403, 'access.forbidden');
    expectProblem(await unlink(director, taught.parent.id), 403, 'access.forbidden');
    expect(await rolesIn(someone.account.id, school.id)).toEqual([]);
  });

  it('refuses a card that links another account, naming its login', async () => {
    const { parent } = await family(classA, 'Ершов');
    const first = await createUser(t, { login: 'ershova.first' });
    const second = await createUser(t);
    await link(classTeacher, parent.id, first.login).expect(200);
    const body = expectProblem(
      await link(classTeacher, parent.id, second.login),
      409,
      'person.account_linked',
    );
    expect(body).toMatchObject({
      login: 'ershova.first',
      detail: 'The card already links the account "ershova.first": unlink it first.',
    });
    expect(await rolesIn(second.account.id, school.id)).toEqual([]);
  });

  it('refuses an account that already links another card of the same kind in the school', async () => {
    const one = await family(classA, 'Петров');
    const two = await family(classA, 'Сергеев');
    const mother = await createUser(t, { login: 'twice.parent' });
    await link(admin, one.parent.id, mother.login).expect(200);
    const body = expectProblem(
      await link(admin, two.parent.id, mother.login),
      409,
      'account.already_linked',
    );
    expect(body.detail).toBe(
      'The account "twice.parent" already links another parent card of this school: unlink it there first.',
    );
    expect((await cardOf(two.parent.id)).accountId).toBeNull();
    // A card of another kind in the same school is fine: a parent who is also a student here.
    const student = await link(admin, two.student.id, mother.login).expect(200);
    expect(student.body).toMatchObject({ schoolRole: 'student', roleAdded: true });
    expect(await rolesIn(mother.account.id, school.id)).toEqual(['parent', 'student']);
  });

  it('answers one 422 for an unknown, disabled, operator or unfitting account, so nothing can be probed', async () => {
    const { student, parent } = await family(classA, 'Тихонов');
    const disabled = await createUser(t, { status: 'disabled' });
    const operator = await createUser(t, { platformOperator: true });
    const staffElsewhere = await asRole(t, 'teacher', await createSchool(t, region, 'Школа 3'));
    const noStaffRoleHere = await createUser(t);
    const staffCard = await createPerson(t, school, 'staff', { lastName: 'Кузнецова' });

    const refusals = [
      await link(classTeacher, parent.id, 'no.such.login'),
      await link(classTeacher, parent.id, disabled.login),
      await link(classTeacher, parent.id, operator.login),
      // A teacher's login is never a student's (P3).
      await link(classTeacher, student.id, staffElsewhere.login),
      // A staff card needs an account that holds a staff role in this school.
      await link(admin, staffCard.id, noStaffRoleHere.login),
    ];
    const bodies = refusals.map((response): Record<string, unknown> => {
      const body = expectProblem(response, 422, 'account.not_linkable');
      return { ...body, detail: (body.detail as string).replace(/"[^"]+"/, '"…"') };
    });
    for (const body of bodies) {
      expect(body).toEqual({
        ...bodies[0],
        instance: body.instance,
        requestId: body.requestId,
      });
    }
    expect(bodies[0]).toMatchObject({
      title: 'Account cannot be linked',
      detail: expect.stringContaining('does not exist, is disabled or a platform operator'),
    });
    expect((await cardOf(parent.id)).accountId).toBeNull();
    expect((await cardOf(staffCard.id)).accountId).toBeNull();
    expectProblem(
      await t.http().put(`/v1/people/${parent.id}/account`).set(admin.auth).send({ login: 'x' }),
      400,
      'request.invalid',
    );
  });

  describe('credentials reuse an existing account', () => {
    const issue = (user: TestUser, personId: string, body: object) =>
      t.http().post(`/v1/people/${personId}/credentials`).set(user.auth).send(body);

    it('links the existing account of a teacher of another school without a new account or code', async () => {
      const { parent } = await family(classA, 'Лебедев');
      const elsewhere = await asRole(t, 'teacher', await createSchool(t, region, 'Школа 4'));
      const accounts = await t.em().count(Account, {});

      const issued = await issue(classTeacher, parent.id, {
        existingLogin: elsewhere.login,
      }).expect(201);
      expect(issued.body).toEqual({
        personId: parent.id,
        accountId: elsewhere.account.id,
        login: elsewhere.login,
        activationCode: null,
        expiresAt: null,
        accountCreated: false,
      });
      expect(await t.em().count(Account, {})).toBe(accounts);
      expect(await rolesIn(elsewhere.account.id, school.id)).toEqual(['parent']);
      // The teacher keeps their password.
      await t
        .http()
        .post('/v1/auth/login')
        .send({ login: elsewhere.login, password: TEST_PASSWORD })
        .expect(200);

      // Issuing again to the card re-uses the same account (and still resets nobody's password).
      expectProblem(await issue(classTeacher, parent.id, {}), 403, 'access.forbidden');
      expect(await t.em().count(Account, {})).toBe(accounts);
    });

    it('issues a code only to a reused account that never set a password and holds nothing else', async () => {
      const { student } = await family(classA, 'Попов');
      const bare = await createUser(t, { status: 'pending' });
      const accounts = await t.em().count(Account, {});
      const issued = await issue(admin, student.id, { existingLogin: bare.login }).expect(201);
      expect(issued.body).toEqual({
        personId: student.id,
        accountId: bare.account.id,
        login: bare.login,
        activationCode: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/),
        expiresAt: expect.any(String),
        accountCreated: false,
      });
      expect(await t.em().count(Account, {})).toBe(accounts);
      expect(await rolesIn(bare.account.id, school.id)).toEqual(['student']);

      // An account with a password keeps it: no code, even when it holds nothing else.
      const { parent } = await family(classA, 'Попова');
      const active = await createUser(t);
      const before = await t.em().count(Account, {});
      const reused = await issue(admin, parent.id, { existingLogin: active.login }).expect(201);
      expect(reused.body).toEqual({
        personId: parent.id,
        accountId: active.account.id,
        login: active.login,
        activationCode: null,
        expiresAt: null,
        accountCreated: false,
      });
      expect(await t.em().count(Account, {})).toBe(before);
    });

    it('keeps the linking rules and refuses a new login or roles beside existingLogin', async () => {
      const { parent } = await family(classA, 'Гусев');
      const accounts = await t.em().count(Account, {});
      expectProblem(
        await issue(classTeacher, parent.id, { existingLogin: 'nobody.here' }),
        422,
        'account.not_linkable',
      );
      const mixed = expectProblem(
        await issue(admin, parent.id, { existingLogin: 'nobody.here', login: 'gusev.new' }),
        400,
        'request.invalid',
      );
      expect(mixed.errors).toEqual([
        {
          field: 'login',
          messages: ['login is for a new account; leave it out with existingLogin'],
        },
      ]);
      expect(await t.em().count(Account, {})).toBe(accounts);
      expect((await cardOf(parent.id)).accountId).toBeNull();
    });
  });

  it('shows a teacher who is a parent in another school both schools in /v1/me', async () => {
    // School 1: the teacher leads 5А, teaches 6Б (a subgroup) and led a class last year.
    const teacherOne = await asRole(t, 'teacher', school);
    const card = await createPerson(t, school, 'staff', {
      lastName: 'Белова',
      firstName: 'Ольга',
      middleName: 'Игоревна',
      accountId: teacherOne.account.id,
    });
    const led = await createClass(t, year, 5, 'А', card);
    const lastYear = await createAcademicYear(t, school, {
      startsOn: daysFromToday(-500),
      endsOn: daysFromToday(-200),
    });
    await createClass(t, lastYear, 4, 'А', card);
    const taught = await createClass(t, year, 6, 'Б');
    const subject = await createSubject(t, school, 'Английский язык');
    const split = await t
      .http()
      .put(`/v1/classes/${taught.id}/subgroup-splits/${subject.id}`)
      .set(admin.auth)
      .send({
        subgroups: [
          { name: 'Группа 1', studentIds: [] },
          { name: 'Группа 2', studentIds: [] },
        ],
      })
      .expect(200);
    const group = split.body.subgroups[0];
    const assignment = await t
      .http()
      .post(`/v1/classes/${taught.id}/teaching-assignments`)
      .set(admin.auth)
      .send({ subjectId: subject.id, teacherId: card.id, subgroupId: group.id })
      .expect(201);

    // School 2: the same person is the mother of a pupil of 3В, linked by the class teacher there.
    const schoolTwo = await createSchool(t, region, 'Школа 2');
    const yearTwo = await createAcademicYear(t, schoolTwo);
    const teacherTwo = await asRole(t, 'teacher', schoolTwo);
    const leaderTwo = await createPerson(t, schoolTwo, 'staff', {
      accountId: teacherTwo.account.id,
    });
    const classTwo = await createClass(t, yearTwo, 3, 'В', leaderTwo);
    const child = await createPerson(t, schoolTwo, 'student', {
      lastName: 'Белов',
      firstName: 'Илья',
      middleName: null,
    });
    await enroll(t, child, classTwo);
    const mother = await createPerson(t, schoolTwo, 'parent', {
      lastName: 'Белова',
      firstName: 'Ольга',
      middleName: 'Игоревна',
    });
    const em = t.em();
    em.create(Guardianship, {
      schoolId: schoolTwo.id,
      student: child.id,
      parent: mother.id,
      relation: 'mother',
    });
    await em.flush();
    const accounts = await t.em().count(Account, {});
    await link(teacherTwo, mother.id, teacherOne.login).expect(200);
    expect(await t.em().count(Account, {})).toBe(accounts);

    // One login: signing in again gives a token with both schools' roles.
    const login = await t
      .http()
      .post('/v1/auth/login')
      .send({ login: teacherOne.login, password: TEST_PASSWORD })
      .expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    await t.http().get(`/v1/people/${child.id}`).set(auth).expect(200);

    const me = await t.http().get('/v1/me').set(auth).expect(200);
    expect(me.body).toEqual({
      id: teacherOne.account.id,
      login: teacherOne.login,
      displayName: teacherOne.account.displayName,
      email: null,
      status: 'active',
      isPlatformOperator: false,
      lastLoginAt: expect.any(String),
      schools: [
        {
          schoolId: school.id,
          schoolName: school.name,
          schoolShortName: 'Школа 1',
          regionId: region.id,
          roles: ['teacher'],
          cards: [
            {
              personId: card.id,
              kind: 'staff',
              fullName: 'Белова Ольга Игоревна',
              currentClass: null,
            },
          ],
          children: [],
          classesLed: [{ classId: led.id, name: '5А', grade: 5 }],
          teaching: [
            {
              assignmentId: assignment.body.id,
              schoolClass: { classId: taught.id, name: '6Б', grade: 6 },
              subjectId: subject.id,
              subjectName: 'Английский язык',
              subgroupId: group.id,
              subgroupName: 'Группа 1',
            },
          ],
        },
        {
          schoolId: schoolTwo.id,
          schoolName: schoolTwo.name,
          schoolShortName: 'Школа 2',
          regionId: region.id,
          roles: ['parent'],
          cards: [
            {
              personId: mother.id,
              kind: 'parent',
              fullName: 'Белова Ольга Игоревна',
              currentClass: null,
            },
          ],
          children: [
            {
              personId: child.id,
              fullName: 'Белов Илья',
              currentClass: { classId: classTwo.id, name: '3В', grade: 3 },
            },
          ],
          classesLed: [],
          teaching: [],
        },
      ],
      regions: [],
    });
  });

  it('shows a student their card with today’s class, and an account without cards empty lists', async () => {
    const { student } = await family(classA, 'Мельников');
    const pupil = await createUser(t);
    await link(admin, student.id, pupil.login).expect(200);
    const login = await t
      .http()
      .post('/v1/auth/login')
      .send({ login: pupil.login, password: TEST_PASSWORD })
      .expect(200);
    const me = await t
      .http()
      .get('/v1/me')
      .set({ Authorization: `Bearer ${login.body.accessToken}` })
      .expect(200);
    expect(me.body.schools).toEqual([
      expect.objectContaining({
        schoolId: school.id,
        roles: ['student'],
        cards: [
          {
            personId: student.id,
            kind: 'student',
            fullName: 'Мельников Имя',
            currentClass: { classId: classA.id, name: '7А', grade: 7 },
          },
        ],
        children: [],
        classesLed: [],
        teaching: [],
      }),
    ]);

    const me2 = await t.http().get('/v1/me').set(secretary.auth).expect(200);
    expect(me2.body.schools).toEqual([
      expect.objectContaining({
        roles: ['secretary'],
        cards: [],
        children: [],
        classesLed: [],
        teaching: [],
      }),
    ]);
  });
});

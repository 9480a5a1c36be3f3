import { Account } from '../src/core/auth/entities/account.entity';
import type { School } from '../src/core/tenancy/entities/school.entity';
import type { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import type { Person } from '../src/modules/people/entities/person.entity';
import {
  asRole,
  createSchool,
  createUser,
  TEST_PASSWORD,
  type TestUser,
} from './support/factories';
import {
  createClass,
  createClassTeacher,
  createPerson,
  enroll,
  linkParent,
} from './support/people-fixtures-credentials';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

const DAY_MS = 24 * 60 * 60 * 1000;

interface UsageItem {
  accountId: string;
  login: string;
  roles: string[];
  lastLoginAt: string | null;
  daysSinceLastLogin: number | null;
  lastSeenAt: string | null;
  daysSinceLastSeen: number | null;
}

describe('usage monitoring (P8)', () => {
  let t: TestApp;
  let school: School;
  let admin: TestUser;
  /** An instant `days` days (and a minute) before the app's pinned clock. */
  const daysAgo = (days: number) => new Date(t.clock.now().getTime() - days * DAY_MS - 60_000);

  beforeAll(async () => {
    t = await startTestApp();
    school = await createSchool(t, undefined, 'Лицей № 2');
    admin = await asRole(t, 'admin', school);
  });

  afterAll(() => t.close());

  /** A login at `at`, and nothing since (last seen then too). */
  const setLastLogin = (account: { id: string }, at: Date | null) =>
    t.em().nativeUpdate(Account, { id: account.id }, { lastLoginAt: at, lastSeenAt: at });

  async function allUsage(user: TestUser, query: string): Promise<UsageItem[]> {
    const items: UsageItem[] = [];
    let cursor: string | null = null;
    do {
      const response = await t
        .http()
        .get(`/v1/schools/${school.id}/usage?limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`)
        .set(user.auth)
        .expect(200);
      items.push(...(response.body.items as UsageItem[]));
      cursor = response.body.nextCursor as string | null;
    } while (cursor);
    return items;
  }

  describe('GET /v1/schools/{id}/usage', () => {
    it('shows the last login after a real login', async () => {
      const teacher = await createUser(t, { roles: [{ role: 'teacher', school }] });
      const before = (await allUsage(admin, 'role=teacher')).find(
        (i) => i.accountId === teacher.account.id,
      );
      expect(before).toMatchObject({
        lastLoginAt: null,
        daysSinceLastLogin: null,
        lastSeenAt: null,
        daysSinceLastSeen: null,
      });

      await t
        .http()
        .post('/v1/auth/login')
        .send({ login: teacher.login, password: TEST_PASSWORD })
        .expect(200);

      const after = (await allUsage(admin, 'role=teacher')).find(
        (i) => i.accountId === teacher.account.id,
      );
      expect(after).toEqual({
        accountId: teacher.account.id,
        login: teacher.login,
        displayName: `Test ${teacher.login}`,
        roles: ['teacher'],
        status: 'active',
        lastLoginAt: expect.any(String),
        daysSinceLastLogin: 0,
        lastSeenAt: after!.lastLoginAt,
        daysSinceLastSeen: 0,
      });
      expect(t.clock.now().getTime() - Date.parse(after!.lastLoginAt!)).toBeLessThan(60_000);
    });

    it('filters by role and by days without a login, and pages', async () => {
      const stale = await createUser(t, { roles: [{ role: 'parent', school }] });
      const fresh = await createUser(t, { roles: [{ role: 'parent', school }] });
      const never = await createUser(t, {
        roles: [
          { role: 'parent', school },
          { role: 'teacher', school },
        ],
      });
      const elsewhere = await createUser(t, {
        roles: [{ role: 'parent', school: await createSchool(t) }],
      });
      await setLastLogin(stale.account, daysAgo(40));
      await setLastLogin(fresh.account, daysAgo(5));
      await setLastLogin(elsewhere.account, null);

      const parents = await allUsage(admin, 'role=parent');
      expect(parents.map((i) => i.accountId)).toEqual([
        stale.account.id,
        fresh.account.id,
        never.account.id,
      ]);
      expect(parents.find((i) => i.accountId === never.account.id)!.roles).toEqual([
        'parent',
        'teacher',
      ]);

      const inactive = await allUsage(admin, 'role=parent&inactiveDays=30');
      expect(inactive.map((i) => [i.accountId, i.daysSinceLastLogin])).toEqual([
        [stale.account.id, 40],
        [never.account.id, null],
      ]);

      const everyone = await allUsage(admin, '');
      expect(everyone.map((i) => i.accountId)).toEqual(
        expect.arrayContaining([admin.account.id, stale.account.id]),
      );
      expect(everyone.map((i) => i.accountId)).not.toContain(elsewhere.account.id);

      const page = await t
        .http()
        .get(`/v1/schools/${school.id}/usage?role=parent&limit=1`)
        .set(admin.auth)
        .expect(200);
      expect(page.body.items).toHaveLength(1);
      expect(page.headers.link).toMatch(/rel="next"/);
    });

    it('counts a session refresh as seen, at most every 15 minutes', async () => {
      const parent = await createUser(t, { roles: [{ role: 'parent', school }] });
      const login = await t
        .http()
        .post('/v1/auth/login')
        .send({ login: parent.login, password: TEST_PASSWORD })
        .expect(200);
      // The app kept its session: the login was 40 days ago, the refresh is now.
      await setLastLogin(parent.account, daysAgo(40));
      const refreshed = await t
        .http()
        .post('/v1/auth/refresh')
        .send({ refreshToken: login.body.refreshToken })
        .expect(200);
      const item = (await allUsage(admin, 'role=parent')).find(
        (i) => i.accountId === parent.account.id,
      )!;
      expect(item).toMatchObject({ daysSinceLastLogin: 40, daysSinceLastSeen: 0 });
      expect(t.clock.now().getTime() - Date.parse(item.lastSeenAt!)).toBeLessThan(60_000);
      const inactive = await allUsage(admin, 'role=parent&inactiveDays=30');
      expect(inactive.map((i) => i.accountId)).not.toContain(parent.account.id);

      // Seen 5 minutes ago: another refresh writes nothing.
      const fiveMinutesAgo = new Date(t.clock.now().getTime() - 5 * 60_000);
      await t.em().nativeUpdate(Account, { id: parent.account.id }, { lastSeenAt: fiveMinutesAgo });
      await t
        .http()
        .post('/v1/auth/refresh')
        .send({ refreshToken: refreshed.body.refreshToken })
        .expect(200);
      const account = await t.em().findOneOrFail(Account, parent.account.id);
      expect(account.lastSeenAt?.toISOString()).toBe(fiveMinutesAgo.toISOString());
    });

    it('is for the admin, director and deputy of the school', async () => {
      for (const role of ['director', 'deputy'] as const) {
        const user = await asRole(t, role, school);
        expect((await allUsage(user, 'role=admin')).map((i) => i.accountId)).toContain(
          admin.account.id,
        );
      }
      const teacher = await asRole(t, 'teacher', school);
      expectProblem(
        await t.http().get(`/v1/schools/${school.id}/usage`).set(teacher.auth),
        403,
        'access.forbidden',
      );
      const stranger = await asRole(t, 'admin', await createSchool(t));
      expectProblem(
        await t.http().get(`/v1/schools/${school.id}/usage`).set(stranger.auth),
        404,
        'resource.not_found',
      );
      const bad = expectProblem(
        await t
          .http()
          .get(`/v1/schools/${school.id}/usage?role=king&inactiveDays=0`)
          .set(admin.auth),
        400,
        'request.invalid',
      );
      expect((bad.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
        'inactiveDays',
        'role',
      ]);
    });
  });

  describe('GET /v1/classes/{id}/inactive-parents', () => {
    let schoolClass: SchoolClass;
    let otherClass: SchoolClass;
    let classTeacher: TestUser;
    let kids: Person[];
    let parents: Record<string, Person>;

    beforeAll(async () => {
      schoolClass = await createClass(t, school, 3, 'А');
      otherClass = await createClass(t, school, 4, 'Б');
      classTeacher = await createClassTeacher(t, school, schoolClass);
      kids = [];
      for (const name of ['Антонов Артём', 'Борисова Белла', 'Васильев Виктор']) {
        const kid = await createPerson(t, school, 'student', name);
        await enroll(t, kid, schoolClass);
        kids.push(kid);
      }
      const leaver = await createPerson(t, school, 'student', 'Гаврилов Глеб');
      await enroll(t, leaver, schoolClass, '2020-09-01', '2021-06-01');

      const withLogin = async (name: string, lastLogin: Date | null) => {
        const user = await createUser(t, { roles: [{ role: 'parent', school }] });
        await setLastLogin(user.account, lastLogin);
        return createPerson(t, school, 'parent', name, user.account.id);
      };
      parents = {
        none: await createPerson(t, school, 'parent', 'Антонова Алла'),
        never: await withLogin('Борисов Богдан', null),
        stale: await withLogin('Васильева Вера', daysAgo(20)),
        fresh: await withLogin('Антонов Аркадий', daysAgo(2)),
        leaverParent: await createPerson(t, school, 'parent', 'Гаврилова Галина'),
      };
      await linkParent(t, parents.none, kids[0]);
      await linkParent(t, parents.fresh, kids[0]);
      await linkParent(t, parents.never, kids[1]);
      await linkParent(t, parents.stale, kids[2]);
      await linkParent(t, parents.stale, kids[1]);
      await linkParent(t, parents.leaverParent, leaver);
    });

    const inactive = (user: TestUser, classId: string, query = 'days=10') =>
      t.http().get(`/v1/classes/${classId}/inactive-parents?${query}`).set(user.auth);

    it('lists parents without an account, never logged in or inactive, by name', async () => {
      const response = await inactive(classTeacher, schoolClass.id).expect(200);
      expect(response.body).toEqual({
        items: [
          {
            parentId: parents.none.id,
            fullName: 'Антонова Алла',
            children: [{ id: kids[0].id, fullName: 'Антонов Артём' }],
            accountId: null,
            login: null,
            lastLoginAt: null,
            lastSeenAt: null,
            reason: 'no-account',
          },
          {
            parentId: parents.never.id,
            fullName: 'Борисов Богдан',
            children: [{ id: kids[1].id, fullName: 'Борисова Белла' }],
            accountId: parents.never.accountId,
            login: expect.any(String),
            lastLoginAt: null,
            lastSeenAt: null,
            reason: 'never-logged-in',
          },
          {
            parentId: parents.stale.id,
            fullName: 'Васильева Вера',
            children: [
              { id: kids[1].id, fullName: 'Борисова Белла' },
              { id: kids[2].id, fullName: 'Васильев Виктор' },
            ],
            accountId: parents.stale.accountId,
            login: expect.any(String),
            lastLoginAt: expect.any(String),
            lastSeenAt: expect.any(String),
            reason: 'inactive',
          },
        ],
      });

      // With a longer window, the parent who logged in 20 days ago is no longer listed.
      const longer = await inactive(admin, schoolClass.id, 'days=30').expect(200);
      expect(longer.body.items.map((i: { parentId: string }) => i.parentId)).toEqual([
        parents.none.id,
        parents.never.id,
      ]);
      // A day window shorter than 2 days catches the fresh one too.
      const shorter = await inactive(admin, schoolClass.id, 'days=1').expect(200);
      expect(shorter.body.items).toHaveLength(4);
    });

    it('is for the class teacher of that class and the school’s leaders only', async () => {
      expectProblem(await inactive(classTeacher, otherClass.id), 404, 'resource.not_found');
      const noClass = await createClassTeacher(t, school, null, 'Дмитриева Дарья');
      expectProblem(await inactive(noClass, schoolClass.id), 404, 'resource.not_found');
      const stranger = await asRole(t, 'admin', await createSchool(t));
      expectProblem(await inactive(stranger, schoolClass.id), 404, 'resource.not_found');
      const secretary = await asRole(t, 'secretary', school);
      expectProblem(await inactive(secretary, schoolClass.id), 404, 'resource.not_found');
      const director = await asRole(t, 'director', school);
      expect((await inactive(director, schoolClass.id).expect(200)).body.items).toHaveLength(3);
    });

    it('requires days between 1 and 365', async () => {
      for (const query of ['', 'days=0', 'days=366', 'days=abc']) {
        const body = expectProblem(
          await inactive(admin, schoolClass.id, query),
          400,
          'request.invalid',
        );
        expect(body.errors).toEqual([{ field: 'days', messages: expect.any(Array) }]);
      }
    });
  });
});

import { randomBytes } from 'node:crypto';
import { AuditEvent } from '../src/core/audit/audit-event.entity';
import { Backup } from '../src/modules/backups/entities/backup.entity';
import type { Role } from '../src/core/auth/roles';
import type { Region } from '../src/core/tenancy/entities/region.entity';
import type { School } from '../src/core/tenancy/entities/school.entity';
import {
  createRegion,
  createSchool,
  createUser,
  TEST_PASSWORD,
  type TestUser,
} from './support/factories';
import { readPermissionMatrix, type MatrixCell } from './support/permission-matrix';
import { journalChecks } from './permission-checks/journal-checks';
import { buildJournalWorld, type JournalWorld } from './permission-checks/journal-world';
import { lessonsChecks } from './permission-checks/lessons-checks';
import { buildLessonsWorld, type LessonsWorld } from './permission-checks/lessons-world';
import { peopleChecks } from './permission-checks/people-checks';
import { reportsChecks } from './permission-checks/reports-checks';
import { buildPeopleWorld, type PeopleWorld } from './permission-checks/people-world';
import { createPerson } from './support/classes-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Walks every cell of docs/permissions.md for every role. The world: region 1 with
 * schools A and A2, region 2 with school B; every role's account sits in school A
 * (or region 1, or is a platform operator).
 */
const cells = readPermissionMatrix();

interface World {
  regionOne: Region;
  schoolA: School;
  schoolA2: School;
  schoolB: School;
  teacherA: TestUser;
  teacherB: TestUser;
  adminA: TestUser;
  adminB: TestUser;
  actors: Map<string, TestUser>;
  backupId: string;
}

let t: TestApp;
let world: World;
let people: PeopleWorld;
let lessons: LessonsWorld;
let journal: JournalWorld;

async function actorFor(role: string): Promise<TestUser> {
  if (role === 'platform operator') return createUser(t, { platformOperator: true });
  if (role === 'authority')
    return createUser(t, { roles: [{ role: 'authority', region: world.regionOne }] });
  // A class teacher is a teacher leading a class; the matrix checks one who leads none (the
  // rights over a led class are tested with the classes, attendance and usage modules).
  const stored = (role === 'class teacher' ? 'teacher' : role) as Role;
  return createUser(t, { roles: [{ role: stored, school: world.schoolA }] });
}

beforeAll(async () => {
  t = await startTestApp();
  const regionOne = await createRegion(t, 'Регион 1');
  const regionTwo = await createRegion(t, 'Регион 2');
  const [schoolA, schoolA2, schoolB] = await Promise.all([
    createSchool(t, regionOne, 'Школа A'),
    createSchool(t, regionOne, 'Школа A2'),
    createSchool(t, regionTwo, 'Школа B'),
  ]);
  world = {
    regionOne,
    schoolA,
    schoolA2,
    schoolB,
    teacherA: await createUser(t, { roles: [{ role: 'teacher', school: schoolA }] }),
    teacherB: await createUser(t, { roles: [{ role: 'teacher', school: schoolB }] }),
    adminA: await createUser(t, { roles: [{ role: 'admin', school: schoolA }] }),
    adminB: await createUser(t, { roles: [{ role: 'admin', school: schoolB }] }),
    actors: new Map(),
    backupId: '',
  };
  const em = t.em();
  world.backupId = em.create(Backup, { trigger: 'scheduled' }).id;
  await em.flush();
  for (const role of new Set(cells.map((cell) => cell.role)))
    world.actors.set(role, await actorFor(role));
  people = await buildPeopleWorld(t, schoolA, schoolB, world.actors);
  lessons = await buildLessonsWorld(t, schoolA, people);
  journal = await buildJournalWorld(t, schoolA, people, lessons);
  // One audited change in each of schools A and B.
  for (const [admin, target] of [
    [world.adminA, world.teacherA],
    [world.adminB, world.teacherB],
  ] as const) {
    await t
      .http()
      .patch(`/v1/accounts/${target.account.id}`)
      .set(admin.auth)
      .send({ displayName: 'Проверка аудита' })
      .expect(200);
  }
});
afterAll(() => t.close());

const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id).sort();

/** What a denied change answers: 403 when the caller can see the object, else 404. */
const deniedStatus = (cell: MatrixCell) => (cell.letters.has('R') ? 403 : 404);

const checks: Record<string, (cell: MatrixCell, actor: TestUser) => Promise<void>> = {
  async 'School settings'(cell, actor) {
    const { schoolA, schoolA2, schoolB } = world;
    const visible =
      cell.scope === 'all'
        ? [schoolA, schoolA2, schoolB]
        : cell.scope === 'region'
          ? [schoolA, schoolA2]
          : cell.letters.has('R')
            ? [schoolA]
            : [];
    const list = await t.http().get('/v1/schools?limit=200').set(actor.auth).expect(200);
    expect(ids(list.body)).toEqual(expect.arrayContaining(visible.map((s) => s.id).sort()));
    if (cell.scope !== 'all') expect(ids(list.body)).toEqual(visible.map((s) => s.id).sort());
    await t
      .http()
      .get(`/v1/schools/${schoolA.id}`)
      .set(actor.auth)
      .expect(visible.includes(schoolA) ? 200 : 404);
    await t
      .http()
      .get(`/v1/schools/${schoolB.id}`)
      .set(actor.auth)
      .expect(visible.includes(schoolB) ? 200 : 404);

    const rename = (school: School) =>
      t
        .http()
        .patch(`/v1/schools/${school.id}`)
        .set(actor.auth)
        .send({ shortName: `${school.shortName}*` });
    if (cell.letters.has('W')) {
      expect((await rename(schoolA).expect(200)).body.shortName).toBe(`${schoolA.shortName}*`);
      await rename(schoolB).expect(cell.scope === 'all' ? 200 : 404);
    } else {
      await rename(schoolA).expect(deniedStatus(cell));
    }
    const createRegion = await t
      .http()
      .post('/v1/regions')
      .set(actor.auth)
      .send({ name: 'Новый', code: `new-${randomBytes(4).toString('hex')}` });
    const createSchool = await t
      .http()
      .post('/v1/schools')
      .set(actor.auth)
      .send({ regionId: world.regionOne.id, name: 'Новая школа', shortName: 'Новая' });
    const mayCreate = cell.letters.has('W') && cell.scope === 'all';
    expect([createRegion.status, createSchool.status]).toEqual(mayCreate ? [201, 201] : [403, 403]);
  },

  async 'Accounts (staff)'(cell, actor) {
    const forOperator = cell.scope === 'admins';
    const mine = forOperator ? world.adminA : world.teacherA;
    const others = forOperator ? [world.teacherA, world.teacherB] : [world.teacherB, world.adminB];
    const list = await t.http().get('/v1/accounts?limit=200').set(actor.auth).expect(200);
    if (cell.letters.has('R')) {
      expect(ids(list.body)).toContain(mine.account.id);
      const single = await t
        .http()
        .get(`/v1/accounts/${mine.account.id}`)
        .set(actor.auth)
        .expect(200);
      expect(single.body.roles).toEqual([expect.objectContaining({ schoolId: world.schoolA.id })]);
    } else {
      expect(list.body.items).toEqual([]);
      await t.http().get(`/v1/accounts/${mine.account.id}`).set(actor.auth).expect(404);
    }
    for (const other of others) {
      expect(ids(list.body)).not.toContain(other.account.id);
      await t.http().get(`/v1/accounts/${other.account.id}`).set(actor.auth).expect(404);
    }

    const role = forOperator ? 'admin' : 'teacher';
    const created = await t
      .http()
      .post('/v1/accounts')
      .set(actor.auth)
      .send({
        login: `new.${role}.${randomBytes(4).toString('hex')}`,
        displayName: 'Новый',
        roles: [{ role, schoolId: world.schoolA.id }],
      });
    const rename = await t
      .http()
      .patch(`/v1/accounts/${mine.account.id}`)
      .set(actor.auth)
      .send({ displayName: 'Новое имя' });
    if (cell.letters.has('W')) {
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        status: 'pending',
        roles: [{ role, schoolId: world.schoolA.id }],
      });
      expect(rename.status).toBe(200);
      expect(rename.body.displayName).toBe('Новое имя');
      await t
        .http()
        .patch(`/v1/accounts/${others[0].account.id}`)
        .set(actor.auth)
        .send({ displayName: 'x' })
        .expect(404);
    } else {
      expect([created.status, rename.status]).toEqual([403, deniedStatus(cell)]);
    }

    const victim = await createUser(t, { roles: [{ role, school: world.schoolA }] });
    const disable = await t
      .http()
      .post(`/v1/accounts/${victim.account.id}/disable`)
      .set(actor.auth)
      .send({});
    if (cell.letters.has('D')) {
      expect(disable.status).toBe(200);
      expect(disable.body.status).toBe('disabled');
    } else {
      expect(disable.status).toBe(deniedStatus(cell));
    }
  },

  async 'Own account, password'(cell, actor) {
    expect(cell.text).toBe('RW self');
    const me = await t.http().get('/v1/me').set(actor.auth).expect(200);
    expect(me.body.id).toBe(actor.account.id);
    await t
      .http()
      .put('/v1/me/password')
      .set(actor.auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'another-password-456' })
      .expect(204);
  },

  async Backups(cell, actor) {
    const requested = await t.http().post('/v1/backups').set(actor.auth);
    const list = await t.http().get('/v1/backups').set(actor.auth).expect(200);
    const single = await t.http().get(`/v1/backups/${world.backupId}`).set(actor.auth);
    if (cell.letters.has('W')) {
      expect(requested.status).toBe(202);
      expect(requested.body).toMatchObject({
        status: 'queued',
        trigger: 'manual',
        requestedBy: actor.account.id,
      });
    } else {
      expect(requested.status).toBe(403);
    }
    if (cell.letters.has('R')) {
      expect(ids(list.body)).toContain(world.backupId);
      expect(single.status).toBe(200);
    } else {
      expect(list.body.items).toEqual([]);
      expect(single.status).toBe(404);
    }
  },

  ...peopleChecks({
    t: () => t,
    school: () => world.schoolA,
    people: () => people,
    newStudent: () => createPerson(t, world.schoolA, 'student', { lastName: 'Новенький' }),
  }),
  ...lessonsChecks({
    t: () => t,
    school: () => world.schoolA,
    people: () => people,
    lessons: () => lessons,
  }),
  ...journalChecks({
    t: () => t,
    people: () => people,
    journal: () => journal,
  }),
  ...reportsChecks({ t: () => t, people: () => people }),
  async 'Audit events'(cell, actor) {
    const list = await t.http().get('/v1/audit-events?limit=200').set(actor.auth).expect(200);
    const schools = new Set((list.body.items as AuditEvent[]).map((event) => event.schoolId));
    if (cell.letters.has('R')) {
      expect(schools).toContain(world.schoolA.id);
      expect(schools).not.toContain(world.schoolB.id);
    } else {
      expect(list.body.items).toEqual([]);
    }
  },
};

describe('permission matrix (docs/permissions.md)', () => {
  it('has a check for every subject of the matrix', () => {
    expect(
      [...new Set(cells.map((cell) => cell.subject))].filter((subject) => !checks[subject]),
    ).toEqual([]);
  });

  it.each(cells.map((cell) => [cell.subject, cell.role, cell.text, cell] as const))(
    '%s × %s: %s',
    async (_subject, role, _text, cell) => {
      await checks[cell.subject](cell, world.actors.get(role)!);
    },
  );
});

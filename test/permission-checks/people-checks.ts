import { randomBytes, randomInt } from 'node:crypto';
import type { School } from '../../src/core/tenancy/entities/school.entity';
import { createPerson, enroll } from '../support/classes-fixtures';
import { createUser, type TestUser } from '../support/factories';
import type { MatrixCell } from '../support/permission-matrix';
import type { TestApp } from '../support/test-app';
import type { PeopleWorld } from './people-world';

type Check = (cell: MatrixCell, actor: TestUser) => Promise<void>;
type Key = 'A' | 'B' | 'C';

export interface PeopleCheckContext {
  t: () => TestApp;
  school: () => School;
  people: () => PeopleWorld;
  /** A student card in no class, for admissions. */
  newStudent: () => Promise<{ id: string }>;
}

/** Which of the world's classes (and so students, parents) a cell's scope reaches. */
function keysFor(cell: MatrixCell): Key[] {
  if (cell.letters.size === 0) return [];
  switch (cell.scope) {
    case 'school':
      return ['A', 'B', 'C'];
    case 'class':
    case 'self':
    case 'own':
      return ['A'];
    case 'taught':
      return ['B'];
    case 'children':
      return ['C'];
    default:
      throw new Error(`No people scope "${cell.scope}" (${cell.subject} × ${cell.role})`);
  }
}

const sorted = (values: string[]) => [...values].sort();
const idsOf = (body: { items: { id: string }[] }) => sorted(body.items.map((item) => item.id));
/**
 * A refused change: 403 when the caller sees the object. Without read rights the guard may
 * still answer 403 when the caller reads other objects of the same subject (a student reads
 * their own card, so changing a staff card is 403, not 404); never 2xx.
 */
const expectDenied = (cell: MatrixCell, status: number) =>
  cell.letters.has('R') ? expect(status).toBe(403) : expect([403, 404]).toContain(status);

export function peopleChecks(ctx: PeopleCheckContext): Record<string, Check> {
  const http = () => ctx.t().http();

  /** Reads of one part of a person card: 200 for the people in scope, 404 for the rest. */
  async function expectPersonPart(
    cell: MatrixCell,
    actor: TestUser,
    path: string,
    kind: 'students' | 'parents',
  ) {
    const world = ctx.people();
    // A parent's own card (`self`) is the parent of the `C` family in this world.
    const visible = new Set<Key>(
      kind === 'parents' && cell.scope === 'self' ? ['C'] : keysFor(cell),
    );
    for (const key of ['A', 'B', 'C'] as const) {
      const person = world[kind][key];
      await http()
        .get(path.replace(':id', person.id))
        .set(actor.auth)
        .expect(visible.has(key) ? 200 : 404);
    }
    await http().get(path.replace(':id', world.otherStudent.id)).set(actor.auth).expect(404);
    return [...visible].map((key) => world[kind][key]);
  }

  async function cards(cell: MatrixCell, actor: TestUser, kind: 'students' | 'parents') {
    const visible = await expectPersonPart(cell, actor, '/v1/people/:id', kind);
    const list = await http()
      .get(`/v1/schools/${ctx.school().id}/people`)
      .query({ kind: kind === 'students' ? 'student' : 'parent', limit: 200 })
      .set(actor.auth)
      .expect(200);
    const listed = idsOf(list.body);
    for (const key of ['A', 'B', 'C'] as const) {
      const id = ctx.people()[kind][key].id;
      if (visible.some((person) => person.id === id)) expect(listed).toContain(id);
      else expect(listed).not.toContain(id);
    }
    expect(listed).not.toContain(ctx.people().otherStudent.id);
    const target = visible[0] ?? ctx.people()[kind].A;
    const change = await http()
      .patch(`/v1/people/${target.id}`)
      .set(actor.auth)
      .send({ address: 'г. Тверь, ул. Школьная, д. 1' });
    if (cell.letters.has('W')) {
      expect(change.status).toBe(200);
      expect(change.body.address).toBe('г. Тверь, ул. Школьная, д. 1');
    } else {
      expectDenied(cell, change.status);
    }
  }

  /** A sensitive part: read for the people in scope, write to the first of them. */
  async function part(
    cell: MatrixCell,
    actor: TestUser,
    path: string,
    write: (personId: string) => Promise<{ status: number }>,
    writeStatus: number,
  ) {
    const visible = await expectPersonPart(cell, actor, path, 'students');
    const target = visible[0] ?? ctx.people().students.A;
    const written = await write(target.id);
    if (cell.letters.has('W')) expect(written.status).toBe(writeStatus);
    else expectDenied(cell, written.status);
  }

  const classKeys = (cell: MatrixCell) => keysFor(cell).map((key) => ctx.people().classes[key].id);

  return {
    'Student cards': (cell, actor) => cards(cell, actor, 'students'),
    "Parents' cards": (cell, actor) => cards(cell, actor, 'parents'),

    async 'Staff cards'(cell, actor) {
      const staff = ctx.people().staff.map((person) => person.id);
      const list = await http()
        .get(`/v1/schools/${ctx.school().id}/people`)
        .query({ kind: 'staff', limit: 200 })
        .set(actor.auth)
        .expect(200);
      if (cell.letters.has('R'))
        expect(idsOf(list.body)).toEqual(expect.arrayContaining(sorted(staff)));
      else expect(list.body.items).toEqual([]);
      const change = await http()
        .patch(`/v1/people/${staff[1]}`)
        .set(actor.auth)
        .send({ positions: ['Учитель математики', 'Заместитель директора по УВР'] });
      if (cell.letters.has('W')) expect(change.status).toBe(200);
      else expectDenied(cell, change.status);
    },

    async 'Staff list'(cell, actor) {
      const response = await http().get(`/v1/schools/${ctx.school().id}/staff`).set(actor.auth);
      if (cell.letters.has('R')) {
        expect(response.status).toBe(200);
        const names = response.body.items.map((entry: { fullName: string }) => entry.fullName);
        expect(names).toEqual(expect.arrayContaining([expect.stringMatching(/^Классная/)]));
        expect(JSON.stringify(response.body)).not.toMatch(/phone|address|email/);
      } else {
        expect([403, 404]).toContain(response.status);
      }
    },

    async 'Identity documents'(cell, actor) {
      await part(
        cell,
        actor,
        '/v1/people/:id/documents',
        (id) =>
          http()
            .post(`/v1/people/${id}/documents`)
            .set(actor.auth)
            .send({
              kind: 'birth_certificate',
              series: 'I-ОБ',
              number: `${randomInt(100_000, 1_000_000)}`,
            }),
        201,
      );
    },

    async 'Health data'(cell, actor) {
      await part(
        cell,
        actor,
        '/v1/people/:id/health',
        (id) =>
          http().put(`/v1/people/${id}/health`).set(actor.auth).send({
            healthGroup: 2,
            peGroup: 'main',
            conditions: null,
            loadLimits: null,
            notes: null,
          }),
        200,
      );
    },

    async 'Personal files'(cell, actor) {
      await part(
        cell,
        actor,
        '/v1/people/:id/file-notes',
        (id) =>
          http()
            .post(`/v1/people/${id}/file-notes`)
            .set(actor.auth)
            .send({ body: 'Запись в личном деле' }),
        201,
      );
    },

    async Classes(cell, actor) {
      const list = await http()
        .get(`/v1/schools/${ctx.school().id}/classes`)
        .set(actor.auth)
        .expect(200);
      const expected = classKeys(cell);
      const listed = idsOf(list.body);
      if (cell.scope === 'school') expect(listed).toEqual(expect.arrayContaining(sorted(expected)));
      else expect(listed).toEqual(sorted(expected));
      const { C } = ctx.people().classes;
      await http()
        .get(`/v1/classes/${C.id}`)
        .set(actor.auth)
        .expect(expected.includes(C.id) ? 200 : 404);
      const change = await http()
        .patch(`/v1/classes/${C.id}`)
        .set(actor.auth)
        .send({ letter: 'В' });
      if (cell.letters.has('W')) expect(change.status).toBe(200);
      else expectDenied(cell, change.status);
    },

    async Subgroups(cell, actor) {
      const world = ctx.people();
      const expected = classKeys(cell);
      for (const schoolClass of Object.values(world.classes)) {
        await http()
          .get(`/v1/classes/${schoolClass.id}/subgroup-splits`)
          .set(actor.auth)
          .expect(expected.includes(schoolClass.id) ? 200 : 404);
      }
      const { A } = world.classes;
      const split = await http()
        // A class the caller sees (403 if read-only), or 7А when they see none (404).
        .put(
          `/v1/classes/${cell.letters.has('W') ? A.id : (expected[0] ?? A.id)}/subgroup-splits/${world.subjectId}`,
        )
        .set(actor.auth)
        .send({
          subgroups: [
            { name: 'Группа 1', studentIds: [world.students.A.id, world.admittedId] },
            { name: 'Группа 2', studentIds: [world.students.A2.id] },
          ],
        });
      if (cell.letters.has('W')) expect(split.status).toBe(200);
      else expectDenied(cell, split.status);
    },

    async 'Reference data'(cell, actor) {
      const list = await http().get(`/v1/schools/${ctx.school().id}/subjects`).set(actor.auth);
      if (cell.letters.has('R')) {
        expect(list.status).toBe(200);
        expect(list.body.items.map((item: { name: string }) => item.name)).toContain(
          'Математика (матрица)',
        );
      } else {
        expect(list.status === 404 || list.body.items?.length === 0).toBe(true);
      }
      const created = await http()
        .post(`/v1/schools/${ctx.school().id}/rooms`)
        .set(actor.auth)
        .send({ name: `Кабинет ${randomBytes(6).toString('hex')}`, capacity: 30 });
      expect(created.status).toBe(cell.letters.has('W') ? 201 : 403);
    },

    async 'Study periods'(cell, actor) {
      const { year } = ctx.people();
      const list = await http()
        .get(`/v1/schools/${ctx.school().id}/academic-years`)
        .set(actor.auth);
      const single = await http().get(`/v1/academic-years/${year.id}`).set(actor.auth);
      if (cell.letters.has('R')) {
        expect(list.status).toBe(200);
        expect(idsOf(list.body)).toContain(year.id);
        expect(single.status).toBe(200);
      } else {
        expect(list.status === 404 || list.body.items?.length === 0).toBe(true);
        expect(single.status).toBe(404);
      }
      const rename = await http()
        .patch(`/v1/academic-years/${year.id}`)
        .set(actor.auth)
        .send({ name: year.name });
      if (cell.letters.has('W')) expect(rename.status).toBe(200);
      else expectDenied(cell, rename.status);
    },

    async 'Movement orders'(cell, actor) {
      const world = ctx.people();
      const list = await http()
        .get(`/v1/schools/${ctx.school().id}/movement-orders`)
        .query({ limit: 200 })
        .set(actor.auth)
        .expect(200);
      const numbers = list.body.items.map((order: { number: string }) => order.number);
      if (cell.letters.has('R')) expect(numbers).toContain(world.orderNumber);
      else expect(numbers).toEqual([]);
      const fresh = await ctx.newStudent();
      const created = await http()
        .post(`/v1/schools/${ctx.school().id}/movement-orders`)
        .set(actor.auth)
        .send({
          number: `м-${fresh.id.slice(-6)}`,
          datedOn: world.year.startsOn,
          kind: 'admission',
          basis: 'Заявление родителя',
          movements: [{ studentId: fresh.id, toClassId: world.classes.C.id }],
        });
      expect(created.status).toBe(cell.letters.has('W') ? 201 : 403);
    },

    async Credentials(cell, actor) {
      const world = ctx.people();
      const response = await http()
        .post(`/v1/people/${world.students.A2.id}/credentials`)
        .set(actor.auth)
        .send({});
      if (cell.letters.has('W')) {
        expect(response.status).toBe(201);
        expect(response.body).toMatchObject({ personId: world.students.A2.id });
        expect(response.body.activationCode).toEqual(expect.any(String));
      } else {
        expect([403, 404]).toContain(response.status);
      }
      const other = await http()
        .post(`/v1/people/${world.students.B.id}/credentials`)
        .set(actor.auth)
        .send({});
      if (cell.scope === 'school') expect(other.status).toBe(201);
      else expect([403, 404]).toContain(other.status);
    },

    async 'Account links'(cell, actor) {
      const { classes } = ctx.people();
      const t = ctx.t();
      const studentOf = async (key: 'A' | 'B') => {
        const student = await createPerson(t, ctx.school(), 'student', {
          lastName: `Связь ${key}`,
        });
        await enroll(t, student, classes[key]);
        return student;
      };
      const link = async (personId: string) => {
        const holder = await createUser(t);
        const response = await http()
          .put(`/v1/people/${personId}/account`)
          .set(actor.auth)
          .send({ login: holder.login });
        return { response, holder };
      };
      const own = await studentOf('A');
      const { response, holder } = await link(own.id);
      if (cell.letters.has('W')) {
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({
          personId: own.id,
          accountId: holder.account.id,
          schoolRole: 'student',
          roleAdded: true,
        });
        await http().delete(`/v1/people/${own.id}/account`).set(actor.auth).expect(204);
      } else {
        expectDenied(cell, response.status);
      }
      const other = await link((await studentOf('B')).id);
      if (cell.scope === 'school') expect(other.response.status).toBe(200);
      else expect([403, 404]).toContain(other.response.status);
    },

    async 'Class list import'(cell, actor) {
      const { A, B } = ctx.people().classes;
      const csv = 'Фамилия;Имя;Дата рождения\nИмпортов;Иван;01.02.2013\n';
      const dryRun = (classId: string) =>
        http()
          .post(`/v1/classes/${classId}/imports`)
          .query({ dryRun: true })
          .set(actor.auth)
          .set('Content-Type', 'text/csv')
          .send(csv);
      const own = await dryRun(A.id);
      if (cell.letters.has('W')) {
        expect(own.status).toBe(200);
        expect(own.body.summary).toMatchObject({ rows: 1, errors: 0 });
      } else {
        expect([403, 404]).toContain(own.status);
      }
      const other = await dryRun(B.id);
      expect(other.status === 200).toBe(cell.scope === 'school');
    },

    async Usage(cell, actor) {
      const { A, B } = ctx.people().classes;
      const ofClass = (id: string) =>
        http().get(`/v1/classes/${id}/inactive-parents`).query({ days: 30 }).set(actor.auth);
      const own = await ofClass(A.id);
      if (cell.letters.has('R')) {
        expect(own.status).toBe(200);
        expect(own.body.items.map((p: { fullName: string }) => p.fullName)).toEqual([
          expect.stringMatching(/^Родитель А/),
        ]);
      } else {
        expect([403, 404]).toContain(own.status);
      }
      expect((await ofClass(B.id)).status === 200).toBe(cell.scope === 'school');
      const school = await http().get(`/v1/schools/${ctx.school().id}/usage`).set(actor.auth);
      expect(school.status === 200).toBe(cell.scope === 'school');
    },
  };
}

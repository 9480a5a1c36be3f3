import type { School } from '../src/core/tenancy/entities/school.entity';
import { MarkType } from '../src/modules/reference-data/entities/mark-type.entity';
import { createSchool, createUser, type TestUser } from './support/factories';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

/** Values that once reached the database (or a throwing validator) and answered 500. */
describe('values a client may send that the database cannot hold', () => {
  let t: TestApp;
  let school: School;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    school = await createSchool(t);
    admin = await createUser(t, { roles: [{ role: 'admin', school }] });
  });
  afterAll(() => t.close());

  const noInternals = (body: Record<string, unknown>) => {
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/\bat \S+ \(|insert into|select |TypeError|\.ts:\d+/i);
  };

  const createMarkType = (weight: unknown, name = 'Эссе') =>
    t
      .http()
      .post(`/v1/schools/${school.id}/mark-types`)
      .set(admin.auth)
      .send({ name, shortName: 'Эс', weight });

  describe('numbers in exponent form', () => {
    it('refuses a mark type weight of 1e-10 with 400 naming weight', async () => {
      const response = await createMarkType(1e-10);
      // The JSON on the wire is `"weight":1e-10`, as an integrator's tool sends it.
      expect(JSON.stringify({ weight: 1e-10 })).toBe('{"weight":1e-10}');
      const body = expectProblem(response, 400, 'request.invalid');
      expect(body.errors).toEqual([
        { field: 'weight', messages: ['weight must be a number with at most 2 decimal places'] },
      ]);
      expect(body.detail).toBe('weight: weight must be a number with at most 2 decimal places');
      noInternals(body);
    });

    it('refuses a weight of 5e-324 in a PATCH, and the mark type keeps its weight', async () => {
      const created = await createMarkType(2.5, 'Реферат').expect(201);
      const response = await t
        .http()
        .patch(`/v1/mark-types/${created.body.id}`)
        .set(admin.auth)
        .send({ weight: 5e-324 });
      expect(expectProblem(response, 400, 'request.invalid').errors).toEqual([
        { field: 'weight', messages: ['weight must be a number with at most 2 decimal places'] },
      ]);
      const markType = await t.em().findOneOrFail(MarkType, created.body.id as string);
      expect(Number(markType.weight)).toBe(2.5);
    });

    it('still accepts exponent form for a value it can hold (2.5e0, 1.5e1 / 10)', async () => {
      const response = await createMarkType(2.5, 'Доклад').expect(201);
      expect(response.body.weight).toBe(2.5);
      // 1e21 is an integer far beyond numeric(4,2): the range rule refuses it, not the database.
      const huge = await createMarkType(1e21, 'Огромный');
      expect(expectProblem(huge, 400, 'request.invalid').errors).toEqual([
        { field: 'weight', messages: ['weight must not be greater than 10'] },
      ]);
    });

    it('refuses a grading scale score of 1e-7 with the path of the value', async () => {
      const response = await t
        .http()
        .post(`/v1/schools/${school.id}/grading-scales`)
        .set(admin.auth)
        .send({
          name: 'Стобалльная',
          values: [
            { value: 'A', score: 100 },
            { value: 'B', score: 1e-7 },
          ],
        });
      const body = expectProblem(response, 400, 'request.invalid');
      expect(body.errors).toEqual([
        {
          field: 'values[1].score',
          messages: ['score must be a number with at most 2 decimal places'],
        },
      ]);
      noInternals(body);
    });
  });

  describe('strings holding a NUL character (PostgreSQL text refuses them)', () => {
    it('refuses one in a body field with 400 naming the field, and stores nothing', async () => {
      const response = await createMarkType(1, 'Эссе\u0000вредное');
      const body = expectProblem(response, 400, 'request.invalid');
      expect(body.errors).toEqual([
        { field: 'name', messages: ['name must not contain a NUL character'] },
      ]);
      noInternals(body);
      expect(await t.em().count(MarkType, { shortName: 'Эс', name: { $like: 'Эссе%' } })).toBe(0);
    });

    it('refuses one in a nested field by its path', async () => {
      const response = await t
        .http()
        .post(`/v1/schools/${school.id}/grading-scales`)
        .set(admin.auth)
        .send({
          name: 'Зачётная',
          values: [
            { value: 'зач', score: null },
            { value: 'не\u0000зач', score: null },
          ],
        });
      expect(expectProblem(response, 400, 'request.invalid').errors).toEqual([
        { field: 'values[1].value', messages: ['value must not contain a NUL character'] },
      ]);
    });

    it('refuses one in a query string and in a path parameter', async () => {
      const query = await t.http().get('/v1/accounts?q=ив%00анова').set(admin.auth);
      const body = expectProblem(query, 400, 'request.invalid');
      expect(body.errors).toEqual([
        { field: 'q', messages: ['q must not contain a NUL character'] },
      ]);
      noInternals(body);
      const param = await t.http().get('/v1/accounts/%00').set(admin.auth);
      expect(expectProblem(param, 400, 'request.invalid').errors).toEqual([
        { field: 'id', messages: ['id must not contain a NUL character'] },
      ]);
    });
  });
});

import type { School } from '../src/core/tenancy/entities/school.entity';
import { createRegion, createSchool, createUser, type TestUser } from './support/factories';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

describe('tenancy: a school never sees or changes another school’s data', () => {
  let t: TestApp;
  let schoolA: School;
  let schoolB: School;
  let adminA: TestUser;
  let staffB: TestUser[];

  beforeAll(async () => {
    t = await startTestApp();
    const region = await createRegion(t);
    schoolA = await createSchool(t, region, 'A');
    schoolB = await createSchool(t, region, 'B');
    adminA = await createUser(t, { roles: [{ role: 'admin', school: schoolA }] });
    staffB = [];
    for (const role of ['admin', 'teacher', 'secretary'] as const) {
      staffB.push(await createUser(t, { roles: [{ role, school: schoolB }] }));
    }
  });
  afterAll(() => t.close());

  it('lists none of school B’s accounts to school A’s admin', async () => {
    const list = await t.http().get('/v1/accounts?limit=200').set(adminA.auth).expect(200);
    const listed = (list.body.items as { id: string; roles: { schoolId: string }[] }[]).map(
      (a) => a.id,
    );
    expect(listed).toContain(adminA.account.id);
    for (const member of staffB) expect(listed).not.toContain(member.account.id);
    const filtered = await t
      .http()
      .get(`/v1/accounts?schoolId=${schoolB.id}`)
      .set(adminA.auth)
      .expect(200);
    expect(filtered.body.items).toEqual([]);
  });

  it('answers 404 on every route for school B’s ids, exactly like for unknown ids', async () => {
    const unknown = '01890000-0000-7000-8000-000000000000';
    const target = staffB[1].account.id;
    const calls = (id: string) => [
      t.http().get(`/v1/accounts/${id}`).set(adminA.auth),
      t.http().patch(`/v1/accounts/${id}`).set(adminA.auth).send({ displayName: 'x' }),
      t.http().post(`/v1/accounts/${id}/disable`).set(adminA.auth).send({}),
      t.http().post(`/v1/accounts/${id}/enable`).set(adminA.auth),
      t.http().post(`/v1/accounts/${id}/activation-codes`).set(adminA.auth),
      t
        .http()
        .put(`/v1/accounts/${id}/roles`)
        .set(adminA.auth)
        .send({ schoolId: schoolA.id, roles: ['teacher'] }),
    ];
    const foreign = await Promise.all(calls(target));
    const missing = await Promise.all(calls(unknown));
    for (const [index, response] of foreign.entries()) {
      const body = expectProblem(response, 404, 'resource.not_found');
      expect(body.title).toEqual(missing[index].body.title);
    }
    const untouched = await t.http().get(`/v1/accounts/${target}`).set(staffB[0].auth).expect(200);
    expect(untouched.body).toMatchObject({
      status: 'active',
      displayName: `Test ${staffB[1].login}`,
    });
  });

  it('does not let school A’s admin grant roles in school B or grant non-staff roles', async () => {
    const inB = await t
      .http()
      .post('/v1/accounts')
      .set(adminA.auth)
      .send({
        login: 'intruder',
        displayName: 'X',
        roles: [{ role: 'teacher', schoolId: schoolB.id }],
      });
    expectProblem(inB, 403, 'access.forbidden');
    const student = await t
      .http()
      .post('/v1/accounts')
      .set(adminA.auth)
      .send({
        login: 'student.x',
        displayName: 'X',
        roles: [{ role: 'student', schoolId: schoolA.id }],
      });
    expectProblem(student, 403, 'access.forbidden');
    const names = await t.http().get('/v1/accounts?q=intruder').set(staffB[0].auth).expect(200);
    expect(names.body.items).toEqual([]);
  });

  it('shows a two-school account only with its roles in the caller’s school, and does not let one school disable it', async () => {
    const shared = await createUser(t, {
      roles: [
        { role: 'teacher', school: schoolA },
        { role: 'deputy', school: schoolB },
      ],
    });
    const seen = await t
      .http()
      .get(`/v1/accounts/${shared.account.id}`)
      .set(adminA.auth)
      .expect(200);
    expect(seen.body.roles).toEqual([
      { role: 'teacher', schoolId: schoolA.id, regionId: schoolA.regionId },
    ]);
    const disable = await t
      .http()
      .post(`/v1/accounts/${shared.account.id}/disable`)
      .set(adminA.auth)
      .send({});
    expectProblem(disable, 403, 'access.forbidden');
  });

  it('scopes an education authority to the schools of its region', async () => {
    const otherRegion = await createRegion(t, 'Другой');
    const elsewhere = await createSchool(t, otherRegion, 'C');
    const authority = await createUser(t, {
      roles: [{ role: 'authority', region: await regionOf(schoolA) }],
    });
    const list = await t.http().get('/v1/schools').set(authority.auth).expect(200);
    expect((list.body.items as { id: string }[]).map((s) => s.id).sort()).toEqual(
      [schoolA.id, schoolB.id].sort(),
    );
    await t.http().get(`/v1/schools/${elsewhere.id}`).set(authority.auth).expect(404);
    await t.http().get(`/v1/regions/${otherRegion.id}`).set(authority.auth).expect(404);
    const regions = await t.http().get('/v1/regions').set(authority.auth).expect(200);
    expect((regions.body.items as { id: string }[]).map((r) => r.id)).toEqual([schoolA.regionId]);
  });

  async function regionOf(school: School) {
    const { Region } = await import('../src/core/tenancy/entities/region.entity');
    return t.em().findOneOrFail(Region, school.regionId);
  }
});

import { Account } from '../src/core/auth/entities/account.entity';
import { RoleAssignment } from '../src/core/auth/entities/role-assignment.entity';
import type { School } from '../src/core/tenancy/entities/school.entity';
import { createSchool, createUser, type TestUser } from './support/factories';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

describe('HTTP conventions', () => {
  let t: TestApp;
  let school: School;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp({
      CORS_ORIGINS: 'https://journal.example.org',
      BODY_LIMIT_BYTES: '4096',
    });
    school = await createSchool(t);
    admin = await createUser(t, { roles: [{ role: 'admin', school }] });
  });
  afterAll(() => t.close());

  const newTeacher = (login: string) => ({
    login,
    displayName: 'Учитель',
    roles: [{ role: 'teacher', schoolId: school.id }],
  });

  describe('validation', () => {
    it('refuses an unknown body field with 400 naming it', async () => {
      const response = await t
        .http()
        .post('/v1/accounts')
        .set(admin.auth)
        .send({ ...newTeacher('unknown.field'), isAdmin: true });
      const body = expectProblem(response, 400, 'request.invalid');
      expect(body.errors).toEqual([
        { field: 'isAdmin', messages: ['unknown field isAdmin is not allowed'] },
      ]);
      expect(await t.em().count(Account, { login: 'unknown.field' })).toBe(0);
    });

    it('lists every bad field at once, nested ones by their path', async () => {
      const response = await t
        .http()
        .post('/v1/accounts')
        .set(admin.auth)
        .send({ login: '!', displayName: '', roles: [{ role: 'wizard', schoolId: 'nope' }] });
      const body = expectProblem(response, 400, 'request.invalid');
      expect((body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(
        ['displayName', 'login', 'roles[0].role', 'roles[0].schoolId'].sort(),
      );
    });

    it('refuses malformed JSON and non-UUID ids with problem documents', async () => {
      const malformed = await t
        .http()
        .post('/v1/accounts')
        .set(admin.auth)
        .set('content-type', 'application/json')
        .send('{"login":');
      expectProblem(malformed, 400, 'request.malformed');
      const badId = await t.http().get('/v1/accounts/not-a-uuid').set(admin.auth);
      expect(expectProblem(badId, 400, 'request.invalid').errors).toEqual([
        { field: 'id', messages: ['id must be a UUID'] },
      ]);
    });

    it('refuses a body over the size limit with 413', async () => {
      const response = await t
        .http()
        .post('/v1/accounts')
        .set(admin.auth)
        .send({ ...newTeacher('too.large'), displayName: 'я'.repeat(5000) });
      expectProblem(response, 413, 'request.too_large');
    });

    it('answers an unknown route with a problem document', async () => {
      expectProblem(
        await t.http().get('/v1/no-such-thing').set(admin.auth),
        404,
        'route.not_found',
      );
    });
  });

  it('changes only the fields a PATCH sends', async () => {
    const user = await createUser(t, { roles: [{ role: 'teacher', school }] });
    await t
      .http()
      .patch(`/v1/accounts/${user.account.id}`)
      .set(admin.auth)
      .send({ email: 'first@school.example' })
      .expect(200);
    const renamed = await t
      .http()
      .patch(`/v1/accounts/${user.account.id}`)
      .set(admin.auth)
      .send({ displayName: 'Новое имя' })
      .expect(200);
    expect(renamed.body).toMatchObject({ displayName: 'Новое имя', email: 'first@school.example' });
  });

  describe('Idempotency-Key on creates', () => {
    it('replays the first answer for the same key and body, creating one account', async () => {
      const send = () =>
        t
          .http()
          .post('/v1/accounts')
          .set(admin.auth)
          .set('idempotency-key', 'create-ivanova-1')
          .send(newTeacher('ivanova'));
      const first = await send().expect(201);
      const replay = await send().expect(201);
      expect(replay.body).toEqual(first.body);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(await t.em().count(Account, { login: 'ivanova' })).toBe(1);
    });

    it('refuses the same key with another body as a conflict', async () => {
      await t
        .http()
        .post('/v1/accounts')
        .set(admin.auth)
        .set('idempotency-key', 'create-petrov-1')
        .send(newTeacher('petrov'))
        .expect(201);
      const conflict = await t
        .http()
        .post('/v1/accounts')
        .set(admin.auth)
        .set('idempotency-key', 'create-petrov-1')
        .send(newTeacher('sidorov'));
      expectProblem(conflict, 409, 'idempotency.key_reused');
      expect(await t.em().count(Account, { login: 'sidorov' })).toBe(0);
    });

    it('keeps keys per caller: another account’s identical key is a fresh request', async () => {
      const otherAdmin = await createUser(t, { roles: [{ role: 'admin', school }] });
      await t
        .http()
        .post('/v1/accounts')
        .set(admin.auth)
        .set('idempotency-key', 'shared-key')
        .send(newTeacher('first.caller'))
        .expect(201);
      const other = await t
        .http()
        .post('/v1/accounts')
        .set(otherAdmin.auth)
        .set('idempotency-key', 'shared-key')
        .send(newTeacher('second.caller'))
        .expect(201);
      expect(other.body.login).toBe('second.caller');
    });

    it('forgets the key when the create failed, so the client can retry', async () => {
      const taken = await t
        .http()
        .post('/v1/accounts')
        .set(admin.auth)
        .set('idempotency-key', 'retry-me')
        .send(newTeacher(admin.login));
      expectProblem(taken, 409, 'resource.already_exists');
      await t
        .http()
        .post('/v1/accounts')
        .set(admin.auth)
        .set('idempotency-key', 'retry-me')
        .send(newTeacher('retried.login'))
        .expect(201);
    });
  });

  describe('cursor pagination', () => {
    it('walks 250 rows without loss or duplicates, with Link headers', async () => {
      const walker = await createSchool(t, undefined, 'Большая школа');
      const walkerAdmin = await createUser(t, { roles: [{ role: 'admin', school: walker }] });
      const em = t.em();
      const expected = [walkerAdmin.account.id];
      for (let i = 0; i < 249; i++) {
        const account = em.create(Account, { login: `bulk.${i}`, displayName: `Учитель ${i}` });
        em.create(RoleAssignment, {
          account,
          role: 'teacher',
          schoolId: walker.id,
          regionId: walker.regionId,
        });
        expected.push(account.id);
      }
      await em.flush();

      const seen: string[] = [];
      let url: string | undefined = `/v1/accounts?schoolId=${walker.id}&limit=40`;
      let pages = 0;
      while (url) {
        const page = await t.http().get(url).set(walkerAdmin.auth).expect(200);
        seen.push(...(page.body.items as { id: string }[]).map((a) => a.id));
        pages++;
        const link = page.headers.link as string | undefined;
        expect(link === undefined).toBe(page.body.nextCursor === null);
        url = link ? /^<([^>]+)>; rel="next"$/.exec(link)![1] : undefined;
      }
      expect(pages).toBe(7);
      expect(seen).toHaveLength(250);
      expect(new Set(seen).size).toBe(250);
      expect([...seen].sort()).toEqual([...expected].sort());
    });

    it('caps the page size and refuses a forged cursor', async () => {
      const tooMany = await t.http().get('/v1/accounts?limit=1000').set(admin.auth);
      expect(
        (expectProblem(tooMany, 400, 'request.invalid').errors as { field: string }[])[0].field,
      ).toBe('limit');
      const forged = await t
        .http()
        .get(`/v1/accounts?cursor=${Buffer.from('1 or 1=1').toString('base64url')}`)
        .set(admin.auth);
      expect(
        (expectProblem(forged, 400, 'request.invalid').errors as { field: string }[])[0].field,
      ).toBe('cursor');
    });
  });

  describe('conditional requests', () => {
    it('answers If-None-Match with the current ETag by 304', async () => {
      const first = await t.http().get(`/v1/schools/${school.id}`).set(admin.auth).expect(200);
      const etag = first.headers.etag;
      expect(etag).toMatch(/^W\/".+"$/);
      const again = await t
        .http()
        .get(`/v1/schools/${school.id}`)
        .set(admin.auth)
        .set('if-none-match', etag);
      expect(again.status).toBe(304);
      expect(again.text ?? '').toBe('');
    });

    it('refuses an update whose If-Match is stale with 412, and applies a fresh one', async () => {
      const read = await t.http().get(`/v1/schools/${school.id}`).set(admin.auth).expect(200);
      const etag = read.headers.etag;
      await t
        .http()
        .patch(`/v1/schools/${school.id}`)
        .set(admin.auth)
        .set('if-match', etag)
        .send({ shortName: 'Первая правка' })
        .expect(200);
      const stale = await t
        .http()
        .patch(`/v1/schools/${school.id}`)
        .set(admin.auth)
        .set('if-match', etag)
        .send({ shortName: 'Затирает' });
      expectProblem(stale, 412, 'resource.precondition_failed');
      const current = await t.http().get(`/v1/schools/${school.id}`).set(admin.auth).expect(200);
      expect(current.body.shortName).toBe('Первая правка');
      await t
        .http()
        .patch(`/v1/schools/${school.id}`)
        .set(admin.auth)
        .set('if-match', current.headers.etag)
        .send({ shortName: 'Вторая правка' })
        .expect(200);
    });
  });

  describe('headers', () => {
    it('echoes a sane client request id and makes one up otherwise', async () => {
      const given = await t.http().get('/health').set('x-request-id', 'trace-abc-123456');
      expect(given.headers['x-request-id']).toBe('trace-abc-123456');
      const made = await t.http().get('/health').set('x-request-id', 'bad id with spaces');
      expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const problem = await t.http().get('/v1/me');
      expect(problem.body.requestId).toBe(problem.headers['x-request-id']);
    });

    it('sends security headers', async () => {
      const response = await t.http().get('/health');
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'strict-transport-security': expect.stringContaining('max-age='),
        'x-frame-options': 'SAMEORIGIN',
      });
    });

    it('allows cross-origin calls only from configured origins', async () => {
      const allowed = await t
        .http()
        .options('/v1/me')
        .set('origin', 'https://journal.example.org')
        .set('access-control-request-method', 'GET');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://journal.example.org');
      const denied = await t
        .http()
        .options('/v1/me')
        .set('origin', 'https://evil.example.com')
        .set('access-control-request-method', 'GET');
      expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});

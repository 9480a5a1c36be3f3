import type { School } from '../src/core/tenancy/entities/school.entity';
import { createSchool, createUser, TEST_PASSWORD, type TestUser } from './support/factories';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

/** `"name";key=value;…` of a RateLimit or RateLimit-Policy field, as numbers by key. */
function parseField(value: unknown): { name: string; params: Record<string, number> } {
  const [name, ...params] = String(value).split(';');
  return {
    name: JSON.parse(name) as string,
    params: Object.fromEntries(params.map((p) => p.split('=')).map(([k, v]) => [k, Number(v)])),
  };
}

// Every request in this file comes from one address (supertest over loopback), like a
// school behind one NAT address.
describe('rate limits per caller', () => {
  describe('with small quotas', () => {
    let t: TestApp;
    let school: School;
    let first: TestUser;
    let second: TestUser;

    beforeAll(async () => {
      t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '3', ANONYMOUS_RATE_LIMIT_PER_MINUTE: '2' });
      school = await createSchool(t);
      first = await createUser(t, { roles: [{ role: 'teacher', school }] });
      second = await createUser(t, { roles: [{ role: 'teacher', school }] });
    });
    afterAll(() => t.close());

    it('counts an account’s requests against the account and says what is left', async () => {
      const remaining: number[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await t.http().get('/v1/me').set(first.auth).expect(200);
        expect(response.body.id).toBe(first.account.id);
        expect(parseField(response.headers['ratelimit-policy'])).toEqual({
          name: 'account',
          params: { q: 3, w: 60 },
        });
        const left = parseField(response.headers.ratelimit);
        expect(left.name).toBe('account');
        expect(left.params.t).toBeGreaterThan(0);
        expect(left.params.t).toBeLessThanOrEqual(60);
        remaining.push(left.params.r);
      }
      expect(remaining).toEqual([2, 1, 0]);

      const limited = await t.http().get('/v1/me').set(first.auth);
      const body = expectProblem(limited, 429, 'rate_limit.exceeded');
      expect(body.detail).toMatch(/account's limit of 3 requests per minute/);
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(parseField(limited.headers.ratelimit).params).toEqual({ r: 0, t: retryAfter });
    });

    it('lets another account from the same address go on', async () => {
      const response = await t.http().get('/v1/me').set(second.auth).expect(200);
      expect(response.body.id).toBe(second.account.id);
      expect(parseField(response.headers.ratelimit).params.r).toBe(2);
    });

    it('counts requests without a valid token per address, apart from the accounts', async () => {
      const forged = { Authorization: `Bearer ${second.token.slice(0, -4)}AAAA` };
      const unauthenticated = await t.http().get('/v1/me').set(forged);
      expectProblem(unauthenticated, 401, 'auth.unauthenticated');
      expect(parseField(unauthenticated.headers['ratelimit-policy'])).toEqual({
        name: 'anonymous',
        params: { q: 2, w: 60 },
      });
      await t.http().get('/health').expect(200);

      const login = await t.http().post('/v1/auth/login').send({
        login: second.login,
        password: TEST_PASSWORD,
      });
      const body = expectProblem(login, 429, 'rate_limit.exceeded');
      expect(body.detail).toMatch(/without a valid access token/);
      expect(Number(login.headers['retry-after'])).toBeGreaterThan(0);

      // The address is used up for anonymous calls, not for the accounts behind it.
      await t.http().get('/v1/me').set(second.auth).expect(200);
    });
  });

  describe('with the default quotas', () => {
    let t: TestApp;
    let school: School;

    beforeAll(async () => {
      // The defaults of src/config/config.ts, not the test harness's generous ones.
      t = await startTestApp({
        RATE_LIMIT_PER_MINUTE: '',
        ANONYMOUS_RATE_LIMIT_PER_MINUTE: '',
      });
      school = await createSchool(t);
    });
    afterAll(() => t.close());

    it('lets a class of 30 pupils behind one address log in and start working', async () => {
      const pupils = await Promise.all(
        Array.from({ length: 30 }, () => createUser(t, { roles: [{ role: 'student', school }] })),
      );
      const statuses: number[] = [];
      for (const pupil of pupils) {
        const login = await t
          .http()
          .post('/v1/auth/login')
          .send({ login: pupil.login, password: TEST_PASSWORD });
        statuses.push(login.status);
        const auth = { Authorization: `Bearer ${login.body.accessToken}` };
        for (let i = 0; i < 5; i++) {
          const me = await t.http().get('/v1/me').set(auth);
          statuses.push(me.status);
        }
      }
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
    });

    it('allows 1,200 requests a minute per account and per address without a token', async () => {
      const script = await createUser(t, { roles: [{ role: 'admin', school }] });
      const me = await t.http().get('/v1/me').set(script.auth).expect(200);
      expect(parseField(me.headers['ratelimit-policy'])).toEqual({
        name: 'account',
        params: { q: 1200, w: 60 },
      });
      expect(parseField(me.headers.ratelimit).params.r).toBe(1199);
      const health = await t.http().get('/health').expect(200);
      expect(parseField(health.headers['ratelimit-policy'])).toEqual({
        name: 'anonymous',
        params: { q: 1200, w: 60 },
      });
    });
  });
});

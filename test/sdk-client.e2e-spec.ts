import {
  fileBody,
  idempotencyKey,
  ifMatch,
  JournalApiError,
  JournalClient,
  unwrap,
  type JournalClientOptions,
  type TokenPair,
} from '../openapi/sdk';
import type { School } from '../src/core/tenancy/entities/school.entity';
import { contractMiddleware } from './support/contract-hooks';
import {
  asRole,
  createSchool,
  createUser,
  TEST_PASSWORD,
  type TestUser,
} from './support/factories';
import { createImportClass, createImportYear, toCsv, WITH_ERRORS } from './support/import-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/** The JournalApiError a call fails with (and a test failure if it does not fail). */
async function failure(call: Promise<unknown>): Promise<JournalApiError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof JournalApiError) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

/** A pair as the API answers it, numbered so a test can tell them apart. */
const pair = (n: number): TokenPair => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-token-number-${n}`,
  tokenType: 'Bearer',
  expiresIn: 900,
  refreshTokenExpiresAt: '2026-12-25T00:00:00.000Z',
});
const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
const problem = (status: number, code: string) =>
  json(
    status,
    {
      type: `urn:school-journal:problem:${code}`,
      title: 'Unauthorized',
      status,
      code,
      requestId: 'req-1',
    },
    'application/problem+json',
  );
/** An unsigned JWT-shaped token expiring at `exp` (seconds): the client only reads `exp`. */
const tokenExpiringAt = (exp: number) =>
  ['{"alg":"none"}', JSON.stringify({ exp })]
    .map((part) => Buffer.from(part).toString('base64url'))
    .join('.') + '.x';

/**
 * A client against a stub `fetch`: `answer` plays the API, `calls` lists the requests it got
 * as `METHOD /path token` (token: the bearer token, or `-`).
 */
function stubbed(
  answer: (request: Request, calls: string[]) => Response | Promise<Response>,
  options: JournalClientOptions = {
    accessToken: 'access-0',
    refreshToken: 'refresh-token-number-0',
  },
) {
  const calls: string[] = [];
  const refreshBodies: unknown[] = [];
  const issued: TokenPair[] = [];
  const client = new JournalClient('http://journal.test', {
    ...options,
    onTokens: (tokens) => void issued.push(tokens),
    fetch: async (request) => {
      const token = request.headers.get('authorization')?.replace('Bearer ', '') ?? '-';
      const path = new URL(request.url).pathname;
      calls.push(`${request.method} ${path} ${token}`);
      if (path === '/v1/auth/refresh') refreshBodies.push(await request.clone().json());
      return answer(request, calls);
    },
  });
  return { client, calls, refreshBodies, issued };
}

describe('the SDK client against a stub API', () => {
  let refreshes: number;
  /** Refresh answers pair 1, 2, … in turn. */
  const refreshing = (request: Request): Response | undefined =>
    new URL(request.url).pathname === '/v1/auth/refresh' ? json(200, pair(++refreshes)) : undefined;
  beforeEach(() => {
    refreshes = 0;
  });

  it('on a 401 refreshes and repeats the request once, with the new token', async () => {
    const { client, calls, refreshBodies, issued } = stubbed(
      (request) =>
        refreshing(request) ??
        (request.headers.get('authorization') === 'Bearer access-1'
          ? json(200, { ok: true })
          : problem(401, 'auth.unauthenticated')),
    );
    const { data, response } = await client.GET('/v1/me');
    expect(response.status).toBe(200);
    expect(data).toEqual({ ok: true });
    expect(calls).toEqual([
      'GET /v1/me access-0',
      'POST /v1/auth/refresh -',
      'GET /v1/me access-1',
    ]);
    expect(refreshBodies).toEqual([{ refreshToken: 'refresh-token-number-0' }]);
    expect(issued).toEqual([pair(1)]);
    expect(client.tokens).toMatchObject({
      accessToken: 'access-1',
      refreshToken: 'refresh-token-number-1',
    });
  });

  it('does not retry a second 401: the answer comes back, and unwrap() throws it', async () => {
    const { client, calls } = stubbed(
      (request) => refreshing(request) ?? problem(401, 'auth.unauthenticated'),
    );
    const result = await client.GET('/v1/me');
    expect(result.response.status).toBe(401);
    expect(result.error).toMatchObject({ code: 'auth.unauthenticated' });
    expect(calls).toEqual([
      'GET /v1/me access-0',
      'POST /v1/auth/refresh -',
      'GET /v1/me access-1',
    ]);

    const error = await failure(unwrap(client.GET('/v1/me')));
    expect(error).toMatchObject({ status: 401, code: 'auth.unauthenticated', requestId: 'req-1' });
    // One more refresh and one repeat for the second call, no more.
    expect(calls).toHaveLength(6);
  });

  it('shares one refresh among concurrent requests (a refresh token works once)', async () => {
    const { client, calls } = stubbed(async (request) => {
      if (new URL(request.url).pathname === '/v1/auth/refresh') {
        await new Promise((done) => setTimeout(done, 20));
        return json(200, pair(++refreshes));
      }
      return request.headers.get('authorization') === 'Bearer access-1'
        ? json(200, { ok: true })
        : problem(401, 'auth.unauthenticated');
    });
    const answers = await Promise.all([1, 2, 3].map(() => client.GET('/v1/me')));
    expect(answers.map(({ response }) => response.status)).toEqual([200, 200, 200]);
    expect(calls.filter((call) => call.startsWith('POST /v1/auth/refresh'))).toHaveLength(1);
  });

  it('refreshes before sending when the access token is about to expire', async () => {
    // The client's clock is pinned: the token expires 10 s after its "now".
    const now = Date.parse('2026-11-25T09:00:00Z');
    const { client, calls } = stubbed((request) => refreshing(request) ?? json(200, { ok: true }), {
      accessToken: tokenExpiringAt(now / 1000 + 10),
      refreshToken: 'refresh-token-number-0',
      now: () => now,
    });
    await unwrap(client.GET('/v1/me'));
    await unwrap(client.GET('/v1/me'));
    expect(calls).toEqual([
      'POST /v1/auth/refresh -',
      'GET /v1/me access-1',
      'GET /v1/me access-1',
    ]);
  });

  it('starts from a refresh token alone', async () => {
    const { client, calls } = stubbed((request) => refreshing(request) ?? json(200, { ok: true }), {
      refreshToken: 'refresh-token-number-0',
    });
    await unwrap(client.GET('/v1/me'));
    expect(calls).toEqual(['POST /v1/auth/refresh -', 'GET /v1/me access-1']);
  });

  it('throws the refusal of a refresh and forgets the tokens', async () => {
    const { client, calls } = stubbed((request) =>
      new URL(request.url).pathname === '/v1/auth/refresh'
        ? problem(401, 'auth.refresh_token_invalid')
        : problem(401, 'auth.unauthenticated'),
    );
    await expect(client.GET('/v1/me')).rejects.toMatchObject({
      name: 'JournalApiError',
      status: 401,
      code: 'auth.refresh_token_invalid',
    });
    expect(client.tokens).toEqual({});
    expect(calls).toEqual(['GET /v1/me access-0', 'POST /v1/auth/refresh -']);
  });

  it('without a refresh token, hands the 401 back as it is', async () => {
    const { client, calls } = stubbed(() => problem(401, 'auth.unauthenticated'), {
      accessToken: 'access-0',
    });
    expect((await client.GET('/v1/me')).response.status).toBe(401);
    expect(calls).toEqual(['GET /v1/me access-0']);
  });

  it('turns an answer that is no problem document into a JournalApiError too', async () => {
    const { client } = stubbed(
      () => new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
      { accessToken: 'access-0' },
    );
    await expect(unwrap(client.GET('/v1/me'))).rejects.toMatchObject({
      status: 502,
      code: 'sdk.unexpected_response',
      title: 'Bad Gateway',
      detail: '<html>Bad Gateway</html>',
    });
  });
});

describe('the SDK client against the API', () => {
  let t: TestApp;
  let baseUrl: string;
  let school: School;
  let admin: TestUser;

  const connect = async (user: TestUser, options: JournalClientOptions = {}) => {
    const client = await JournalClient.login(baseUrl, user.login, TEST_PASSWORD, options);
    client.use(contractMiddleware);
    return client;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = await t.app.getUrl();
    school = await createSchool(t, undefined, 'Школа SDK');
    admin = await asRole(t, 'admin', school);
  });
  afterAll(() => t.close());

  it('logs in, survives a bad access token by refreshing once, and rotates the refresh token', async () => {
    const issued: TokenPair[] = [];
    const client = await connect(admin, { onTokens: (tokens) => void issued.push(tokens) });
    expect(await unwrap(client.GET('/v1/me'))).toMatchObject({ login: admin.login });
    const { refreshToken: first } = client.tokens;

    client.setTokens({ accessToken: 'not-a-valid-token', refreshToken: first });
    expect(await unwrap(client.GET('/v1/me'))).toMatchObject({ login: admin.login });
    expect(issued).toHaveLength(2); // the login, then one refresh
    expect(client.tokens.refreshToken).not.toBe(first);

    // A client made from the newest refresh token alone works; the used one is refused.
    const resumed = new JournalClient(baseUrl, { refreshToken: client.tokens.refreshToken });
    expect(await unwrap(resumed.GET('/v1/me'))).toMatchObject({ login: admin.login });
    const stale = new JournalClient(baseUrl, { refreshToken: first });
    await expect(stale.refresh()).rejects.toMatchObject({
      status: 401,
      code: 'auth.refresh_token_reused',
    });
  });

  it('walks a cursor-paged list page after page', async () => {
    const paged = await createSchool(t, undefined, 'Школа со списком');
    const logins = [(await asRole(t, 'admin', paged)).login];
    for (let i = 0; i < 5; i++) logins.push((await asRole(t, 'teacher', paged)).login);
    const viewer = await connect(await asRole(t, 'admin', paged));
    const pages: (string | null)[] = [];
    viewer.use({
      onRequest({ request }) {
        const url = new URL(request.url);
        if (url.pathname === '/v1/accounts') pages.push(url.searchParams.get('cursor'));
      },
    });
    const seen: string[] = [];
    for await (const account of viewer.paginate('/v1/accounts', {
      params: { query: { schoolId: paged.id, role: 'teacher', limit: 2 } },
    })) {
      seen.push(account.login);
    }
    expect(seen.sort()).toEqual(logins.slice(1).sort());
    // Five teachers, two a page: three pages, each after the first asked for by its cursor.
    expect(pages).toHaveLength(3);
    expect(pages[0]).toBeNull();
    expect(pages.slice(1)).toEqual([expect.stringMatching(/\S/), expect.stringMatching(/\S/)]);
  });

  it('raises problem answers as typed errors: field errors, 409 idempotency, 412 If-Match, 422 import', async () => {
    const client = await connect(admin);

    const invalid = await failure(
      unwrap(
        client.POST('/v1/accounts', {
          body: { login: 'x'.repeat(65), displayName: 'Тест', roles: [] },
        }),
      ),
    );
    expect(invalid).toMatchObject({
      status: 400,
      code: 'request.invalid',
      title: 'Invalid request',
    });
    expect(invalid.fieldErrors().login).toEqual([expect.stringContaining('64')]);
    expect(invalid.requestId).toMatch(/\S/);

    // The same key and body replay the first answer; the same key with another body is a 409.
    const key = idempotencyKey('subject', school.id, 'Астрономия');
    const create = (name: string) =>
      client.POST('/v1/schools/{schoolId}/subjects', {
        params: { path: { schoolId: school.id }, header: { 'Idempotency-Key': key } },
        body: { name, shortName: name.slice(0, 6), gradingScaleId: null },
      });
    const created = await unwrap(create('Астрономия'));
    const replayed = await create('Астрономия');
    expect(replayed.response.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.data?.id).toBe(created.id);
    await expect(unwrap(create('Астрология'))).rejects.toMatchObject({
      status: 409,
      code: 'idempotency.key_reused',
    });

    // An update based on what was read; a second one from the same (now stale) read is a 412.
    const teacher = await createUser(t, { roles: [{ role: 'teacher', school }] });
    const read = await client.GET('/v1/accounts/{id}', {
      params: { path: { id: teacher.account.id } },
    });
    const update = (displayName: string) =>
      client.PATCH('/v1/accounts/{id}', {
        params: { path: { id: teacher.account.id }, header: ifMatch(read) },
        body: { displayName },
      });
    expect(await unwrap(update('Петров Пётр Петрович'))).toMatchObject({
      displayName: 'Петров Пётр Петрович',
    });
    await expect(unwrap(update('Сидоров Сидор Сидорович'))).rejects.toMatchObject({
      status: 412,
      code: 'resource.precondition_failed',
    });

    // A class list with bad rows: 422, with the rows in the problem document.
    const schoolClass = await createImportClass(t, await createImportYear(t, school), 5, 'А');
    const rejected = await failure(
      unwrap(
        client.POST('/v1/classes/{id}/imports', {
          params: { path: { id: schoolClass.id }, query: { dryRun: false } },
          ...fileBody(toCsv(WITH_ERRORS), 'text/csv'),
        }),
      ),
    );
    expect(rejected).toMatchObject({ status: 422, code: 'import.rejected' });
    expect((rejected.problem.rows as { row: number }[]).map((row) => row.row)).toEqual([3, 4, 6]);
  });
});

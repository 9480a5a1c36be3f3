import jwt from 'jsonwebtoken';
import { LoginAttempt } from '../src/core/auth/entities/login-attempt.entity';
import { createSchool, createUser, TEST_PASSWORD, type TestUser } from './support/factories';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';

describe('authentication', () => {
  let t: TestApp;
  let teacher: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    const school = await createSchool(t);
    teacher = await createUser(t, { roles: [{ role: 'teacher', school }] });
  });
  afterAll(() => t.close());

  const login = (loginName: string, password: string) =>
    t
      .http()
      .post('/v1/auth/login')
      .set('user-agent', 'jest-client')
      .send({ login: loginName, password });

  it('logs in and the access token opens /v1/me with roles per school', async () => {
    const response = await login(teacher.login.toUpperCase(), TEST_PASSWORD).expect(200);
    expect(response.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(response.body.refreshToken).toEqual(expect.any(String));
    const me = await t
      .http()
      .get('/v1/me')
      .set('authorization', `Bearer ${response.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({
      id: teacher.account.id,
      login: teacher.login,
      schools: [
        { schoolId: teacher.grants[0].schoolId, schoolShortName: 'Школа', roles: ['teacher'] },
      ],
      regions: [],
    });
    expect(me.body.lastLoginAt).not.toBeNull();
  });

  it('answers an unknown login exactly like a wrong password, and records both attempts', async () => {
    const wrong = await login(teacher.login, 'not-the-password').expect(401);
    const unknown = await login('nobody-at-all', 'not-the-password').expect(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    expectProblem(wrong, 401, 'auth.invalid_credentials');
    const attempts = await t
      .em()
      .find(LoginAttempt, { login: { $in: [teacher.login, 'nobody-at-all'] } });
    expect(attempts.map((a) => [a.login, a.result, a.userAgent])).toEqual(
      expect.arrayContaining([
        [teacher.login, 'success', 'jest-client'],
        [teacher.login, 'wrong_password', 'jest-client'],
        ['nobody-at-all', 'unknown_login', 'jest-client'],
      ]),
    );
  });

  it('slows down repeated failures for a login, known or unknown alike', async () => {
    for (const name of ['slow-unknown-login', (await createUser(t)).login]) {
      for (let i = 0; i < 3; i++) await login(name, 'wrong-password').expect(401);
      const throttled = await login(name, 'wrong-password');
      const body = expectProblem(throttled, 429, 'auth.too_many_attempts');
      expect(body.retryAfter).toBeGreaterThanOrEqual(1);
      expect(throttled.headers['retry-after']).toBe(String(body.retryAfter));
    }
  });

  it('refuses even the right password while a login is locked', async () => {
    const user = await createUser(t);
    for (let i = 0; i < 3; i++) await login(user.login, 'wrong-password').expect(401);
    expectProblem(await login(user.login, TEST_PASSWORD), 429, 'auth.too_many_attempts');
  });

  it('does not let a burst of parallel guesses slip past the backoff', async () => {
    const user = await createUser(t);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => login(user.login, 'wrong-password')),
    );
    const checked = answers.filter((answer) => answer.status === 401).length;
    expect(checked).toBeLessThanOrEqual(3);
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(12 - checked);
  });

  it('refuses a disabled account with the same answer', async () => {
    const disabled = await createUser(t, { status: 'disabled' });
    expectProblem(await login(disabled.login, TEST_PASSWORD), 401, 'auth.invalid_credentials');
  });

  describe('refresh tokens', () => {
    it('rotates: the new pair works and the old refresh token is used up', async () => {
      const first = (await login(teacher.login, TEST_PASSWORD).expect(200)).body;
      const second = (
        await t
          .http()
          .post('/v1/auth/refresh')
          .send({ refreshToken: first.refreshToken })
          .expect(200)
      ).body;
      expect(second.refreshToken).not.toEqual(first.refreshToken);
      await t.http().get('/v1/me').set('authorization', `Bearer ${second.accessToken}`).expect(200);
      const third = await t
        .http()
        .post('/v1/auth/refresh')
        .send({ refreshToken: second.refreshToken })
        .expect(200);
      expect(third.body.refreshToken).toEqual(expect.any(String));
    });

    it('revokes the whole family when a rotated token is presented again', async () => {
      const first = (await login(teacher.login, TEST_PASSWORD).expect(200)).body;
      const second = (
        await t
          .http()
          .post('/v1/auth/refresh')
          .send({ refreshToken: first.refreshToken })
          .expect(200)
      ).body;
      const reuse = await t
        .http()
        .post('/v1/auth/refresh')
        .send({ refreshToken: first.refreshToken });
      expectProblem(reuse, 401, 'auth.refresh_token_reused');
      // The thief's copy and the legitimate newer token are both dead now.
      expectProblem(
        await t.http().post('/v1/auth/refresh').send({ refreshToken: second.refreshToken }),
        401,
        'auth.refresh_token_invalid',
      );
    });

    it('leaves no usable token when the same refresh token is presented twice at once', async () => {
      for (let trial = 0; trial < 5; trial++) {
        const pair = (await login(teacher.login, TEST_PASSWORD).expect(200)).body;
        const refresh = (token: string) =>
          t.http().post('/v1/auth/refresh').send({ refreshToken: token });
        const answers = await Promise.all([refresh(pair.refreshToken), refresh(pair.refreshToken)]);
        for (const answer of answers.filter((a) => a.status === 200)) {
          expectProblem(await refresh(answer.body.refreshToken), 401, 'auth.refresh_token_invalid');
        }
        expect(answers.some((a) => a.status === 401)).toBe(true);
      }
    });

    it('logout ends the session; an unknown token is refused', async () => {
      const pair = (await login(teacher.login, TEST_PASSWORD).expect(200)).body;
      await t.http().post('/v1/auth/logout').send({ refreshToken: pair.refreshToken }).expect(204);
      expectProblem(
        await t.http().post('/v1/auth/refresh').send({ refreshToken: pair.refreshToken }),
        401,
        'auth.refresh_token_invalid',
      );
      expectProblem(
        await t
          .http()
          .post('/v1/auth/refresh')
          .send({ refreshToken: 'x'.repeat(43) }),
        401,
        'auth.refresh_token_invalid',
      );
    });
  });

  describe('access tokens', () => {
    // Issued on the app's (pinned) clock, which the API checks `exp` against.
    const claims = () => ({
      iat: Math.floor(t.clock.now().getTime() / 1000),
      grants: [['teacher', teacher.grants[0].schoolId, teacher.grants[0].regionId]],
    });
    const options = {
      issuer: 'school-journal',
      audience: 'school-journal-api',
      subject: '',
    } as const;
    const sign = (overrides: jwt.SignOptions = {}, secret = TEST_JWT_SECRET) =>
      jwt.sign(claims(), secret, {
        ...options,
        subject: teacher.account.id,
        expiresIn: 60,
        ...overrides,
      });

    it.each([
      ['signed with another key', () => sign({}, 'another-secret-that-is-long-enough-000000')],
      ['expired', () => sign({ expiresIn: -10 })],
      ['from another issuer', () => sign({ issuer: 'someone-else' })],
      ['for another audience', () => sign({ audience: 'another-api' })],
      [
        'with alg none',
        () =>
          jwt.sign(claims(), '', { ...options, subject: teacher.account.id, algorithm: 'none' }),
      ],
      ['signed with HS512', () => sign({ algorithm: 'HS512' })],
      [
        'without exp (it would never expire)',
        () => jwt.sign(claims(), TEST_JWT_SECRET, { ...options, subject: teacher.account.id }),
      ],
      ['without iat', () => sign({ noTimestamp: true })],
      [
        'issued longer ago than an access token lives, though its exp is later',
        () =>
          jwt.sign({ ...claims(), iat: claims().iat - 3600 }, TEST_JWT_SECRET, {
            ...options,
            subject: teacher.account.id,
            expiresIn: 7200,
          }),
      ],
      ['that is not a JWT', () => 'garbage.token.value'],
    ])('refuses a token %s', async (_, token) => {
      const response = await t.http().get('/v1/me').set('authorization', `Bearer ${token()}`);
      expectProblem(response, 401, 'auth.unauthenticated');
    });

    it('accepts a correctly signed token (control case)', async () => {
      await t.http().get('/v1/me').set('authorization', `Bearer ${sign()}`).expect(200);
    });
  });

  describe('password', () => {
    it('changes with the current password and ends every session', async () => {
      const user = await createUser(t);
      const pair = (await login(user.login, TEST_PASSWORD).expect(200)).body;
      expectProblem(
        await t
          .http()
          .put('/v1/me/password')
          .set(user.auth)
          .send({ currentPassword: 'wrong', newPassword: 'a-brand-new-password' }),
        400,
        'auth.current_password_wrong',
      );
      await t
        .http()
        .put('/v1/me/password')
        .set(user.auth)
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-password' })
        .expect(204);
      await login(user.login, 'a-brand-new-password').expect(200);
      expectProblem(
        await t.http().post('/v1/auth/refresh').send({ refreshToken: pair.refreshToken }),
        401,
        'auth.refresh_token_invalid',
      );
    });

    it('rejects a too short new password, naming the field', async () => {
      const response = await t
        .http()
        .put('/v1/me/password')
        .set(teacher.auth)
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'short' });
      const body = expectProblem(response, 400, 'request.invalid');
      expect(body.errors).toEqual([
        { field: 'newPassword', messages: [expect.stringContaining('10')] },
      ]);
    });
  });
});

import {
  createJournalClient as createSdkClient,
  type components,
  type JournalClient,
} from '../openapi/sdk';
import { contractMiddleware } from './support/contract-hooks';
import { createUser } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

type Account = components['schemas']['AccountDto'];

/** An SDK client whose every answer is also checked against the committed contract. */
function createJournalClient(...args: Parameters<typeof createSdkClient>): JournalClient {
  const client = createSdkClient(...args);
  client.use(contractMiddleware);
  return client;
}

/**
 * A new school's first day, driven through the generated SDK against a listening server:
 * if the contract and the code drift apart, the client breaks here before a user's does.
 */
describe('a new school through the SDK', () => {
  let t: TestApp;
  let baseUrl: string;
  let operator: JournalClient;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = await t.app.getUrl();
    const { token } = await createUser(t, { platformOperator: true });
    operator = createJournalClient(baseUrl, { accessToken: token });
  });
  afterAll(() => t.close());

  it('operator sets up a school, its admin activates, logs in and staffs it, all traced', async () => {
    const suffix = Math.random().toString(36).slice(2, 8);

    // The operator creates the region, the school and the school's first admin.
    const region = await operator.POST('/v1/regions', {
      body: { name: 'Тестовый край', code: `sdk-${suffix}` },
    });
    expect(region.response.status).toBe(201);
    const regionId = region.data!.id;
    const school = await operator.POST('/v1/schools', {
      body: { regionId, name: 'Средняя школа № 7 (SDK)', shortName: 'СШ № 7' },
    });
    expect(school.data).toMatchObject({ regionId, shortName: 'СШ № 7', timeZone: 'Europe/Moscow' });
    const schoolId = school.data!.id;

    const adminLogin = `sdk.admin.${suffix}`;
    const created = await operator.POST('/v1/accounts', {
      body: {
        login: adminLogin,
        displayName: 'Петрова Анна Сергеевна',
        roles: [{ role: 'admin', schoolId }],
      },
    });
    expect(created.data).toMatchObject({
      login: adminLogin,
      status: 'pending',
      roles: [{ role: 'admin', schoolId, regionId }],
    });
    const adminId = created.data!.id;

    const issued = await operator.POST('/v1/accounts/{id}/activation-codes', {
      params: { path: { id: adminId } },
    });
    expect(issued.response.status).toBe(201);
    const { code, expiresAt } = issued.data!;
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(t.clock.now().getTime());

    // The admin, holding only the code, sets a password and logs in.
    const anonymous = createJournalClient(baseUrl);
    const password = 'first-day-password-2026';
    const activated = await anonymous.POST('/v1/auth/activate', {
      body: { login: adminLogin, code, password },
    });
    expect({ status: activated.response.status, error: activated.error }).toEqual({
      status: 204,
      error: undefined,
    });
    const reused = await anonymous.POST('/v1/auth/activate', {
      body: { login: adminLogin, code, password: 'another-password-2026' },
    });
    // The code is single use: the SDK hands back the problem document, typed.
    expect(reused.error).toMatchObject({ status: 400, code: 'auth.activation_code_invalid' });

    const login = await anonymous.POST('/v1/auth/login', {
      body: { login: adminLogin, password },
    });
    expect(login.data).toMatchObject({ tokenType: 'Bearer' });
    const admin = createJournalClient(baseUrl, { accessToken: login.data!.accessToken });

    const me = await admin.GET('/v1/me');
    expect(me.data).toMatchObject({
      id: adminId,
      login: adminLogin,
      status: 'active',
      isPlatformOperator: false,
      schools: [{ schoolId, regionId, schoolName: 'Средняя школа № 7 (SDK)', roles: ['admin'] }],
      regions: [],
    });

    // The admin creates a teacher; a retry with the same key replays the first answer.
    const teacherLogin = `sdk.teacher.${suffix}`;
    const createTeacher = () =>
      admin.POST('/v1/accounts', {
        params: { header: { 'Idempotency-Key': `teacher-${suffix}` } },
        body: {
          login: teacherLogin,
          displayName: 'Смирнов Игорь Олегович',
          email: `igor.${suffix}@school7.example`,
          roles: [{ role: 'teacher', schoolId }],
        },
      });
    const first = await createTeacher();
    expect(first.response.status).toBe(201);
    expect(first.response.headers.get('idempotent-replayed')).toBeNull();
    const teacher: Account = first.data!;
    expect(teacher).toMatchObject({ login: teacherLogin, status: 'pending' });

    const replay = await createTeacher();
    expect(replay.response.status).toBe(201);
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.data!.id).toBe(teacher.id);

    // The list, walked page by page through its cursor, holds the teacher exactly once.
    const listed: Account[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.GET('/v1/accounts', {
        params: { query: { limit: 1, ...(cursor ? { cursor } : {}) } },
      });
      expect(page.response.status).toBe(200);
      listed.push(...page.data!.items);
      cursor = page.data!.nextCursor ?? undefined;
    } while (cursor && listed.length < 20);
    expect(listed.filter((account) => account.id === teacher.id)).toEqual([
      expect.objectContaining({
        login: teacherLogin,
        displayName: 'Смирнов Игорь Олегович',
        roles: [expect.objectContaining({ role: 'teacher', schoolId })],
      }),
    ]);
    expect(listed.map((account) => account.login).sort()).toEqual(
      [adminLogin, teacherLogin].sort(),
    );

    // The audit trail shows the admin created the teacher, once despite the retry.
    const audit = await admin.GET('/v1/audit-events', {
      params: { query: { entityId: teacher.id } },
    });
    expect(audit.response.status).toBe(200);
    const creations = audit.data!.items.filter((event) => event.action === 'create');
    expect(creations).toEqual([
      expect.objectContaining({
        entity: 'Account',
        entityId: teacher.id,
        actorId: adminId,
        schoolId,
      }),
    ]);
    expect(creations[0].after).toMatchObject({ login: teacherLogin });
  });
});

import { ActivationCode } from '../src/core/auth/entities/activation-code.entity';
import { AuditEvent } from '../src/core/audit/audit-event.entity';
import type { School } from '../src/core/tenancy/entities/school.entity';
import {
  createRegion,
  createSchool,
  createUser,
  TEST_PASSWORD,
  type TestUser,
} from './support/factories';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

describe('account management by a school admin', () => {
  let t: TestApp;
  let school: School;
  let otherSchool: School;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    const region = await createRegion(t);
    school = await createSchool(t, region, 'A');
    otherSchool = await createSchool(t, region, 'B');
    admin = await createUser(t, { roles: [{ role: 'admin', school }] });
  });
  afterAll(() => t.close());

  const issueCode = (user: TestUser) =>
    t.http().post(`/v1/accounts/${user.account.id}/activation-codes`).set(admin.auth);
  const activate = (login: string, code: string, password = 'a-fresh-password-1') =>
    t.http().post('/v1/auth/activate').send({ login, code, password });

  describe('password reset with a one-time activation code', () => {
    it('lets the holder set a new password; the code then stops working', async () => {
      const teacher = await createUser(t, { roles: [{ role: 'teacher', school }] });
      const issued = await issueCode(teacher).expect(201);
      expect(issued.body.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      await activate(teacher.login, issued.body.code.toLowerCase()).expect(204);
      await t
        .http()
        .post('/v1/auth/login')
        .send({ login: teacher.login, password: 'a-fresh-password-1' })
        .expect(200);
      expectProblem(
        await t
          .http()
          .post('/v1/auth/login')
          .send({ login: teacher.login, password: TEST_PASSWORD }),
        401,
        'auth.invalid_credentials',
      );
      expectProblem(
        await activate(teacher.login, issued.body.code),
        400,
        'auth.activation_code_invalid',
      );
    });

    it('voids the previous code when a new one is issued', async () => {
      const teacher = await createUser(t, { roles: [{ role: 'teacher', school }] });
      const first = (await issueCode(teacher).expect(201)).body.code as string;
      const second = (await issueCode(teacher).expect(201)).body.code as string;
      expectProblem(await activate(teacher.login, first), 400, 'auth.activation_code_invalid');
      await activate(teacher.login, second).expect(204);
    });

    it('refuses an expired code, and a code for another login', async () => {
      const teacher = await createUser(t, { roles: [{ role: 'teacher', school }] });
      const other = await createUser(t, { roles: [{ role: 'teacher', school }] });
      const code = (await issueCode(teacher).expect(201)).body.code as string;
      expectProblem(await activate(other.login, code), 400, 'auth.activation_code_invalid');
      await t
        .em()
        .nativeUpdate(
          ActivationCode,
          { account: teacher.account.id },
          { expiresAt: new Date(t.clock.now().getTime() - 1000) },
        );
      expectProblem(await activate(teacher.login, code), 400, 'auth.activation_code_invalid');
    });

    it('accepts a code once even when redeemed twice at the same moment', async () => {
      const teacher = await createUser(t, { roles: [{ role: 'teacher', school }] });
      const code = (await issueCode(teacher).expect(201)).body.code as string;
      const results = await Promise.all([
        activate(teacher.login, code, 'first-password-1'),
        activate(teacher.login, code, 'second-password-2'),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([204, 400]);
    });

    it('refuses to issue a code for a disabled account', async () => {
      const teacher = await createUser(t, {
        roles: [{ role: 'teacher', school }],
        status: 'disabled',
      });
      expectProblem(await issueCode(teacher), 409, 'resource.conflict');
    });

    it('files the reset and the activation in the school’s audit trail, the holder as actor', async () => {
      const teacher = await createUser(t, { roles: [{ role: 'teacher', school }] });
      const code = (await issueCode(teacher).expect(201)).body.code as string;
      await activate(teacher.login, code).expect(204);
      const events = await t
        .http()
        .get(`/v1/audit-events?entityId=${teacher.account.id}`)
        .set(admin.auth)
        .expect(200);
      expect(events.body.items).toEqual([
        expect.objectContaining({
          entity: 'Account',
          action: 'update',
          actorId: teacher.account.id,
          schoolId: school.id,
          after: { passwordChangedAt: expect.any(String) },
        }),
      ]);
      const issued = await t
        .em()
        .find(AuditEvent, { entity: 'ActivationCode', actorId: admin.account.id });
      expect(issued.length).toBeGreaterThan(0);
      expect(
        issued.every(
          (event) =>
            event.schoolId === school.id && !JSON.stringify(event.after).includes('codeHash'),
        ),
      ).toBe(true);
    });
  });

  describe('roles in a school', () => {
    it('replaces an account’s roles in the admin’s school', async () => {
      const teacher = await createUser(t, { roles: [{ role: 'teacher', school }] });
      const both = await t
        .http()
        .put(`/v1/accounts/${teacher.account.id}/roles`)
        .set(admin.auth)
        .send({ schoolId: school.id, roles: ['teacher', 'deputy'] })
        .expect(200);
      expect(both.body.roles.map((r: { role: string }) => r.role).sort()).toEqual([
        'deputy',
        'teacher',
      ]);
      const deputyOnly = await t
        .http()
        .put(`/v1/accounts/${teacher.account.id}/roles`)
        .set(admin.auth)
        .send({ schoolId: school.id, roles: ['deputy'] })
        .expect(200);
      expect(deputyOnly.body.roles).toEqual([
        { role: 'deputy', schoolId: school.id, regionId: school.regionId },
      ]);
    });

    it('answers with the account even when its last role here is removed', async () => {
      const leaver = await createUser(t, { roles: [{ role: 'technical', school }] });
      const response = await t
        .http()
        .put(`/v1/accounts/${leaver.account.id}/roles`)
        .set(admin.auth)
        .send({ schoolId: school.id, roles: [] })
        .expect(200);
      expect(response.body).toMatchObject({ id: leaver.account.id, roles: [] });
    });

    it('refuses to remove the caller’s own admin role', async () => {
      const response = await t
        .http()
        .put(`/v1/accounts/${admin.account.id}/roles`)
        .set(admin.auth)
        .send({ schoolId: school.id, roles: ['teacher'] });
      expectProblem(response, 409, 'resource.conflict');
      const me = await t.http().get('/v1/me').set(admin.auth).expect(200);
      expect(me.body.schools[0].roles).toEqual(['admin']);
    });

    it('refuses to touch roles in another school without naming them', async () => {
      const shared = await createUser(t, {
        roles: [
          { role: 'teacher', school },
          { role: 'medical', school: otherSchool },
        ],
      });
      const response = await t
        .http()
        .put(`/v1/accounts/${shared.account.id}/roles`)
        .set(admin.auth)
        .send({ schoolId: otherSchool.id, roles: [] });
      const body = expectProblem(response, 403, 'access.forbidden');
      expect(JSON.stringify(body)).not.toContain('medical');
    });
  });

  it('never lets a school admin see or reset a platform operator, whatever roles it holds', async () => {
    const operator = await createUser(t, {
      platformOperator: true,
      roles: [{ role: 'teacher', school }],
    });
    await t.http().get(`/v1/accounts/${operator.account.id}`).set(admin.auth).expect(404);
    expectProblem(await issueCode(operator), 404, 'resource.not_found');
    const list = await t.http().get('/v1/accounts?limit=200').set(admin.auth).expect(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(operator.account.id);
  });

  it('refuses null for a field a PATCH may only omit, naming it', async () => {
    const teacher = await createUser(t, { roles: [{ role: 'teacher', school }] });
    const account = await t
      .http()
      .patch(`/v1/accounts/${teacher.account.id}`)
      .set(admin.auth)
      .send({ displayName: null });
    expect(expectProblem(account, 400, 'request.invalid').errors).toEqual([
      expect.objectContaining({ field: 'displayName' }),
    ]);
    const schoolPatch = await t
      .http()
      .patch(`/v1/schools/${school.id}`)
      .set(admin.auth)
      .send({ name: null });
    expect(expectProblem(schoolPatch, 400, 'request.invalid').errors).toEqual([
      expect.objectContaining({ field: 'name' }),
    ]);
  });
});

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { AuditEvent } from '../src/core/audit/audit-event.entity';
import type { School } from '../src/core/tenancy/entities/school.entity';
import { createSchool, createUser, type TestUser } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

describe('audit trail', () => {
  let t: TestApp;
  let school: School;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    school = await createSchool(t);
    admin = await createUser(t, { roles: [{ role: 'admin', school }] });
  });
  afterAll(() => t.close());

  it('records who created an account, in which request and school, with its values', async () => {
    const created = await t
      .http()
      .post('/v1/accounts')
      .set(admin.auth)
      .set('x-request-id', 'audit-create-0001')
      .send({
        login: 'audited.teacher',
        displayName: 'Смирнова Анна',
        roles: [{ role: 'teacher', schoolId: school.id }],
      })
      .expect(201);
    const events = await t
      .em()
      .find(AuditEvent, { requestId: 'audit-create-0001' }, { orderBy: { entity: 'asc' } });
    expect(events.map((e) => [e.entity, e.action, e.actorId, e.schoolId])).toEqual([
      ['Account', 'create', admin.account.id, school.id],
      ['RoleAssignment', 'create', admin.account.id, school.id],
    ]);
    expect(events[0]).toMatchObject({
      entityId: created.body.id,
      before: null,
      after: expect.objectContaining({
        login: 'audited.teacher',
        displayName: 'Смирнова Анна',
        status: 'pending',
      }),
    });
  });

  it('records the old and new values and the reason of a change, never a password hash', async () => {
    const victim = await createUser(t, { roles: [{ role: 'teacher', school }] });
    await t
      .http()
      .post(`/v1/accounts/${victim.account.id}/disable`)
      .set(admin.auth)
      .send({ reason: 'Уволен, приказ № 45-к' })
      .expect(200);
    const [event] = await t
      .em()
      .find(AuditEvent, { entityId: victim.account.id, action: 'update' });
    expect(event).toMatchObject({
      actorId: admin.account.id,
      before: { status: 'active' },
      after: { status: 'disabled' },
      reason: 'Уволен, приказ № 45-к',
    });
    const everything = JSON.stringify(await t.em().find(AuditEvent, {}));
    expect(everything).not.toMatch(/argon2|passwordHash|codeHash/);
  });

  it('lists events through the API with filters, newest first', async () => {
    const victim = await createUser(t, { roles: [{ role: 'teacher', school }] });
    await t
      .http()
      .patch(`/v1/accounts/${victim.account.id}`)
      .set(admin.auth)
      .send({ displayName: 'Первое' })
      .expect(200);
    await t
      .http()
      .patch(`/v1/accounts/${victim.account.id}`)
      .set(admin.auth)
      .send({ displayName: 'Второе' })
      .expect(200);
    const list = await t
      .http()
      .get(
        `/v1/audit-events?entity=Account&entityId=${victim.account.id}&action=update&actorId=${admin.account.id}`,
      )
      .set(admin.auth)
      .expect(200);
    expect(list.body.items.map((e: AuditEvent) => e.after)).toEqual([
      { displayName: 'Второе' },
      { displayName: 'Первое' },
    ]);
    const future = await t
      .http()
      .get(`/v1/audit-events?from=2999-01-01T00:00:00Z`)
      .set(admin.auth)
      .expect(200);
    expect(future.body.items).toEqual([]);
  });

  it('cannot be changed or deleted by an application role granted ordinary write rights', async () => {
    const connection = t.em().getConnection();
    const role = `journal_app_${randomBytes(6).toString('hex')}`;
    await connection.execute(`create role ${role}`);
    await connection.execute(
      `grant select, insert, update, delete on all tables in schema public to ${role}`,
    );
    const client = new Client({ connectionString: t.config.databaseUrl });
    await client.connect();
    try {
      await client.query(`set role ${role}`);
      const before = Number(
        (await client.query('select count(*) from audit_events')).rows[0].count,
      );
      expect(before).toBeGreaterThan(0);
      await expect(client.query('delete from audit_events')).rejects.toThrow(/append-only/);
      await expect(client.query(`update audit_events set reason = 'forged'`)).rejects.toThrow(
        /append-only/,
      );
      expect(Number((await client.query('select count(*) from audit_events')).rows[0].count)).toBe(
        before,
      );
    } finally {
      await client.end();
      await connection.execute(`drop owned by ${role}`);
      await connection.execute(`drop role ${role}`);
    }
  });

  it('cannot be changed or deleted through the application’s own database connection', async () => {
    const connection = t.em().getConnection();
    const before = await t.em().count(AuditEvent, {});
    expect(before).toBeGreaterThan(0);
    await expect(connection.execute('delete from audit_events')).rejects.toThrow(/append-only/);
    await expect(connection.execute(`update audit_events set reason = 'forged'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(connection.execute('truncate audit_events')).rejects.toThrow(/append-only/);
    expect(await t.em().count(AuditEvent, {})).toBe(before);
    expect(await t.em().count(AuditEvent, { reason: 'forged' })).toBe(0);
  });
});

import { IsolationLevel, type EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { RetryingEntityManager } from '../src/core/database/retrying-entity-manager';
import { toProblem } from '../src/core/http/problem-mapping';
import { createJournalWorld, type JournalWorld } from './support/journal-fixtures';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Races and refusals of the real PostgreSQL: each is a stable problem document, never a 500,
 * and never shows SQL. A second connection plays the other party of each race.
 */
describe('database errors', () => {
  let t: TestApp;
  let w: JournalWorld;
  let other: Client;
  let observer: Client;

  beforeAll(async () => {
    t = await startTestApp();
    w = await createJournalWorld(t);
    other = new Client({ connectionString: t.config.databaseUrl });
    observer = new Client({ connectionString: t.config.databaseUrl });
    await Promise.all([other.connect(), observer.connect()]);
    await other.query(
      `create table race_probe (id int primary key, v int not null);
       insert into race_probe values (1, 0), (2, 0);
       create table overlap_probe (during int4range, exclude using gist (during with &&));
       create table value_probe (short varchar(2))`,
    );
  });
  afterAll(async () => {
    await Promise.all([other.end(), observer.end()]);
    await t.close();
  });

  const databaseName = () => new URL(t.config.databaseUrl).pathname.slice(1);

  /** The process id of a session of the test database that waits for a lock. */
  async function lockWaiter(): Promise<number> {
    for (let i = 0; i < 400; i++) {
      const { rows } = await observer.query<{ pid: number }>(
        `select pid from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'`,
        [databaseName()],
      );
      if (rows.length > 0) return rows[0].pid;
      await sleep(25);
    }
    throw new Error('no session waited for a lock');
  }

  /** What a client would read for `error`, checked to reveal no SQL. */
  function problemOf(error: unknown) {
    const problem = toProblem(error, '/v1/test', 'req-1');
    expect(JSON.stringify(problem)).not.toMatch(/select|insert|update |delete|\[3,8\)|\$\d/i);
    return problem;
  }

  async function failureOf(sql: string, params: unknown[] = []): Promise<unknown> {
    return t
      .em()
      .getConnection()
      .execute(sql, params)
      .then(
        () => {
          throw new Error(`${sql} did not fail`);
        },
        (error: unknown) => error,
      );
  }

  const markFor = (studentIndex: number) => ({
    studentId: w.students[studentIndex].id,
    markTypeId: w.markTypes['Ответ на уроке'].id,
    value: '5',
  });

  it('answers 422 reference.missing when the lesson of a mark is removed meanwhile', async () => {
    const lesson = w.mathLessons[3];
    await other.query('begin');
    await other.query('delete from lessons where id = $1', [lesson.id]);
    // The teacher's request reads the lesson (the removal is not committed yet), then
    // waits for the removing transaction at the foreign key, which then commits.
    const answer = t
      .http()
      .post(`/v1/lessons/${lesson.id}/marks`)
      .set(w.teacher.user.auth)
      .send(markFor(0))
      .then((response) => response);
    await lockWaiter();
    await other.query('commit');
    const response = await answer;
    const body = expectProblem(response, 422, 'reference.missing');
    expect(body.detail).toBe(
      'An object the request refers to does not exist (it may have just been removed) (marks_lesson_id_foreign).',
    );
    expect(JSON.stringify(body)).not.toMatch(/insert|lesson_id =|\$\d/i);
  });

  it('maps the other refusals of constraints, with our constraint names only', async () => {
    const lesson = w.mathLessons[0];
    await t
      .http()
      .post(`/v1/lessons/${lesson.id}/marks`)
      .set(w.teacher.user.auth)
      .send(markFor(1))
      .expect(201);
    expect(
      problemOf(await failureOf('delete from lessons where id = ?', [lesson.id])),
    ).toMatchObject({
      status: 409,
      code: 'conflict.referenced',
      detail:
        'Other objects still refer to this one, so it cannot be removed (marks_lesson_id_foreign).',
    });
    const markType = w.markTypes['Ответ на уроке'].id;
    expect(
      problemOf(await failureOf('update mark_types set weight = 11 where id = ?', [markType])),
    ).toMatchObject({
      status: 422,
      code: 'constraint.violated',
      detail: 'The change breaks a rule of the stored data (mark_types_weight_range).',
    });
    await t.em().getConnection().execute(`insert into overlap_probe values ('[1,5)')`);
    expect(problemOf(await failureOf(`insert into overlap_probe values ('[3,8)')`))).toMatchObject({
      status: 409,
      code: 'conflict.overlap',
    });
  });

  it.each([
    ['22P02', `select 'not-a-uuid'::uuid`, 'A value is not valid for its type'],
    ['22003', `select 1000::numeric(4,2)`, 'A number is out of the range'],
    ['22001', `insert into value_probe values ('abc')`, 'A text is longer'],
    ['22007', `select 'someday'::date`, 'A date or time is not valid'],
    ['22008', `select '2026-02-30'::date`, 'A date or time is out of range'],
    ['22021', `select convert_from('\\xff'::bytea, 'UTF8')`, 'A text holds a character'],
  ])(
    'answers a value the database refuses (%s) with 400 request.value_rejected',
    async (sqlState, sql, detail, params: unknown[] = []) => {
      const error = await failureOf(sql, params);
      expect((error as { code?: string }).code).toBe(sqlState);
      const problem = problemOf(error);
      expect(problem).toMatchObject({ status: 400, code: 'request.value_rejected' });
      expect(problem.detail).toContain(detail);
      expect(problem.detail).toMatch(/Nothing was stored\.$/);
    },
  );

  it('answers 503 service.busy with Retry-After when a request is cancelled waiting for a lock', async () => {
    const lesson = w.mathLessons[1];
    await other.query('begin');
    await other.query('select id from lessons where id = $1 for update', [lesson.id]);
    try {
      const answer = t
        .http()
        .put(`/v1/lessons/${lesson.id}/marks`)
        .set(w.teacher.user.auth)
        .send({ marks: [markFor(2)] })
        .then((response) => response);
      // As statement_timeout would: the waiting statement is cancelled (57014).
      await observer.query('select pg_cancel_backend($1)', [await lockWaiter()]);
      const response = await answer;
      const body = expectProblem(response, 503, 'service.busy');
      expect(response.headers['retry-after']).toBe('1');
      expect(body).toMatchObject({
        retryAfter: 1,
        detail: 'The database was too busy to finish in time; nothing was changed. Retry shortly.',
      });
    } finally {
      await other.query('rollback');
    }
    const marks = await t.http().get(`/v1/lessons/${lesson.id}/marks`).set(w.teacher.user.auth);
    expect(marks.body).toMatchObject({ items: [] });
  });

  it('answers a lock timeout with 503 service.busy too', async () => {
    await other.query('begin');
    await other.query('select * from race_probe where id = 1 for update');
    try {
      const error = await t
        .em()
        .transactional(async (em) => {
          await em.execute(`set local lock_timeout = '50ms'`);
          await em.execute('update race_probe set v = v + 1 where id = 1');
        })
        .catch((e: unknown) => e);
      expect((error as { code?: string }).code).toBe('55P03');
      expect(problemOf(error)).toMatchObject({ status: 503, code: 'service.busy', retryAfter: 1 });
    } finally {
      await other.query('rollback');
    }
  });

  describe('a transaction that loses a race (deadlock, serialization failure)', () => {
    /**
     * The other connection takes row 1 and waits for row 2, which the transaction holds; the
     * transaction then wants row 1. Its short deadlock_timeout makes it the one PostgreSQL
     * rolls back (40P01); the other one then commits.
     */
    async function deadlockOnce(em: EntityManager): Promise<{ otherDone: Promise<unknown> }> {
      await em.execute(`set local deadlock_timeout = '50ms'`);
      await em.execute('update race_probe set v = v + 1 where id = 2');
      await other.query('begin');
      await other.query('update race_probe set v = v + 10 where id = 1');
      const otherDone = other
        .query('update race_probe set v = v + 10 where id = 2')
        .then(() => other.query('commit'));
      await lockWaiter();
      return { otherDone };
    }

    const values = async () =>
      (await observer.query<{ v: number }>('select v from race_probe order by id')).rows.map(
        (row) => row.v,
      );

    beforeEach(() => observer.query('update race_probe set v = 0'));

    it('is run again, and succeeds, with nothing of the lost attempt kept', async () => {
      const em = t.em();
      expect(em).toBeInstanceOf(RetryingEntityManager);
      let attempts = 0;
      let otherDone: Promise<unknown> = Promise.resolve();
      const result = await em.transactional(async (tx) => {
        attempts += 1;
        if (attempts === 1) ({ otherDone } = await deadlockOnce(tx));
        else await tx.execute('update race_probe set v = v + 1 where id = 2');
        await tx.execute('update race_probe set v = v + 1 where id = 1');
        return `done in attempt ${attempts}`;
      });
      await otherDone;
      expect(result).toBe('done in attempt 2');
      // The other transaction's +10 on each row, and this one's +1 once (not twice).
      expect(await values()).toEqual([11, 11]);
    });

    it('is run again after a serialization failure (40001) too', async () => {
      let attempts = 0;
      const result = await t.em().transactional(
        async (tx) => {
          attempts += 1;
          await tx.execute('select v from race_probe where id = 1');
          // Committed after this transaction's snapshot was taken: its update cannot serialize.
          if (attempts === 1) await other.query('update race_probe set v = v + 10 where id = 1');
          await tx.execute('update race_probe set v = v + 1 where id = 1');
          return attempts;
        },
        { isolationLevel: IsolationLevel.REPEATABLE_READ },
      );
      expect(result).toBe(2);
      expect(await values()).toEqual([11, 0]);
    });

    it('gives up after 3 attempts: 503 service.busy with Retry-After, nothing changed', async () => {
      let attempts = 0;
      const others: Promise<unknown>[] = [];
      const error = await t
        .em()
        .transactional(async (tx) => {
          attempts += 1;
          others.push((await deadlockOnce(tx)).otherDone);
          await tx.execute('update race_probe set v = v + 1 where id = 1');
        })
        .catch((e: unknown) => e);
      await Promise.all(others);
      expect(attempts).toBe(3);
      expect((error as { code?: string }).code).toBe('40P01');
      expect(problemOf(error)).toMatchObject({
        status: 503,
        code: 'service.busy',
        retryAfter: 1,
        detail: 'Concurrent changes kept colliding; nothing was changed. Retry shortly.',
      });
      expect(await values()).toEqual([30, 30]);
    });
  });
});

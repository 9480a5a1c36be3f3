import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { Clock, type PinnedClock } from '../src/core/clock/clock';
import { Report } from '../src/modules/reports/entities/report.entity';
import { ReportRetentionService } from '../src/modules/reports/jobs/report-retention.service';
import { JobName } from '../src/core/queue/jobs';
import { QueueService } from '../src/core/queue/queue.service';
import { createJournalWorld, type JournalWorld } from './support/journal-fixtures';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';
import { TEST_REDIS_URL } from './support/test-env';
import { eventually, startTestWorker } from './support/workers';

/** A lock of 2 s: a killed worker's job is taken over in seconds, not half a minute. */
const LOCK_SECONDS = '2';

/** The compiled worker as its own process, ready once it says it processes the queue. */
async function spawnWorker(t: TestApp): Promise<ChildProcess> {
  const script = join(__dirname, '..', 'dist', 'worker.js');
  if (!existsSync(script)) throw new Error(`${script} is missing: run "npm run build" first`);
  const child = spawn(process.execPath, [script], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: t.config.databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: t.config.redisPrefix,
      JWT_SECRET: TEST_JWT_SECRET,
      REPORTS_DIR: t.config.reports.directory,
      BACKUP_DIRS: t.config.backup.directories.join(','),
      WORKER_LOCK_SECONDS: LOCK_SECONDS,
      CLOCK_PINNED_AT: t.clock.now().toISOString(),
    },
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker not ready:\n${output}`)), 20000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/processing queue/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
  return child;
}

describe('report jobs', () => {
  let t: TestApp;
  let w: JournalWorld;
  const body = () => ({
    type: 'class-results',
    format: 'pdf',
    params: { classId: w.schoolClass.id, studyPeriodId: w.periods[0].id },
  });
  const reportOf = (id: string) => t.http().get(`/v1/reports/${id}`).set(w.deputy.auth).expect(200);

  beforeAll(async () => {
    t = await startTestApp({ WORKER_LOCK_SECONDS: LOCK_SECONDS, REPORTS_PER_SCHOOL: '1' });
    w = await createJournalWorld(t);
  });
  afterAll(() => t.close());

  it('a worker killed (SIGKILL) in the middle of a report: the next worker finishes it', async () => {
    // The report stops at its read of period marks while the test holds this lock.
    const blocker = new Client({ connectionString: t.config.databaseUrl });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('lock table period_marks in access exclusive mode');
    let next: INestApplicationContext | undefined;
    try {
      const first = await spawnWorker(t);
      const asked = await t.http().post('/v1/reports').set(w.deputy.auth).send(body()).expect(202);
      const id = asked.body.id as string;
      await eventually(async () =>
        (await reportOf(id)).body.status === 'running' ? true : undefined,
      );
      const exited = new Promise((resolve) => first.on('exit', resolve));
      first.kill('SIGKILL');
      await exited;
      next = await startTestWorker(t.config);
      await blocker.query('commit');
      const done = await eventually(async () => {
        const report = (await reportOf(id)).body as { status: string };
        return report.status === 'done' ? report : undefined;
      });
      expect(done).toMatchObject({ status: 'done', progress: 100 });
      expect((await t.em().findOneOrFail(Report, id)).attempts).toBe(2);
      await t.http().get(`/v1/reports/${id}/file`).set(w.deputy.auth).expect(200);
    } finally {
      await blocker.end();
      await next?.close();
    }
  });

  it('runs one report of a school at a time when REPORTS_PER_SCHOOL is 1', async () => {
    const blocker = new Client({ connectionString: t.config.databaseUrl });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('lock table period_marks in access exclusive mode');
    const worker = await startTestWorker(t.config);
    try {
      const ids: string[] = [];
      for (const format of ['json', 'csv', 'xlsx']) {
        const asked = await t
          .http()
          .post('/v1/reports')
          .set(w.deputy.auth)
          .send({ ...body(), format });
        ids.push(asked.body.id as string);
      }
      await eventually(async () =>
        (await t.em().count(Report, { id: { $in: ids }, status: 'running' })) === 1
          ? true
          : undefined,
      );
      // The worker could run all three (concurrency 4), but the school has one slot.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await t.em().count(Report, { id: { $in: ids }, status: 'running' })).toBe(1);
      await blocker.query('commit');
      await eventually(async () =>
        (await t.em().count(Report, { id: { $in: ids }, status: 'done' })) === 3 ? true : undefined,
      );
    } finally {
      await blocker.end();
      await worker.close();
    }
  });

  it('a report whose build fails says why, and the file answers 409 report.not_ready', async () => {
    const worker = await startTestWorker(t.config);
    try {
      // A row whose study period is gone (as if deleted after the request), queued with a
      // single attempt so the failure is final.
      const em = t.em();
      const report = em.create(Report, {
        schoolId: w.school.id,
        type: 'class-results',
        format: 'json',
        params: {
          classId: w.schoolClass.id,
          studyPeriodId: '01936f0e-7c1a-7d3e-9a51-2f4b8c0d1e99',
        },
        requestedBy: w.deputy.account.id,
        cacheKey: 'test-failing-report',
        fileName: 'Отчёт.json',
      });
      await em.flush();
      await worker
        .get(QueueService)
        .enqueue(JobName.BuildReport, { reportId: report.id }, { jobId: report.id, attempts: 1 });
      const failed = await eventually(async () => {
        const got = (await reportOf(report.id)).body as { status: string };
        return got.status === 'failed' ? got : undefined;
      });
      expect(failed).toMatchObject({
        status: 'failed',
        problem: {
          code: 'report.failed',
          title: 'The report could not be built',
          detail: expect.stringContaining('StudyPeriod not found'),
        },
      });
      const file = expectProblem(
        await t.http().get(`/v1/reports/${report.id}/file`).set(w.deputy.auth),
        409,
        'report.not_ready',
      );
      expect(file.detail).toMatch(/failed and has no file: StudyPeriod not found/);
    } finally {
      await worker.close();
    }
  });

  it('deletes files past their retention: the report turns expired and its file 410', async () => {
    const worker = await startTestWorker(t.config);
    try {
      const asked = await t
        .http()
        .post('/v1/reports')
        .set(w.deputy.auth)
        .send({ ...body(), format: 'csv' });
      const id = asked.body.id as string;
      const done = await eventually(async () => {
        const report = (await reportOf(id)).body as { status: string; expiresAt: string };
        return report.status === 'done' ? report : undefined;
      });
      // Kept seven days (REPORTS_RETENTION_DAYS); the worker's clock then moves past that.
      expect(Date.parse(done.expiresAt) - t.clock.now().getTime()).toBeGreaterThan(
        7 * 24 * 3600 * 1000 - 60_000,
      );
      worker
        .get<Clock, PinnedClock>(Clock)
        .set(new Date(Date.parse(done.expiresAt) + 60_000).toISOString());
      // As the hourly job runs it: in a context of its own.
      const outcome = await RequestContext.create(worker.get(MikroORM).em, () =>
        worker.get(ReportRetentionService).purge(),
      );
      expect(outcome.expired).toBeGreaterThanOrEqual(1);
      expect((await reportOf(id)).body.status).toBe('expired');
      expectProblem(
        await t.http().get(`/v1/reports/${id}/file`).set(w.deputy.auth),
        410,
        'report.expired',
      );
    } finally {
      await worker.close();
    }
  });
});

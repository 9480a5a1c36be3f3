import type { INestApplicationContext } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { JobName } from '../src/core/queue/jobs';
import { QueueService } from '../src/core/queue/queue.service';
import { stagingDirectoryFor } from '../src/modules/backups/backup-runner.service';
import type { School } from '../src/core/tenancy/entities/school.entity';
import { backupFinished, eventually, startTestWorker } from './support/workers';
import { createSchool, createUser, type TestUser } from './support/factories';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';
import { TEST_REDIS_URL } from './support/test-env';

describe('backups under failure and concurrency', () => {
  let t: TestApp;
  let school: School;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    school = await createSchool(t);
    admin = await createUser(t, { roles: [{ role: 'admin', school }] });
  });
  afterAll(() => t.close());

  const filesIn = async (directory: string) =>
    (await readdir(directory).catch(() => [] as string[])).sort();
  const request = async () =>
    (await t.http().post('/v1/backups').set(admin.auth).expect(202)).body.id as string;

  it('a worker killed mid-backup leaves no file taken for a backup, and the next run succeeds', async () => {
    // Enough rows that pg_dump takes a while.
    await t
      .em()
      .getConnection()
      .execute(
        `insert into login_attempts (id, login, result, occurred_at)
       select gen_random_uuid(), 'bulk-' || g, 'wrong_password', now() from generate_series(1, 1500000) g`,
      );
    const child = spawn(process.execPath, [join(__dirname, '..', 'dist', 'worker.js')], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: t.config.databaseUrl,
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: t.config.redisPrefix,
        JWT_SECRET: TEST_JWT_SECRET,
        BACKUP_DIRS: t.config.backup.directories.join(','),
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const killedId = await request();
    const [primary, secondary] = t.config.backup.directories;
    const staging = stagingDirectoryFor(t.config.databaseUrl);
    await eventually(async () =>
      (await filesIn(staging)).some((f) => f.endsWith('.partial')) ? true : undefined,
    );
    child.kill('SIGKILL');
    await exited;

    const afterKill = [...(await filesIn(primary)), ...(await filesIn(secondary))];
    expect(afterKill.filter((f) => f.endsWith('.dump'))).toEqual([]);
    const killed = await t.http().get(`/v1/backups/${killedId}`).set(admin.auth).expect(200);
    expect(killed.body.status).toBe('running');
    expect((await t.http().get('/health').expect(200)).body.checks.backups.status).toBe('degraded');

    const worker = await startTestWorker(t.config);
    try {
      const next = await backupFinished(t, admin.auth, await request());
      expect(next.status).toBe('succeeded');
      const interrupted = await t.http().get(`/v1/backups/${killedId}`).set(admin.auth).expect(200);
      expect(interrupted.body).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/interrupted/),
      });
      expect((await filesIn(staging)).filter((f) => f.endsWith('.partial'))).toEqual([]);
      for (const directory of [primary, secondary]) {
        const files = await filesIn(directory);
        expect(files.filter((f) => f.endsWith('.partial'))).toEqual([]);
        expect(files.filter((f) => f.endsWith('.dump'))).toHaveLength(1);
      }
    } finally {
      await worker.close();
      await t.em().getConnection().execute(`delete from login_attempts where login like 'bulk-%'`);
    }
  }, 120000);

  it('two workers, started together and restarted, keep one schedule and never run two backups at once', async () => {
    let workers: INestApplicationContext[] = [];
    try {
      for (let round = 0; round < 3; round++) {
        await Promise.all(workers.map((worker) => worker.close()));
        workers = await Promise.all([startTestWorker(t.config), startTestWorker(t.config)]);
      }
      const schedulers = await workers[0].get(QueueService).bullQueue.getJobSchedulers();
      expect(schedulers.filter((s) => s.name === String(JobName.ScheduledBackup))).toHaveLength(1);

      const ids = await Promise.all([request(), request(), request(), request()]);
      const backups = await Promise.all(ids.map((id) => backupFinished(t, admin.auth, id)));
      expect(backups.map((b) => b.status)).toEqual([
        'succeeded',
        'succeeded',
        'succeeded',
        'succeeded',
      ]);
      const runs = backups
        .map((b) => [Date.parse(b.startedAt as string), Date.parse(b.finishedAt as string)])
        .sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < runs.length; i++)
        expect(runs[i][0]).toBeGreaterThanOrEqual(runs[i - 1][1]);
    } finally {
      await Promise.all(workers.map((worker) => worker.close()));
    }
  }, 120000);

  it('reports a medium that cannot be written on its copy, and keeps the backup on the others', async () => {
    const [primary] = t.config.backup.directories;
    const worker = await startTestWorker({
      ...t.config,
      backup: { ...t.config.backup, directories: [primary, '/dev/null/unwritable'] },
    });
    try {
      const backup = await backupFinished(t, admin.auth, await request());
      expect(backup.status).toBe('succeeded');
      expect(backup.copies).toEqual([
        expect.objectContaining({ directory: primary, state: 'verified' }),
        expect.objectContaining({
          directory: '/dev/null/unwritable',
          state: 'missing',
          problem: expect.stringMatching(/ENOTDIR|EEXIST|ENOENT/),
        }),
      ]);
    } finally {
      await worker.close();
    }
  });
});

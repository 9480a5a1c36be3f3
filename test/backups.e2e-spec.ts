import { randomBytes } from 'node:crypto';
import { MIGRATIONS } from '../src/migrations';
import type { INestApplicationContext } from '@nestjs/common';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { Backup } from '../src/modules/backups/entities/backup.entity';
import { BackupRunnerService } from '../src/modules/backups/backup-runner.service';
import type { School } from '../src/core/tenancy/entities/school.entity';
import { adminQuery } from './support/admin-db';
import { backupFinished, startTestWorker, tableChecksums } from './support/workers';
import { createSchool, createUser, type TestUser } from './support/factories';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';
import { databaseUrl } from './support/test-env';

describe('backups', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let school: School;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startTestWorker(t.config);
    school = await createSchool(t);
    admin = await createUser(t, { roles: [{ role: 'admin', school }] });
    for (let i = 0; i < 20; i++) await createUser(t, { roles: [{ role: 'teacher', school }] });
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const requestBackup = async () => {
    const response = await t.http().post('/v1/backups').set(admin.auth).expect(202);
    expect(response.body).toMatchObject({
      status: 'queued',
      trigger: 'manual',
      requestedBy: admin.account.id,
    });
    return backupFinished(t, admin.auth, response.body.id as string);
  };

  it('backs up to every medium, verified, and restores into a fresh database with equal data', async () => {
    const backup = await requestBackup();
    expect(backup).toMatchObject({
      status: 'succeeded',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      sizeBytes: expect.any(Number),
      durationMs: expect.any(Number),
      manifest: expect.objectContaining({ schemaVersion: MIGRATIONS.at(-1)!.name }),
    });
    // The manifest names the server that was dumped, as the list and the file on disk do.
    const [{ serverVersion }] = await t
      .em()
      .execute<{ serverVersion: string }[]>(
        `select current_setting('server_version') as "serverVersion"`,
      );
    expect(serverVersion).toMatch(/^\d+\.\d+/);
    expect(backup.manifest).toMatchObject({ databaseVersion: serverVersion });
    const listed = await t.http().get('/v1/backups').set(admin.auth).expect(200);
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({
        id: backup.id,
        manifest: expect.objectContaining({ databaseVersion: serverVersion }),
      }),
    );
    expect(
      (backup.copies as { directory: string; state: string }[]).map((c) => [c.directory, c.state]),
    ).toEqual(t.config.backup.directories.map((directory) => [directory, 'verified']));
    const counts = (backup.manifest as { rowCounts: Record<string, number> }).rowCounts;
    expect(counts.accounts).toBe(21);
    for (const directory of t.config.backup.directories) {
      const files = await readdir(directory);
      expect(files.filter((f) => f.endsWith('.dump'))).toHaveLength(1);
      const manifest = JSON.parse(
        await readFile(
          join(
            directory,
            files.find((f) => f.endsWith('.manifest.json'))!,
          ),
          'utf8',
        ),
      );
      expect(manifest.rowCounts).toEqual(counts);
      expect(manifest.databaseVersion).toBe(serverVersion);
      expect(manifest.sha256).toBe(backup.sha256);
    }

    const restored = `journal_restore_${randomBytes(6).toString('hex')}`;
    await worker.get(BackupRunnerService).restoreInto(backup.id as string, restored, false);
    try {
      // The backups table is the one that changes after the dump (the row turns `succeeded`).
      expect(await tableChecksums(databaseUrl(restored), ['backups'])).toEqual(
        await tableChecksums(t.config.databaseUrl, ['backups']),
      );
    } finally {
      await adminQuery(`drop database if exists ${restored} with (force)`);
    }
  });

  it('archives the report files with the dump, verifies them, and brings them back on restore', async () => {
    const reports = t.config.reports.directory;
    const report = join(reports, school.id, 'report.csv');
    await mkdir(dirname(report), { recursive: true });
    await writeFile(report, '\ufeffКласс;Пропущено\r\n7А;3\r\n');
    const backup = await requestBackup();
    expect(backup.status).toBe('succeeded');
    const [files] = (backup.manifest as { files: Record<string, unknown>[] }).files;
    expect(files).toMatchObject({
      name: 'reports',
      entries: 1,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Every medium holds the archive, as tar itself lists it.
    for (const directory of t.config.backup.directories) {
      const listing = spawnSync('tar', ['-tf', join(directory, files.archive as string)], {
        encoding: 'utf8',
      });
      expect(listing.stdout.split('\n')).toContain(`./${school.id}/report.csv`);
    }
    await rm(report);
    const restored = `journal_restore_${randomBytes(6).toString('hex')}`;
    try {
      await worker.get(BackupRunnerService).restoreInto(backup.id as string, restored, false);
      expect(await readFile(report, 'utf8')).toBe('\ufeffКласс;Пропущено\r\n7А;3\r\n');
    } finally {
      await adminQuery(`drop database if exists ${restored} with (force)`);
    }
    // A damaged archive makes the copy corrupt, like a damaged dump.
    const [first] = t.config.backup.directories;
    await writeFile(join(first, files.archive as string), 'not a tar');
    const verified = await worker.get(BackupRunnerService).verify(backup.id as string);
    expect(verified.copies.map((copy) => copy.state)).toEqual(['corrupt', 'verified']);
    expect(verified.copies[0].problem).toMatch(/reports\.tar: checksum differs/);
  });

  it('refuses to restore over a database that has data, unless told to', async () => {
    const [latest] = (await t.http().get('/v1/backups').set(admin.auth).expect(200)).body.items;
    const target = `journal_restore_${randomBytes(6).toString('hex')}`;
    const runner = worker.get(BackupRunnerService);
    await runner.restoreInto(latest.id, target, false);
    try {
      await expect(runner.restoreInto(latest.id, target, false)).rejects.toThrow(
        /is not empty .* pass --force/,
      );
      await runner.restoreInto(latest.id, target, true);
    } finally {
      await adminQuery(`drop database if exists ${target} with (force)`);
    }
  });

  it('reports /health up with a fresh verified backup, degraded once it is too old', async () => {
    const fresh = await t.http().get('/health').expect(200);
    expect(fresh.body.checks.backups).toMatchObject({
      status: 'up',
      lastVerifiedAt: expect.any(String),
    });
    const metrics = await t.http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/backup_last_verified_age_seconds \d/);
    await t
      .em()
      .nativeUpdate(
        Backup,
        {},
        { finishedAt: new Date(t.clock.now().getTime() - 16 * 24 * 3600 * 1000) },
      );
    const stale = await t.http().get('/health').expect(200);
    expect(stale.body).toMatchObject({
      status: 'degraded',
      checks: { backups: { status: 'degraded' } },
    });
    await requestBackup();
    expect((await t.http().get('/health').expect(200)).body.status).toBe('ok');
  });

  it('detects a corrupted copy on one medium and still restores from the good one', async () => {
    const backup = await requestBackup();
    const [good, bad] = backup.copies as { directory: string }[];
    const files = await readdir(bad.directory);
    const dump = join(
      bad.directory,
      files
        .filter((f) => f.endsWith('.dump'))
        .sort()
        .at(-1)!,
    );
    const bytes = await readFile(dump);
    bytes.fill(0, 200, 400);
    await writeFile(dump, bytes);

    const runner = worker.get(BackupRunnerService);
    const verified = await runner.verify(backup.id as string);
    expect(verified.copies.map((c) => [c.directory, c.state])).toEqual([
      [good.directory, 'verified'],
      [bad.directory, 'corrupt'],
    ]);
    expect(verified.copies[1].problem).toMatch(/checksum/);
    const seen = await t
      .http()
      .get(`/v1/backups/${backup.id as string}`)
      .set(admin.auth)
      .expect(200);
    expect(seen.body.copies[1]).toMatchObject({
      state: 'corrupt',
      problem: expect.stringMatching(/checksum/),
    });

    const drill = await runner.drill(backup.id as string);
    expect(drill.drill).toMatchObject({
      passed: true,
      mismatches: [],
      durationMs: expect.any(Number),
    });
  });

  it('keeps only the newest BACKUP_KEEP backups on every medium', async () => {
    const kept = t.config.backup.keep;
    const before = await t.em().count(Backup, { status: 'succeeded' });
    for (let i = before; i <= kept; i++) await requestBackup();
    for (const directory of t.config.backup.directories) {
      expect((await readdir(directory)).filter((f) => f.endsWith('.dump'))).toHaveLength(kept);
    }
    const oldest = await t
      .em()
      .find(Backup, { status: 'succeeded' }, { orderBy: { id: 'asc' }, limit: 1 });
    expect(
      oldest[0].copies.every((c) => c.state === 'missing' && c.problem === 'removed by retention'),
    ).toBe(true);
  });

  it('answers 404 for an unknown backup and 403 to a director asking for one', async () => {
    expectProblem(
      await t.http().get('/v1/backups/01890000-0000-7000-8000-000000000000').set(admin.auth),
      404,
      'resource.not_found',
    );
    const director = await createUser(t, { roles: [{ role: 'director', school }] });
    expectProblem(await t.http().post('/v1/backups').set(director.auth), 403, 'access.forbidden');
  });

  it('verify-backup on the command line checks the newest backup, and exits 1 when a copy is corrupt', async () => {
    const verifyNewest = () =>
      spawnSync(process.execPath, [join(__dirname, '..', 'dist', 'cli.js'), 'verify-backup'], {
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: t.config.databaseUrl,
          BACKUP_DIRS: t.config.backup.directories.join(','),
        },
        encoding: 'utf8',
      });
    const healthy = verifyNewest();
    expect(healthy.status).toBe(0);
    expect(healthy.stdout).toMatch(/verified .*primary/);
    const [newest] = await t
      .em()
      .find(Backup, { status: 'succeeded' }, { orderBy: { finishedAt: 'desc' }, limit: 1 });
    await writeFile(newest.copies[0].path, 'not a backup any more');
    const broken = verifyNewest();
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/corrupt .*primary/);
    expect(broken.stdout).toMatch(/verified .*secondary/);
  });
});

import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager, RequestContext } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { Clock } from '../../core/clock/clock';
import {
  ensureDirectory,
  PARTIAL_SUFFIX,
  removeBackupFiles,
  removePartials,
  sha256Of,
  verifyCopy,
  writeCopies,
} from './backup-files';
import { BackupSession, countRows } from './database-snapshot';
import { Backup, type BackupCopy, type RestoreDrill } from './entities/backup.entity';
import { dumpDatabase, restoreArchive, withClient, withDatabase } from './pg-tools';
import { archiveDirectory, archiveName, drillArchives, extractArchive } from './file-archives';

/**
 * Where a database's dumps are written once before being copied to every medium: apart from
 * the media (any of which may fail), and one per database, like the backup lock.
 */
export function stagingDirectoryFor(databaseUrl: string): string {
  const database = createHash('sha256').update(databaseUrl).digest('hex').slice(0, 16);
  return join(tmpdir(), `journal-backup-staging-${database}`);
}

/** How the error of a backup whose process died begins. */
const INTERRUPTED = 'interrupted';

/**
 * Does the work of backups in the worker (and the CLI): dump, copy to every medium, verify,
 * prune, and restore drills. One backup runs at a time across all workers (BackupSession).
 */
@Injectable()
export class BackupRunnerService {
  private readonly logger = new Logger('backups');

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'databaseUrl' | 'backup'>,
    private readonly clock: Clock,
  ) {}

  /** The clock as a function, for the file helpers that stamp when they checked a copy. */
  private readonly now = () => this.clock.now();

  /** Holds the backup lock meanwhile: no backup (nor its retention) touches the files in use. */
  private async whileNoBackupRuns<T>(work: () => Promise<T>): Promise<T> {
    const session = await BackupSession.open(this.config.databaseUrl);
    try {
      return await work();
    } finally {
      await session.close();
    }
  }

  /** Each use case gets an identity map of its own, whether a job, the CLI or a test calls it. */
  private inContext<T>(work: () => Promise<T>): Promise<T> {
    return RequestContext.create(this.em, work);
  }

  private get directories(): string[] {
    return this.config.backup.directories;
  }

  /** Runs a queued backup. Safe to run again after a crash: it starts over cleanly. */
  run(backupId: string): Promise<Backup> {
    return this.inContext(() => this.runBackup(backupId));
  }

  private async runBackup(backupId: string): Promise<Backup> {
    const session = await BackupSession.open(this.config.databaseUrl);
    try {
      const backup = await this.em.findOneOrFail(Backup, backupId);
      // Done, or given up on by a later run (a stalled job coming back after its worker died).
      if (backup.status === 'succeeded' || backup.error?.startsWith(INTERRUPTED)) return backup;
      await this.failInterrupted(backupId);
      await removePartials([this.stagingDirectory, ...this.directories]);
      backup.status = 'running';
      backup.startedAt = this.clock.now();
      backup.error = null;
      // Named before anything is written, so a run that dies mid-copy can be cleaned up by name.
      backup.fileName = `journal-${backup.createdAt.toISOString().replace(/[:.]/g, '-')}-${backup.id}.dump`;
      await this.em.flush();
      let usable: boolean;
      try {
        usable = await this.dumpAndCopy(session, backup, backup.fileName);
      } catch (error) {
        backup.status = 'failed';
        backup.error = (error as Error).message;
        backup.finishedAt = this.clock.now();
        await this.em.flush();
        throw error;
      }
      this.logger.log(`backup ${backup.id} ${backup.status} in ${backup.durationMs} ms`);
      // Failing the job puts it among the queue's failed jobs and lets BullMQ retry it.
      if (!usable) throw new Error(`backup ${backup.id} failed: ${backup.error}`);
      return backup;
    } finally {
      await session.close();
    }
  }

  private get stagingDirectory(): string {
    return stagingDirectoryFor(this.config.databaseUrl);
  }

  /** Dumps, copies, verifies and prunes; answers whether at least one copy is usable. */
  private async dumpAndCopy(
    session: BackupSession,
    backup: Backup,
    fileName: string,
  ): Promise<boolean> {
    const started = performance.now();
    const staging = await ensureDirectory(this.stagingDirectory);
    const staged = `${join(staging, fileName)}${PARTIAL_SUFFIX}`;
    const archives = Object.keys(this.config.backup.fileDirectories).map((kind) => ({
      kind,
      fileName: archiveName(fileName, kind),
      staged: `${join(staging, archiveName(fileName, kind))}${PARTIAL_SUFFIX}`,
    }));
    try {
      const manifest = await session.dumpConsistently(
        (snapshot) => dumpDatabase(this.config.databaseUrl, staged, snapshot),
        this.now,
      );
      // The files right after the rows that point at them (a report written meanwhile is in
      // neither, or in the files only: harmless, the retention job removes it in time).
      manifest.files = [];
      for (const archive of archives) {
        const entries = await archiveDirectory(
          this.config.backup.fileDirectories[archive.kind],
          archive.staged,
        );
        manifest.files.push({
          name: archive.kind,
          archive: archive.fileName,
          sha256: await sha256Of(archive.staged),
          sizeBytes: (await stat(archive.staged)).size,
          entries,
        });
      }
      backup.sha256 = await sha256Of(staged);
      backup.sizeBytes = (await stat(staged)).size;
      backup.manifest = manifest;
      // The checksum goes into the manifest on every medium: a copy can be checked without the database.
      const copies = await writeCopies(
        staged,
        fileName,
        this.directories,
        {
          ...manifest,
          sha256: backup.sha256,
        },
        this.now,
        archives,
      );
      backup.copies = await Promise.all(
        copies.map((copy) =>
          copy.state === 'written'
            ? verifyCopy(copy, backup.sha256!, this.now, manifest.files)
            : Promise.resolve(copy),
        ),
      );
    } finally {
      await rm(staged, { force: true });
      for (const archive of archives) await rm(archive.staged, { force: true });
    }
    const usable = backup.copies.some((copy) => copy.state === 'verified');
    // Retention runs before the backup is reported done, so a client that sees `succeeded`
    // also sees the media as they will stay.
    if (usable) await this.prune(backup.id);
    backup.status = usable ? 'succeeded' : 'failed';
    if (!usable) backup.error = 'no copy passed verification';
    backup.finishedAt = this.clock.now();
    backup.durationMs = Math.round(performance.now() - started);
    await this.em.flush();
    return usable;
  }

  /** A run that died (killed worker) left its row `running`; holding the lock proves it is dead. */
  private async failInterrupted(exceptId: string): Promise<void> {
    const stale = await this.em.find(Backup, { status: 'running', id: { $ne: exceptId } });
    for (const backup of stale) {
      backup.status = 'failed';
      backup.error = `${INTERRUPTED}: the process running it stopped`;
      backup.finishedAt = this.clock.now();
    }
    await this.em.flush();
  }

  /**
   * Keeps the newest `BACKUP_KEEP` successful backups on every medium, `newest` (about to
   * succeed) among them, and removes whatever files failed backups left. Best effort: a
   * medium that refuses a deletion is noted on the copy, and never fails the new backup.
   */
  private async prune(newest: string): Promise<void> {
    const expired = await this.em.find(
      Backup,
      { status: 'succeeded', id: { $ne: newest } },
      // Newest first by id: UUID v7 ids follow creation order.
      { orderBy: { id: 'desc' }, offset: this.config.backup.keep - 1 },
    );
    const failed = await this.em.find(Backup, { status: 'failed', fileName: { $ne: null } });
    for (const backup of [...expired, ...failed]) {
      if (backup.status === 'succeeded' && backup.copies.every((copy) => copy.state === 'missing'))
        continue;
      const problems = await removeBackupFiles(this.directories, backup.fileName!);
      backup.copies = backup.copies.map((copy) => ({
        ...copy,
        state: problems.has(copy.directory) ? copy.state : 'missing',
        problem: problems.get(copy.directory) ?? 'removed by retention',
      }));
      if (backup.status === 'failed') backup.fileName = null;
    }
    await this.em.flush();
  }

  /** Re-checks every copy of a backup (checksum and pg_restore --list). */
  verify(backupId: string): Promise<Backup> {
    return this.inContext(() => this.whileNoBackupRuns(() => this.verifyCopies(backupId)));
  }

  /** The newest backup that succeeded: what drills and checks default to. */
  newestSucceeded(): Promise<Backup> {
    return this.inContext(() =>
      this.em.findOneOrFail(Backup, { status: 'succeeded' }, { orderBy: { id: 'desc' } }),
    );
  }

  private async verifyCopies(backupId: string): Promise<Backup> {
    const backup = await this.em.findOneOrFail(Backup, { id: backupId, status: 'succeeded' });
    backup.copies = await Promise.all(
      backup.copies.map((copy) =>
        verifyCopy(copy, backup.sha256!, this.now, backup.manifest?.files),
      ),
    );
    await this.em.flush();
    return backup;
  }

  /**
   * Restores a backup into `database` (created when missing). Refuses a database that already
   * has tables unless `replaceExisting`, so a slip of the finger cannot overwrite live data.
   */
  restoreInto(backupId: string, database: string, replaceExisting: boolean): Promise<Backup> {
    return this.inContext(() =>
      this.whileNoBackupRuns(() => this.restore(backupId, database, replaceExisting)),
    );
  }

  private async restore(
    backupId: string,
    database: string,
    replaceExisting: boolean,
  ): Promise<Backup> {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database))
      throw new Error(`"${database}" is not a plain database name`);
    const backup = await this.verifyCopies(backupId);
    const copy = verifiedCopyOf(backup);
    await withClient(this.databaseUrlOf('postgres'), async (admin) => {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
      if (!exists.rowCount) await admin.query(`create database ${database}`);
    });
    const target = this.databaseUrlOf(database);
    const tables = await withClient(target, async (probe) => {
      const result = await probe.query<{ n: number }>(
        `select count(*)::int as n from pg_tables where schemaname = 'public'`,
      );
      return result.rows[0].n;
    });
    if (tables > 0 && !replaceExisting) {
      throw new Error(
        `database "${database}" is not empty (${tables} tables): pass --force to replace its contents`,
      );
    }
    await restoreArchive(copy.path, target, replaceExisting);
    // The files come back where this deployment keeps them, over what is there.
    for (const kind of backup.manifest?.files ?? []) {
      const directory = this.config.backup.fileDirectories[kind.name];
      if (directory) await extractArchive(join(dirname(copy.path), kind.archive), directory);
    }
    return backup;
  }

  /**
   * Restore drill: restores a verified copy into a scratch database, compares its row counts
   * with the manifest, records the result and how long it took, and drops the scratch database.
   */
  drill(backupId?: string): Promise<Backup> {
    return this.inContext(() => this.whileNoBackupRuns(() => this.restoreDrill(backupId)));
  }

  private async restoreDrill(backupId?: string): Promise<Backup> {
    const backup = await this.verifyCopies(backupId ?? (await this.newestSucceeded()).id);
    const copy = verifiedCopyOf(backup);
    const expected = backup.manifest?.rowCounts ?? {};
    const started = performance.now();
    const scratch = `journal_drill_${backup.id.replace(/-/g, '').slice(-12)}_${this.clock.now().getTime().toString(36)}`;
    const maintenance = this.databaseUrlOf('postgres');
    await withClient(maintenance, (admin) => admin.query(`create database ${scratch}`));
    const mismatches: string[] = [];
    try {
      await restoreArchive(copy.path, this.databaseUrlOf(scratch), false);
      const counts = await withClient(this.databaseUrlOf(scratch), countRows);
      for (const [table, rows] of Object.entries(expected)) {
        if (counts[table] !== rows)
          mismatches.push(`${table}: ${counts[table] ?? 'missing'} rows, manifest says ${rows}`);
      }
      mismatches.push(
        ...(await drillArchives(backup.manifest?.files ?? [], (archive) =>
          join(dirname(copy.path), archive),
        )),
      );
    } catch (error) {
      mismatches.push(`restore failed: ${(error as Error).message}`);
    } finally {
      await withClient(maintenance, (admin) =>
        admin.query(`drop database if exists ${scratch} with (force)`),
      ).catch(() => undefined);
    }
    const result: RestoreDrill = {
      restoredAt: this.clock.now().toISOString(),
      durationMs: Math.round(performance.now() - started),
      passed: mismatches.length === 0,
      mismatches,
    };
    backup.drill = result;
    await this.em.flush();
    return backup;
  }

  /** Another database on the same server. */
  private databaseUrlOf(database: string): string {
    return withDatabase(this.config.databaseUrl, database);
  }
}

/** The copy to restore from: the first that passed verification. */
function verifiedCopyOf(backup: Backup): BackupCopy {
  const copy = backup.copies.find((c) => c.state === 'verified');
  if (!copy || !backup.manifest) {
    throw new Error(
      `backup ${backup.id} has no verified copy: ${backup.copies.map((c) => c.problem).join('; ')}`,
    );
  }
  return copy;
}

import 'reflect-metadata';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  ConfigError,
  loadBackupSettings,
  loadClockSettings,
  loadConfig,
  loadDatabaseSettings,
} from './config/config';
import { createClock } from './core/clock/clock';
import { normalizeLogin } from './core/auth/auth.service';
import { Account } from './core/auth/entities/account.entity';
import { hashPassword, PASSWORD_MIN_LENGTH } from './core/auth/passwords';
import { appOrmOptions } from './orm-options';
import { createHttpApp } from './core/http/http-app';
import { buildOpenApiDocument, serializeOpenApi } from './core/http/openapi';
import { LOGIN_PATTERN } from './modules/accounts/dto/account.dto';
import { BackupRunnerService } from './modules/backups/backup-runner.service';
import { Backup } from './modules/backups/entities/backup.entity';
import { seedDemo } from './seed/demo-seed';

const USAGE = `Usage: node dist/cli.js <command>
  migrate                                   apply pending migrations
  seed-demo                                 seed the demo region (once; later runs change nothing)
  create-operator --login L --password P    create a platform operator account
  openapi <file>                            write the OpenAPI contract to <file>
  backup                                    back up the database now, to every BACKUP_DIRS medium
  verify-backup [<id>] [--restore]          re-check a backup's copies (default: the newest);
                                            --restore also restores it into a scratch database
  restore <id> --database <name> [--force]  restore a backup into a database (--force replaces
                                            the contents of a non-empty one)`;

async function withOrm<T>(work: (orm: MikroORM) => Promise<T>): Promise<T> {
  const orm = await MikroORM.init(appOrmOptions(loadDatabaseSettings()));
  try {
    return await work(orm);
  } finally {
    await orm.close();
  }
}

const commands: Record<string, (args: string[]) => Promise<void>> = {
  async migrate() {
    await withOrm(async (orm) => {
      const applied = await orm.getMigrator().up();
      console.log(
        applied.length
          ? `applied ${applied.map((m) => m.name).join(', ')}`
          : 'schema is up to date',
      );
    });
  },

  async 'seed-demo'() {
    if (process.env.NODE_ENV === 'production') {
      throw new Error(
        'seed-demo refuses to run with NODE_ENV=production: demo accounts have a public password',
      );
    }
    const started = performance.now();
    await withOrm(async (orm) => {
      const seeded = await seedDemo(
        orm.em.fork(),
        loadDatabaseSettings().databaseUrl,
        createClock(loadClockSettings()),
        (message) => console.log(`seed-demo: ${message}`),
      );
      console.log(
        seeded
          ? `seeded the demo region in ${((performance.now() - started) / 1000).toFixed(1)} s`
          : 'the demo region exists already: nothing to do',
      );
    });
  },

  async 'create-operator'(args) {
    const { values } = parseArgs({
      args,
      options: { login: { type: 'string' }, password: { type: 'string' } },
    });
    const login = normalizeLogin(values.login ?? '');
    const password = values.password ?? '';
    if (!LOGIN_PATTERN.test(login) || password.length < PASSWORD_MIN_LENGTH) {
      throw new Error(
        `create-operator needs --login (3–64 letters, digits, . _ -) and a --password of ${PASSWORD_MIN_LENGTH}+ characters`,
      );
    }
    await withOrm(async (orm) => {
      const em = orm.em.fork();
      em.create(Account, {
        login: login,
        displayName: 'Platform operator',
        passwordHash: await hashPassword(password),
        passwordChangedAt: createClock(loadClockSettings()).now(),
        status: 'active',
        isPlatformOperator: true,
      });
      await em.flush();
      console.log(`created platform operator "${login}"`);
    });
  },

  async backup() {
    await withBackupRunner(async (runner, em) => {
      const backup = em.create(Backup, { trigger: 'manual' });
      await em.flush();
      const done = await runner.run(backup.id);
      console.log(describeBackup(done));
      if (done.status !== 'succeeded') process.exitCode = 1;
    });
  },

  async 'verify-backup'(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { restore: { type: 'boolean' } },
    });
    await withBackupRunner(async (runner) => {
      const id = positionals[0] ?? (await runner.newestSucceeded()).id;
      const backup = values.restore ? await runner.drill(id) : await runner.verify(id);
      console.log(describeBackup(backup));
      const healthy =
        backup.copies.every((c) => c.state === 'verified') && (backup.drill?.passed ?? true);
      if (!healthy) process.exitCode = 1;
    });
  },

  async restore(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { database: { type: 'string' }, force: { type: 'boolean' } },
    });
    if (!positionals[0] || !values.database)
      throw new Error('restore needs a backup id and --database <name>');
    await withBackupRunner(async (runner) => {
      await runner.restoreInto(positionals[0], values.database!, values.force ?? false);
      console.log(`restored backup ${positionals[0]} into database "${values.database}"`);
    });
  },

  async openapi([file]) {
    if (!file) throw new Error('openapi needs an output file');
    // The contract depends on code only: build the app without database or Redis.
    const config = loadConfig({
      DATABASE_URL: 'postgres://contract@localhost/contract',
      REDIS_URL: 'redis://localhost:6379',
      JWT_SECRET: 'x'.repeat(32),
      LOG_LEVEL: 'silent',
    });
    const app = await createHttpApp(config, { connect: false });
    writeFileSync(file, serializeOpenApi(buildOpenApiDocument(app)));
    await app.close();
  },
};

async function withBackupRunner<T>(
  work: (runner: BackupRunnerService, em: EntityManager) => Promise<T>,
): Promise<T> {
  const settings = loadBackupSettings();
  const orm = await MikroORM.init(appOrmOptions(settings));
  try {
    const em = orm.em.fork();
    return await work(new BackupRunnerService(em, settings, createClock(loadClockSettings())), em);
  } finally {
    await orm.close();
  }
}

function describeBackup(backup: Backup): string {
  const copies = backup.copies.map(
    (c) => `  ${c.state.padEnd(8)} ${c.path}${c.problem ? ` (${c.problem})` : ''}`,
  );
  const drill = backup.drill
    ? `restore drill: ${backup.drill.passed ? 'passed' : 'FAILED'} in ${backup.drill.durationMs} ms${backup.drill.mismatches.map((m) => `\n  ${m}`).join('')}`
    : '';
  return [
    `backup ${backup.id}: ${backup.status}, ${backup.sizeBytes ?? 0} bytes, sha256 ${backup.sha256}`,
    ...copies,
    drill,
  ]
    .filter(Boolean)
    .join('\n');
}

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(USAGE);
    process.exit(2);
  }
  await command(args);
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error,
  );
  process.exit(1);
});

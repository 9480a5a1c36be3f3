import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDatabaseSettings } from './config/config';
import { normalizeLogin } from './core/auth/auth.service';
import { Account } from './core/auth/entities/account.entity';
import { hashPassword, PASSWORD_MIN_LENGTH } from './core/auth/passwords';
import { createOrmOptions } from './core/database/orm-config';
import { createHttpApp } from './core/http/http-app';
import { buildOpenApiDocument, serializeOpenApi } from './core/http/openapi';
import { LOGIN_PATTERN } from './modules/accounts/dto/account.dto';
import { seedDemo } from './seed/demo-seed';

const USAGE = `Usage: node dist/cli.js <command>
  migrate                                   apply pending migrations
  seed-demo                                 seed the demo region (once; later runs change nothing)
  create-operator --login L --password P    create a platform operator account
  openapi <file>                            write the OpenAPI contract to <file>`;

async function withOrm<T>(work: (orm: MikroORM) => Promise<T>): Promise<T> {
  const orm = await MikroORM.init(createOrmOptions(loadDatabaseSettings()));
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
    await withOrm(async (orm) => {
      if (await seedDemo(orm.em.fork())) console.log('seeded the demo region');
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
        passwordChangedAt: new Date(),
        status: 'active',
        isPlatformOperator: true,
      });
      await em.flush();
      console.log(`created platform operator "${login}"`);
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

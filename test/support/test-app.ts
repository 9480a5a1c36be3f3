import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import Redis from 'ioredis';
import request from 'supertest';
import { loadConfig, type AppConfig } from '../../src/config/config';
import { Clock, type PinnedClock } from '../../src/core/clock/clock';
import { createHttpApp } from '../../src/core/http/http-app';
import { adminQuery } from './admin-db';
import { contractCheckedAgent } from './contract-hooks';
import { ensureTemplateDatabase } from './template-database';
import { moscowInstant, testToday } from './test-clock';
import { databaseUrl, templateDatabase, TEST_REDIS_URL } from './test-env';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** The app's clock, pinned to the test date (`testToday()`); `set()` moves it. */
  clock: PinnedClock;
  /** A fresh entity manager on the test file's own database. */
  em(): EntityManager;
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

/** A database of this test file's own, cloned from the migrated template. */
export async function createTestDatabase(): Promise<{
  name: string;
  url: string;
  drop(): Promise<void>;
}> {
  await ensureTemplateDatabase();
  const name = `journal_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name} template ${templateDatabase()}`);
  return {
    name,
    url: databaseUrl(name),
    drop: () => adminQuery(`drop database if exists ${name} with (force)`),
  };
}

/** Backup media of a test: two directories of its own under the system's temp directory. */
export function testBackupDirectories(): string[] {
  const root = join(tmpdir(), `journal-test-backups-${randomBytes(6).toString('hex')}`);
  return [join(root, 'primary'), join(root, 'secondary')];
}

export function testConfig(database: string, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    BACKUP_DIRS: testBackupDirectories().join(','),
    REPORTS_DIR: join(tmpdir(), `journal-test-reports-${randomBytes(6).toString('hex')}`),
    NODE_ENV: 'test',
    DATABASE_URL: database,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `test:${randomBytes(6).toString('hex')}`,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    ANONYMOUS_RATE_LIMIT_PER_MINUTE: '100000',
    // Tests change classes and parents between requests and expect the next one to see it.
    SCOPE_CACHE_SECONDS: '0',
    CLOCK_PINNED_AT: moscowInstant(testToday()),
    ...env,
  });
}

/** Removes every Redis key the test wrote (they all share the test's prefix). */
export async function clearRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    const stream = redis.scanStream({ match: `${prefix}:*`, count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>)
      if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/** Boots the whole API on a database of its own, as `make run` would (minus listening). */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig(database.url, env);
  const app = await createHttpApp(config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const orm = app.get(MikroORM);
  return {
    app,
    config,
    clock: app.get<Clock, PinnedClock>(Clock),
    em: () => orm.em.fork() as EntityManager,
    // Every answer is checked against the committed contract (test/support/contract-hooks).
    http: () => contractCheckedAgent(request(app.getHttpServer())),
    async close() {
      await app.close();
      await database.drop();
      await clearRedisPrefix(config.redisPrefix);
      await rm(dirname(config.backup.directories[0]), { recursive: true, force: true });
    },
  };
}

import type { INestApplicationContext } from '@nestjs/common';
import { Module, type Provider } from '@nestjs/common';
import { Client } from 'pg';
import type { AppConfig } from '../../src/config/config';
import { startWorker } from '../../src/core/queue/start-worker';
import { WorkerModule } from '../../src/worker.module';
import type { TestApp } from './test-app';

/**
 * A worker of the test's own, in-process, on the same database and Redis prefix; `extra`
 * providers join it (e.g. a second handler for a job).
 */
export async function startTestWorker(
  config: AppConfig,
  extra: Provider[] = [],
): Promise<INestApplicationContext> {
  @Module({ imports: [WorkerModule.forRoot(config)], providers: extra })
  class TestWorkerModule {}
  return startWorker(TestWorkerModule, false);
}

export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 30000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls `GET /v1/backups/{id}` until the backup is done, and returns it. */
export function backupFinished(t: TestApp, auth: Record<string, string>, id: string) {
  return eventually(async () => {
    const response = await t.http().get(`/v1/backups/${id}`).set(auth);
    const body = response.body as { status: string };
    return ['succeeded', 'failed'].includes(body.status)
      ? (response.body as Record<string, unknown>)
      : undefined;
  });
}

/** A checksum of every row of every table but `skip`, to compare two databases for equality. */
export async function tableChecksums(
  databaseUrl: string,
  skip: string[] = [],
): Promise<Record<string, string>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `select tablename as name from pg_tables where schemaname = 'public' order by 1`,
    );
    const sums: Record<string, string> = {};
    for (const { name } of tables.rows.filter((table) => !skip.includes(table.name))) {
      const result = await client.query<{ sum: string | null; n: string }>(
        `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum, count(*) as n from "${name}" t`,
      );
      sums[name] = `${result.rows[0].n}:${result.rows[0].sum}`;
    }
    return sums;
  } finally {
    await client.end();
  }
}

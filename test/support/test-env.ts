/** Where the tests find PostgreSQL and Redis (make test exports these; defaults for a dev machine). */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Migrated once per run; every test file clones its own database from it. */
export function templateDatabase(): string {
  return `journal_test_template_${process.env.JEST_RUN_ID ?? 'local'}`;
}

export function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

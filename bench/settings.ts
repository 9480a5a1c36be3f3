import { resolve } from 'node:path';
/**
 * What every part of the benchmark agrees on: where the bench database is, the ports, and the
 * names the seed gives the school and its accounts (the runner finds them by these names).
 */

export const BENCH_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/school_journal_bench';
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const API_PORT = Number(process.env.BENCH_API_PORT ?? 3900);
export const BASELINE_PORT = Number(process.env.BENCH_BASELINE_PORT ?? 3901);

/** Both servers get the same number of database connections. */
export const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 10);

export const REGION_CODE = 'bench';
export const SCHOOL_NAME = 'МБОУ «Нагрузочная школа»';
export const YEAR_NAME = '2026/2027';
export const YEAR_STARTS_ON = '2026-09-01';
export const YEAR_ENDS_ON = '2027-05-31';

/** The grid class: exactly 30 students, Алгебра 4 h/week, about 60 lessons in 1 полугодие. */
export const GRID_CLASS = { grade: 10, letter: 'А' };
/** The class whose lessons the write scenario records (30 students, same teacher). */
export const WRITE_CLASS = { grade: 11, letter: 'А' };
export const GRID_SUBJECT = 'Алгебра';
export const GRID_PERIOD = '1 полугодие';
/** A school week of the first quarter, for the diary. */
export const DIARY_WEEK = '2026-10-12';

export const LOGIN_PREFIX = 'bench.';
export const DEPUTY_LOGIN = `${LOGIN_PREFIX}deputy`;
/** Every seeded account has this password (they are only used through signed tokens). */
export const BENCH_PASSWORD = 'bench-password-2026';

/** The database name in a PostgreSQL URL, and the same URL pointing at another database. */
export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** Each measured run: seconds of load after a warm-up, at this many connections. */
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

/** The repository (this file runs from dist/bench/bench/). */
export const ROOT = resolve(__dirname, '../..', '..');

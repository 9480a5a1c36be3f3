import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { BENCH_DATABASE_URL, ROOT, withDatabase } from './settings';

/** A scratch database of its own, next to the bench database. */
const DEMO_DATABASE = 'school_journal_bench_demo';
/**
 * The heaviest day to seed the demo on: the last day of a school year, when every lesson of
 * the year is recorded and every period mark given.
 */
const HEAVIEST_DAY = '2027-05-31T12:00:00+03:00';

/**
 * Seeds the demo region of `make run` (both schools) into a fresh database with the CLI, as
 * `make run` does, and returns the seed's own time in seconds as the CLI prints it
 * (migrations and process start-up left out).
 */
export async function measureDemoSeed(log: (message: string) => void): Promise<number> {
  const admin = new Client({ connectionString: withDatabase(BENCH_DATABASE_URL, 'postgres') });
  await admin.connect();
  const url = withDatabase(BENCH_DATABASE_URL, DEMO_DATABASE);
  try {
    await admin.query(`drop database if exists ${DEMO_DATABASE} with (force)`);
    await admin.query(`create database ${DEMO_DATABASE}`);
    const cli = (command: string) => {
      const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), command], {
        env: { PATH: process.env.PATH, DATABASE_URL: url, CLOCK_PINNED_AT: HEAVIEST_DAY },
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`cli ${command} failed: ${result.stderr}`);
      return result.stdout;
    };
    cli('migrate');
    const output = cli('seed-demo');
    const seconds = Number(/seeded the demo region in ([\d.]+) s/.exec(output)?.[1]);
    log(`demo seed on ${HEAVIEST_DAY.slice(0, 10)}: ${output.trim().split('\n').join('; ')}`);
    return seconds;
  } finally {
    await admin.query(`drop database if exists ${DEMO_DATABASE} with (force)`);
    await admin.end();
  }
}

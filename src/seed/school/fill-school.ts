import type { Client } from 'pg';
import { FILL_SQL, type FillParameters } from './fill-sql';

/** A named SQL statement of a fill, given the parameter object as `$1` when it uses it. */
export type FillStep = [what: string, sql: string];

/**
 * Tables whose journal triggers (history, period lock, append-only history) the bulk fill
 * turns off: it writes the history itself, and a demo cancels lessons it had recorded.
 */
const JOURNAL_TABLES = ['marks', 'attendance', 'period_marks', 'journal_changes'];

/**
 * Writes a planned school in one transaction: the fill statements, then `extra` steps (what
 * one kind of school has besides, e.g. the demo's movement orders). `random()` is seeded, so
 * the same parameters give the same rows. The journal triggers are off meanwhile: the fill
 * writes the history rows itself and may write into periods it closes afterwards.
 */
export async function fillSchool(
  client: Client,
  parameters: FillParameters,
  options: { randomSeed: number; extra?: FillStep[]; log?: (what: string, rows: number) => void },
): Promise<void> {
  const json = JSON.stringify(parameters);
  await client.query('begin');
  try {
    await client.query('select setseed($1)', [options.randomSeed]);
    // No parallel workers: their random() would not follow the seed.
    await client.query('set local max_parallel_workers_per_gather = 0');
    for (const table of JOURNAL_TABLES)
      await client.query(`alter table ${table} disable trigger user`);
    for (const [what, sql] of [...FILL_SQL, ...(options.extra ?? [])]) {
      const result = await client
        .query({ text: sql, values: sql.includes('$1') ? [json] : [] })
        .catch((error: Error) => {
          throw new Error(`fill step "${what}" failed: ${error.message}`, { cause: error });
        });
      options.log?.(what, result.rowCount ?? 0);
    }
    for (const table of JOURNAL_TABLES)
      await client.query(`alter table ${table} enable trigger user`);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

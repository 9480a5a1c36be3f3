import type { LoadResult } from './load';
import { FIXED_RATE_RUNS } from './scenarios';

export interface Row {
  scenario: string;
  side: string;
  result?: LoadResult;
  /** Why it was not measured (route missing, probe failed). */
  unavailable?: string;
  /** Statements the API sent to PostgreSQL per request (sequential requests, counted in process). */
  statements?: number;
  /** Transactions committed in the bench database per request (pg_stat_database). */
  transactions?: number;
  /** Latency of the same sequential requests, one at a time (no queueing behind others). */
  alone?: { p50: number; p95: number; p99: number };
}

export interface Target {
  name: string;
  measured: string;
  pass: boolean | null;
}

/** The key of a scenario's fixed-rate row. */
export const atRate = (key: string) => `${key}@rate`;

/** Seeding both demo schools of `make run` (issue 14): at most this many seconds. */
const DEMO_SEED_SECONDS = 30;

/**
 * Every target of issue 13 (and issue 6's grid targets), judged from one run's rows, and
 * issue 14's demo seed time.
 */
export function judge(rows: Map<string, Row>, demoSeedSeconds?: number): Target[] {
  const rps = (key: string) => rows.get(key)?.result?.rps;
  const ratio = (a?: number, b?: number) => (a !== undefined && b ? a / b : undefined);
  const targets: Target[] = [];
  const throughput = (name: string, key: string, versus: string, goal: number) => {
    const r = ratio(rps(key), rps(versus));
    targets.push({
      name: `${name}: throughput ≥ ${goal.toFixed(1)} × ${versus.replace(/\..*/, '')} baseline`,
      measured:
        r === undefined
          ? 'not measured'
          : `${r.toFixed(2)} × (${rps(key)!.toFixed(0)} vs ${rps(versus)!.toFixed(0)} req/s)`,
      pass: r === undefined ? null : r >= goal,
    });
  };

  throughput('journal grid', 'grid.api', 'grid.baseline', 1.0);
  const grid = rows.get('grid.api');
  targets.push({
    name: 'journal grid: ≤ 2 SQL statements per request',
    measured:
      grid?.statements === undefined
        ? 'not measured'
        : `${grid.statements.toFixed(2)} statements, ${grid.transactions?.toFixed(2) ?? '?'} transactions`,
    pass: grid?.statements === undefined ? null : grid.statements <= 2,
  });
  throughput('single mark read (deputy)', 'mark.api.deputy', 'mark.baseline', 0.6);
  throughput('single mark read (teacher)', 'mark.api.teacher', 'mark.baseline', 0.6);
  throughput('authenticated route, no database (400)', 'nodb.api', 'nodb.baseline', 0.8);

  const put = rows.get('lessonMarks.api');
  targets.push({
    name: 'whole-lesson marks (30): ≤ 4 SQL statements per PUT',
    measured: put?.statements === undefined ? 'not measured' : put.statements.toFixed(2),
    pass: put?.statements === undefined ? null : put.statements <= 4,
  });
  throughput('whole-lesson marks (30)', 'lessonMarks.api', 'lessonMarks.baseline', 0.7);

  for (const run of FIXED_RATE_RUNS) {
    const r = rows.get(atRate(run.key))?.result;
    const saturated = rows.get(run.key)?.result;
    const label = run.key.startsWith('diary') ? 'diary week' : 'whole-lesson marks (30)';
    targets.push({
      name: `${label}: p99 ≤ ${run.target} ms at ${run.basis}`,
      measured:
        r?.p99Corrected === undefined
          ? 'not measured'
          : `${r.p99Corrected.toFixed(1)} ms at ${r.rate!.toFixed(0)} req/s offered` +
            ` (${r.rps.toFixed(0)} answered${r.unexpected ? `, ${r.unexpected} failed` : ''}` +
            `${saturated ? `; at saturation ${saturated.p99.toFixed(1)} ms` : ''})`,
      pass:
        r?.p99Corrected === undefined ? null : r.p99Corrected <= run.target && r.unexpected === 0,
    });
  }
  targets.push({
    name: `demo seed of make run (both schools, a whole year): ≤ ${DEMO_SEED_SECONDS} s`,
    measured: demoSeedSeconds === undefined ? 'not measured' : `${demoSeedSeconds.toFixed(1)} s`,
    pass: demoSeedSeconds === undefined ? null : demoSeedSeconds <= DEMO_SEED_SECONDS,
  });
  return targets;
}

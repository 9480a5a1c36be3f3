import { execFileSync } from 'node:child_process';
import { percentile } from './percentile';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Client } from 'pg';
import { CONNECTIONS, POOL_SIZE, ROOT, SECONDS, WARMUP_SECONDS } from './settings';
import type { Row, Target } from './targets';
import type { World } from './world';

const log = (message: string) => console.log(`[bench] ${message}`);

export interface Facts {
  lines: string[];
  json: Record<string, unknown>;
}

export async function machineFacts(db: Client): Promise<Facts> {
  const cpus = os.cpus();
  const pg = (await db.query<{ v: string }>('select version() as v')).rows[0].v;
  const pgShort = pg.split(' on ')[0];
  let commit = 'unknown';
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT }).toString();
    commit = `${head.trim()}${dirty.trim() ? ' + uncommitted changes' : ''}`;
  } catch {
    // not a git checkout
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const autocannonVersion = (require('autocannon/package.json') as { version: string }).version;
  const json = {
    cores: cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: pgShort,
    autocannon: autocannonVersion,
    commit,
    connections: CONNECTIONS,
    seconds: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    poolSize: POOL_SIZE,
  };
  return {
    json,
    lines: [
      `machine: ${json.cores} cores (${json.cpu}), ${json.memoryGiB} GiB, ${os.platform()} ${os.release()}`,
      `software: Node ${json.node}, ${pgShort}, autocannon ${json.autocannon}; commit ${commit}`,
      `machine load before the run: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')} (1, 5, 15 min averages; only figures of an otherwise idle machine compare)`,
      `load: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s per run, database pool ${POOL_SIZE} for both servers; load generator, servers and PostgreSQL share the machine`,
    ],
  };
}

const ms = (value: number | undefined) => (value === undefined ? '' : value.toFixed(1));

function tableLines(rows: Map<string, Row>): string[][] {
  const out: string[][] = [];
  let previous = '';
  for (const row of rows.values()) {
    const r = row.result;
    out.push([
      row.scenario === previous ? '' : row.scenario,
      row.side,
      r ? r.rps.toFixed(1) : (row.unavailable ?? ''),
      ms(r?.p50),
      ms(r?.p95),
      ms(r?.p99),
      r ? String(r.unexpected + r.errors) : '',
      row.statements !== undefined
        ? row.statements.toFixed(2)
        : row.side === 'baseline' && r
          ? '1'
          : '',
    ]);
    previous = row.scenario;
  }
  return out;
}

const HEADER = ['scenario', 'server', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'SQL/req'];

export function report(
  world: World,
  facts: Facts,
  rows: Map<string, Row>,
  targets: Target[],
  elapsedMs: number,
): void {
  const body = tableLines(rows);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...body.map((line) => line[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
  console.log('');
  console.log(line(HEADER));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const cells of body) console.log(line(cells));
  console.log('');
  const verdict = (t: Target) => (t.pass === null ? 'n/a' : t.pass ? 'PASS' : 'FAIL');
  const tw = Math.max(...targets.map((t) => t.name.length));
  const mw = Math.max(...targets.map((t) => t.measured.length));
  for (const t of targets) {
    console.log(`${t.name.padEnd(tw)}  ${t.measured.padStart(mw)}  ${verdict(t)}`);
  }
  console.log('');

  const markdown = [
    `Measured ${new Date().toISOString().slice(0, 10)}: ${facts.lines[0].replace('machine: ', '')}; ${facts.lines[1].replace('software: ', '')}; ${facts.lines[2]}. ${CONNECTIONS} connections, ${SECONDS} s per run after a ${WARMUP_SECONDS} s warm-up.`,
    '',
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map((_, i) => (i >= 2 ? ' ---: ' : ' --- ')).join('|')}|`,
    ...body.map((cells) => `| ${cells.join(' | ')} |`),
    '',
    '| target | measured | result |',
    '| --- | ---: | --- |',
    ...targets.map((t) => `| ${t.name} | ${t.measured} | ${verdict(t)} |`),
  ].join('\n');
  console.log('Markdown for docs/performance.md:\n');
  console.log(markdown);
  console.log('');

  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'latest.json');
  writeFileSync(
    file,
    JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        machine: facts.json,
        world: {
          grid: world.grid,
          diaryStudents: world.diaryStudents.length,
          writeLessons: world.write.lessons.length,
          writeStudents: world.write.students.length,
          markIds: world.markIds.length,
        },
        scenarios: Object.fromEntries(rows),
        targets,
        markdown,
      },
      null,
      2,
    ),
  );
  log(`results written to ${file}; total ${(elapsedMs / 1000).toFixed(0)} s`);
}

/** p50/p95/p99 of some durations (nearest rank). */
export function percentiles(durations: number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...durations].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../src/config/config';
import type { Role } from '../src/core/auth/roles';
import { TokenService } from '../src/core/auth/token.service';
import { SystemClock } from '../src/core/clock/clock';
import { load, type LoadResult, type NextRequest } from './load';
import { assertPortFree, Server, sleep } from './processes';
import { ensureSeeded } from './seed';
import {
  API_PORT,
  BASELINE_PORT,
  BENCH_DATABASE_URL,
  BENCH_REDIS_URL,
  DIARY_WEEK,
  GRID_SUBJECT,
  POOL_SIZE,
  databaseOf,
  withDatabase,
} from './settings';
import { loadWorld, type World } from './world';

/**
 * `make bench`: seeds the bench database when needed, starts the API (from dist/, production
 * settings, statement counter preloaded) and the hand-written baseline, then measures each
 * scenario with autocannon (warm-up, then measurement, 50 connections) and prints requests/s
 * and latency percentiles side by side, the ratios and the targets of issue 6.
 */

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROOT = resolve(__dirname, '../..', '..');
const API_ORIGIN = `http://127.0.0.1:${API_PORT}`;
const BASELINE_ORIGIN = `http://127.0.0.1:${BASELINE_PORT}`;

const log = (message: string) => console.log(`[bench] ${message}`);

interface Row {
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

interface Target {
  name: string;
  measured: string;
  pass: boolean | null;
}

async function main(): Promise<void> {
  const started = Date.now();
  await ensureSeeded(process.env.BENCH_RESEED === '1');

  const admin = new Client({ connectionString: withDatabase(BENCH_DATABASE_URL, 'postgres') });
  const db = new Client({ connectionString: BENCH_DATABASE_URL });
  await admin.connect();
  await db.connect();
  const world = await loadWorld(db);
  const facts = await machineFacts(db);
  await db.end();
  for (const line of facts.lines) log(line);

  const backupDir = mkdtempSync(join(os.tmpdir(), 'bench-backups-'));
  const apiEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(API_PORT),
    DATABASE_URL: BENCH_DATABASE_URL,
    DATABASE_POOL_MAX: String(POOL_SIZE),
    REDIS_URL: BENCH_REDIS_URL,
    REDIS_PREFIX: 'bench',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    RATE_LIMIT_PER_MINUTE: '1000000',
    ANONYMOUS_RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    BACKUP_DIRS: `${join(backupDir, 'a')},${join(backupDir, 'b')}`,
  };
  const tokens = new TokenService(loadConfig(apiEnv), new SystemClock());
  const bearer = (accountId: string, role: Role) => ({
    authorization: `Bearer ${tokens.signAccessToken({
      accountId,
      isPlatformOperator: false,
      grants: [{ role, schoolId: world.schoolId, regionId: world.regionId }],
    })}`,
  });

  const servers: Server[] = [];
  const stopAll = async () => {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(backupDir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the servers`);
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    await Promise.all([assertPortFree(API_PORT), assertPortFree(BASELINE_PORT)]);
    const dist = join(ROOT, 'dist');
    log(`starting the API (dist/main.js) on ${API_ORIGIN} and the baseline on ${BASELINE_ORIGIN}`);
    const api = Server.start('API', API_ORIGIN, join(dist, 'main.js'), apiEnv, [
      '-r',
      join(__dirname, 'query-counter.js'),
    ]);
    servers.push(api);
    const baseline = Server.start(
      'baseline',
      BASELINE_ORIGIN,
      join(__dirname, 'baseline', 'server.js'),
      {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        BENCH_DATABASE_URL,
        BENCH_BASELINE_PORT: String(BASELINE_PORT),
        BENCH_POOL_SIZE: String(POOL_SIZE),
      },
    );
    servers.push(baseline);
    await Promise.all([api.waitReady(), baseline.waitReady()]);

    const results = await runScenarios(world, api, baseline, admin, bearer);
    const targets = judge(results);
    report(world, facts, results, targets, Date.now() - started);
  } finally {
    await stopAll();
    await admin.end();
  }
}

type Bearer = (accountId: string, role: Role) => Record<string, string>;

async function runScenarios(
  world: World,
  api: Server,
  baseline: Server,
  admin: Client,
  bearer: Bearer,
): Promise<Map<string, Row>> {
  const rows = new Map<string, Row>();
  const teacher = bearer(world.teacher.accountId, 'teacher');
  const deputy = bearer(world.deputyAccountId, 'deputy');
  const { grid } = world;
  const gridLabel = `journal grid ${grid.className} ${GRID_SUBJECT}, ${grid.periodName} (${grid.students} × ${grid.lessons}, ${grid.marks} marks)`;

  const rotate = <T>(items: T[], make: (item: T, round: number) => NextRequest) => {
    let i = 0;
    return () => {
      const n = i++;
      return make(items[n % items.length], Math.floor(n / items.length));
    };
  };
  const gridApi = () => ({
    path: `/v1/classes/${grid.classId}/journal?subjectId=${grid.subjectId}&studyPeriodId=${grid.periodId}`,
    headers: teacher,
  });
  const gridBaseline = () => ({
    path: `/grid/${grid.classId}?subjectId=${grid.subjectId}&studyPeriodId=${grid.periodId}`,
  });
  const diaryTokens = new Map(
    world.diaryStudents.map((s) => [s.id, bearer(s.accountId, 'student')] as const),
  );
  const diary = rotate(world.diaryStudents, (student) => ({
    path: `/v1/students/${student.id}/diary?week=${DIARY_WEEK}`,
    headers: diaryTokens.get(student.id),
  }));
  const bodies = ['5', '4'].map((value) =>
    JSON.stringify({
      marks: world.write.students.map((studentId) => ({
        studentId,
        markTypeId: world.write.markTypeId,
        value,
      })),
    }),
  );
  // Alternate each lesson between the two bodies, starting with the one it does not hold, so
  // that every request changes 30 marks.
  const lessonMarks = rotate(world.write.lessons, (lesson, round) => ({
    method: 'PUT' as const,
    path: `/v1/lessons/${lesson}/marks`,
    headers: teacher,
    body: bodies[(round + (world.write.holdingFirstBody.has(lesson) ? 1 : 0)) % 2],
  }));
  const markApi = (headers: Record<string, string>) =>
    rotate(world.markIds, (id) => ({ path: `/v1/marks/${id}`, headers }));
  const markBaseline = rotate(world.markIds, (id) => ({ path: `/marks/${id}` }));

  const scenarios: {
    key: string;
    scenario: string;
    side: string;
    server: Server;
    next: () => NextRequest;
    count?: number;
  }[] = [
    {
      key: 'grid.baseline',
      scenario: gridLabel,
      side: 'baseline',
      server: baseline,
      next: gridBaseline,
    },
    {
      key: 'grid.api',
      scenario: gridLabel,
      side: 'API (subject teacher)',
      server: api,
      next: gridApi,
      count: 200,
    },
    {
      key: 'diary.api',
      scenario: `diary week ${DIARY_WEEK} (${world.diaryStudents.length} students, own tokens)`,
      side: 'API (student)',
      server: api,
      next: diary,
      count: 100,
    },
    {
      key: 'mark.baseline',
      scenario: 'single mark by id',
      side: 'baseline',
      server: baseline,
      next: markBaseline,
    },
    {
      key: 'mark.api.deputy',
      scenario: 'single mark by id',
      side: 'API (deputy)',
      server: api,
      next: markApi(deputy),
      count: 200,
    },
    {
      key: 'mark.api.teacher',
      scenario: 'single mark by id',
      side: 'API (teacher)',
      server: api,
      next: markApi(teacher),
      count: 200,
    },
    {
      // Last: it writes.
      key: 'lessonMarks.api',
      scenario: `whole-lesson marks, PUT ${world.write.students.length} marks (${world.write.className}, ${world.write.lessons.length} lessons in rotation)`,
      side: 'API (subject teacher)',
      server: api,
      next: lessonMarks,
      count: 40,
    },
  ];

  // Probe every scenario once: a missing route is reported, not measured.
  for (const s of scenarios) {
    const probe = await send(s.server.baseUrl, s.next());
    if (probe.ok) {
      rows.set(s.key, { scenario: s.scenario, side: s.side });
      continue;
    }
    const reason =
      probe.status === 404 && probe.code === 'route.not_found'
        ? 'not available (route not found)'
        : `not available (probe answered ${probe.status} ${probe.detail})`;
    log(`${s.key}: ${reason}`);
    rows.set(s.key, { scenario: s.scenario, side: s.side, unavailable: reason });
  }
  if (!rows.get('grid.api')?.unavailable && !rows.get('grid.baseline')?.unavailable) {
    const [ours, theirs] = await Promise.all([
      send(API_ORIGIN, gridApi()),
      send(BASELINE_ORIGIN, gridBaseline()),
    ]);
    const difference = firstDifference(ours.body, theirs.body, '');
    log(
      difference
        ? `the API's grid and the baseline's differ (so they do not do exactly the same work): ${difference}`
        : `the API's grid and the baseline's are identical (${ours.bytes} bytes)`,
    );
  }

  if (!rows.get('grid.api')?.unavailable) {
    // Server side: transactions committed in the bench database (each statement outside a
    // transaction is one); before anything here writes, so autovacuum stays out of it.
    const n = 200;
    const before = await settledCommits(admin);
    for (let i = 0; i < n; i++) await send(API_ORIGIN, gridApi());
    const transactions = ((await settledCommits(admin)) - before) / n;
    log(`grid.api: ${transactions.toFixed(2)} transactions per request (pg_stat_database, ${n})`);
    rows.get('grid.api')!.transactions = transactions;
  }
  // Client side: statements the API process sent, over sequential requests.
  for (const s of scenarios) {
    const row = rows.get(s.key)!;
    if (row.unavailable || !s.count) continue;
    const before = await api.statements();
    const took: number[] = [];
    for (let i = 0; i < s.count; i++) {
      const started = performance.now();
      await send(s.server.baseUrl, s.next());
      took.push(performance.now() - started);
    }
    row.statements = ((await api.statements()) - before) / s.count;
    row.alone = percentiles(took);
    log(
      `${s.key}: ${row.statements.toFixed(2)} SQL statements per request; one at a time p50 ${row.alone.p50.toFixed(1)} ms, p95 ${row.alone.p95.toFixed(1)} ms, p99 ${row.alone.p99.toFixed(1)} ms (${s.count} requests)`,
    );
  }

  for (const s of scenarios) {
    const row = rows.get(s.key)!;
    if (row.unavailable) continue;
    if (!s.server.alive) throw new Error(`${s.server.name} died:\n${s.server.tail()}`);
    log(`${s.key}: warm-up ${WARMUP_SECONDS} s, then ${SECONDS} s at ${CONNECTIONS} connections`);
    await load(s.server.baseUrl, s.next, WARMUP_SECONDS, CONNECTIONS);
    row.result = await load(s.server.baseUrl, s.next, SECONDS, CONNECTIONS);
    const r = row.result;
    log(
      `${s.key}: ${r.rps.toFixed(1)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms` +
        (r.non2xx || r.errors
          ? `, ${r.non2xx} non-2xx ${JSON.stringify(r.statusCodes)}, ${r.errors} errors`
          : ''),
    );
  }
  return rows;
}

interface Sent {
  ok: boolean;
  status: number;
  code?: string;
  detail: string;
  body: unknown;
  bytes: number;
}

async function send(origin: string, request: NextRequest): Promise<Sent> {
  const response = await fetch(`${origin}${request.path}`, {
    method: request.method ?? 'GET',
    headers: request.body
      ? { ...request.headers, 'content-type': 'application/json' }
      : request.headers,
    body: request.body,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  const problem = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return {
    ok: response.ok,
    status: response.status,
    code: typeof problem.code === 'string' ? problem.code : undefined,
    detail:
      typeof problem.detail === 'string'
        ? problem.detail
        : typeof problem.title === 'string'
          ? problem.title
          : text.slice(0, 200),
    body,
    bytes: Buffer.byteLength(text),
  };
}

/** The first path where two JSON values differ, or undefined. */
function firstDifference(a: unknown, b: unknown, path: string): string | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path || '.'}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const found = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of [...keys].sort()) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (found) return found;
    }
    return undefined;
  }
  return a === b ? undefined : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

/**
 * xact_commit of the bench database once the backends have reported (PostgreSQL 15 flushes
 * a backend's statistics within about a second of going idle): unchanged for 3 s.
 */
async function settledCommits(admin: Client): Promise<number> {
  const read = async () =>
    Number(
      (
        await admin.query<{ n: string }>(
          'select xact_commit::text as n from pg_stat_database where datname = $1',
          [databaseOf(BENCH_DATABASE_URL)],
        )
      ).rows[0].n,
    );
  let last = await read();
  let stableSince = Date.now();
  const deadline = Date.now() + 20_000;
  while (Date.now() - stableSince < 3000 && Date.now() < deadline) {
    await sleep(250);
    const now = await read();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    }
  }
  return last;
}

function judge(rows: Map<string, Row>): Target[] {
  const rps = (key: string) => rows.get(key)?.result?.rps;
  const ratio = (a?: number, b?: number) => (a !== undefined && b ? a / b : undefined);
  const targets: Target[] = [];
  const gridRatio = ratio(rps('grid.api'), rps('grid.baseline'));
  targets.push({
    name: 'journal grid: throughput ≥ 1.0 × baseline',
    measured: gridRatio === undefined ? 'not measured' : `${gridRatio.toFixed(2)} ×`,
    pass: gridRatio === undefined ? null : gridRatio >= 1.0,
  });
  const grid = rows.get('grid.api');
  targets.push({
    name: 'journal grid: ≤ 2 SQL statements per request',
    measured:
      grid?.statements === undefined
        ? 'not measured'
        : `${grid.statements.toFixed(2)} statements, ${grid.transactions?.toFixed(2) ?? '?'} transactions`,
    pass: grid?.statements === undefined ? null : grid.statements <= 2,
  });
  const alone = (key: string, pick: 'p95' | 'p99') => {
    const value = rows.get(key)?.alone?.[pick];
    return value === undefined ? '' : ` (one at a time: ${value.toFixed(1)} ms)`;
  };
  const diary = rows.get('diary.api')?.result;
  targets.push({
    name: 'diary week: p99 ≤ 20 ms',
    measured: diary ? `${diary.p99.toFixed(1)} ms${alone('diary.api', 'p99')}` : 'not measured',
    pass: diary ? diary.p99 <= 20 && diary.non2xx === 0 : null,
  });
  const put = rows.get('lessonMarks.api')?.result;
  targets.push({
    name: 'whole-lesson marks (30): p95 ≤ 30 ms',
    measured: put ? `${put.p95.toFixed(1)} ms${alone('lessonMarks.api', 'p95')}` : 'not measured',
    pass: put ? put.p95 <= 30 && put.non2xx === 0 : null,
  });
  for (const [key, who] of [
    ['mark.api.deputy', 'deputy'],
    ['mark.api.teacher', 'teacher'],
  ]) {
    const r = ratio(rps(key), rps('mark.baseline'));
    targets.push({
      name: `single mark read (${who}): throughput ≥ 0.5 × baseline`,
      measured: r === undefined ? 'not measured' : `${r.toFixed(2)} ×`,
      pass: r === undefined ? null : r >= 0.5,
    });
  }
  return targets;
}

interface Facts {
  lines: string[];
  json: Record<string, unknown>;
}

async function machineFacts(db: Client): Promise<Facts> {
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
      r ? String(r.non2xx + r.errors) : '',
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

function report(
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
    `Measured ${new Date().toISOString().slice(0, 10)}: ${facts.lines[0].replace('machine: ', '')}; ${facts.lines[1].replace('software: ', '')}. ${CONNECTIONS} connections, ${SECONDS} s per run after a ${WARMUP_SECONDS} s warm-up.`,
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

main().catch((error: unknown) => {
  console.error('[bench] failed:', error);
  process.exit(1);
});

/** p50/p95/p99 of some durations (nearest rank). */
function percentiles(durations: number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return { p50: at(50), p95: at(95), p99: at(99) };
}

import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { apiEnvironment, baselineEnvironment, bearerFor } from './api-env';
import { measureDemoSeed } from './demo-seed';
import { load } from './load';
import { assertPortFree, Server, sleep } from './processes';
import { machineFacts, percentiles, report } from './report';
import { judgeReports } from './report-targets';
import { measureReports } from './reports';
import { FIXED_RATE_RUNS, gridApiRequest, scenariosOf, type Scenario } from './scenarios';
import { ensureSeeded } from './seed';
import { firstDifference, send } from './send';
import {
  API_PORT,
  BASELINE_PORT,
  BENCH_DATABASE_URL,
  CONNECTIONS,
  ROOT,
  SECONDS,
  WARMUP_SECONDS,
  databaseOf,
  withDatabase,
} from './settings';
import { atRate, judge, type Row } from './targets';
import { loadWorld } from './world';

/**
 * `make bench`: seeds the bench database when needed, starts the API (from dist/, production
 * settings, statement counter preloaded) and the hand-written baseline, then measures each
 * scenario with autocannon (warm-up, then measurement at saturation with 50 connections, and
 * for the latency targets at a fixed offered rate) and prints requests/s and latency
 * percentiles side by side, the ratios and the targets of issues 6 and 13.
 * `BENCH_ONLY=mark,nodb` measures only the scenarios whose keys start so (while iterating).
 */

const API_ORIGIN = `http://127.0.0.1:${API_PORT}`;
const BASELINE_ORIGIN = `http://127.0.0.1:${BASELINE_PORT}`;
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);

const log = (message: string) => console.log(`[bench] ${message}`);

async function main(): Promise<void> {
  const started = performance.now();
  await ensureSeeded(process.env.BENCH_RESEED === '1');

  const admin = new Client({ connectionString: withDatabase(BENCH_DATABASE_URL, 'postgres') });
  const db = new Client({ connectionString: BENCH_DATABASE_URL });
  await admin.connect();
  await db.connect();
  const world = await loadWorld(db);
  const facts = await machineFacts(db);
  await db.end();
  for (const line of facts.lines) log(line);
  // Before the servers start: the seed has the machine to itself, as on a first `make run`.
  const demoSeedSeconds =
    ONLY.length === 0 || ONLY.some((prefix) => 'demo'.startsWith(prefix))
      ? await measureDemoSeed(log)
      : undefined;

  // Backups and report files of this run, removed at the end.
  const scratchDir = mkdtempSync(join(os.tmpdir(), 'bench-files-'));
  const apiEnv = apiEnvironment(scratchDir);
  const bearer = bearerFor(apiEnv, world);

  const servers: Server[] = [];
  const stopAll = async () => {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(scratchDir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the servers`);
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    await Promise.all([assertPortFree(API_PORT), assertPortFree(BASELINE_PORT)]);
    log(`starting the API (dist/main.js) on ${API_ORIGIN} and the baseline on ${BASELINE_ORIGIN}`);
    const api = Server.start('API', API_ORIGIN, join(ROOT, 'dist', 'main.js'), apiEnv, [
      '-r',
      join(__dirname, 'query-counter.js'),
    ]);
    servers.push(api);
    const baseline = Server.start(
      'baseline',
      BASELINE_ORIGIN,
      join(__dirname, 'baseline', 'server.js'),
      baselineEnvironment(BASELINE_PORT),
    );
    servers.push(baseline);
    await Promise.all([api.waitReady(), baseline.waitReady()]);

    const selected = (key: string) =>
      ONLY.length === 0 || ONLY.some((prefix) => key.startsWith(prefix));
    const all = scenariosOf(world, bearer, api, baseline);
    const scenarios = all.filter((s) => selected(s.key));
    const gridApi = gridApiRequest(world, bearer(world.teacher.accountId, 'teacher'));
    const results = await runScenarios(scenarios, gridApi, api, admin);
    // Issue 15: last, with the worker running (only then; at info it says when it is ready).
    const reports = await measureReports({
      world,
      apiOrigin: API_ORIGIN,
      deputy: bearer(world.deputyAccountId, 'deputy'),
      // The worker as deployed: the school's limit (REPORTS_PER_SCHOOL, 2) and WORKER_NICE apply.
      workerEnv: { ...apiEnv, LOG_LEVEL: 'info' },
      servers,
      diary: all.find((s) => s.key === 'diary.api')!,
      rows: results,
      selected,
      log,
    });
    const targets = [...judge(results, demoSeedSeconds), ...judgeReports(reports)];
    report(world, facts, results, targets, performance.now() - started);
  } finally {
    await stopAll();
    await admin.end();
  }
}

async function runScenarios(
  scenarios: Scenario[],
  gridApi: Scenario['next'],
  api: Server,
  admin: Client,
): Promise<Map<string, Row>> {
  const rows = new Map<string, Row>();

  // Probe every scenario once: a missing route is reported, not measured.
  for (const s of scenarios) {
    const probe = await send(s.server.baseUrl, s.next());
    if (s.expectStatus ? probe.status === s.expectStatus : probe.ok) {
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
  const measured = (key: string) => rows.has(key) && !rows.get(key)!.unavailable;
  if (measured('grid.api') && measured('grid.baseline')) {
    const [ours, theirs] = await Promise.all([
      send(API_ORIGIN, gridApi()),
      send(BASELINE_ORIGIN, scenarios.find((s) => s.key === 'grid.baseline')!.next()),
    ]);
    const difference = firstDifference(ours.body, theirs.body, '');
    log(
      difference
        ? `the API's grid and the baseline's differ (so they do not do exactly the same work): ${difference}`
        : `the API's grid and the baseline's are identical (${ours.bytes} bytes)`,
    );
  }

  if (measured('grid.api')) {
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

  const measure = async (s: Scenario, row: Row, rate?: number) => {
    if (!s.server.alive) throw new Error(`${s.server.name} died:\n${s.server.tail()}`);
    const how = rate ? `${rate.toFixed(0)} req/s offered` : 'saturation';
    log(
      `${s.key}: warm-up ${WARMUP_SECONDS} s, then ${SECONDS} s at ${how}` +
        (rate ? ' (open loop, a request every 1/rate s)' : ` (${CONNECTIONS} connections)`),
    );
    const options = { connections: CONNECTIONS, rate, expectStatus: s.expectStatus };
    await load(s.server.baseUrl, s.next, { ...options, seconds: WARMUP_SECONDS });
    const r = await load(s.server.baseUrl, s.next, { ...options, seconds: SECONDS });
    row.result = r;
    log(
      `${s.key}: ${r.rps.toFixed(1)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms` +
        (r.p99Corrected !== undefined ? ` (corrected ${r.p99Corrected.toFixed(1)} ms)` : '') +
        (r.unexpected || r.errors
          ? `, ${r.unexpected} unexpected ${JSON.stringify(r.statusCodes)}, ${r.errors} errors`
          : ''),
    );
  };
  for (const s of scenarios) {
    const row = rows.get(s.key)!;
    if (!row.unavailable) await measure(s, row);
  }
  // Latency at an offered load: half a maximum measured above, in the same run.
  for (const run of FIXED_RATE_RUNS) {
    const s = scenarios.find((candidate) => candidate.key === run.key);
    const max = rows.get(run.of)?.result?.rps;
    if (!s || !max || !measured(run.key)) continue;
    const rate = max / 2;
    const row: Row = { scenario: s.scenario, side: `${s.side} at ${rate.toFixed(0)} req/s` };
    rows.set(atRate(run.key), row);
    await measure(s, row, rate);
  }
  return rows;
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
  let stableSince = performance.now();
  const deadline = performance.now() + 20_000;
  while (performance.now() - stableSince < 3000 && performance.now() < deadline) {
    await sleep(250);
    const now = await read();
    if (now !== last) {
      last = now;
      stableSince = performance.now();
    }
  }
  return last;
}

main().catch((error: unknown) => {
  console.error('[bench] failed:', error);
  process.exit(1);
});

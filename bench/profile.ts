import 'reflect-metadata';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { apiEnvironment, bearerFor } from './api-env';
import { load } from './load';
import { assertPortFree, Server } from './processes';
import { formatSummary, summarise } from './profile-summary';
import { scenariosOf } from './scenarios';
import { ensureSeeded } from './seed';
import {
  API_PORT,
  BENCH_DATABASE_URL,
  CONNECTIONS,
  ROOT,
  SECONDS,
  WARMUP_SECONDS,
} from './settings';
import { loadWorld } from './world';

/**
 * `make bench BENCH_PROFILE=<scenario key>` (or `node dist/bench/bench/profile.js <key>`):
 * starts the API as the bench does, warms the scenario up, then profiles the API process
 * with V8's sampling profiler while the scenario runs at saturation. Writes
 * `bench/results/<key>.cpuprofile` (open it in Chrome DevTools) and prints the functions
 * with the most self time, and the packages they are in.
 */
async function main(): Promise<void> {
  const key = process.argv[2] ?? 'mark.api.teacher';
  await ensureSeeded(process.env.BENCH_RESEED === '1');
  const db = new Client({ connectionString: BENCH_DATABASE_URL });
  await db.connect();
  const world = await loadWorld(db);
  await db.end();

  const backupDir = mkdtempSync(join(os.tmpdir(), 'bench-backups-'));
  const env = apiEnvironment(backupDir);
  await assertPortFree(API_PORT);
  const api = Server.start(
    'API',
    `http://127.0.0.1:${API_PORT}`,
    join(ROOT, 'dist', 'main.js'),
    env,
    ['-r', join(__dirname, 'query-counter.js'), '-r', join(__dirname, 'profiler.js')],
  );
  try {
    await api.waitReady();
    const scenario = scenariosOf(world, bearerFor(env, world), api, api).find((s) => s.key === key);
    if (!scenario || scenario.server !== api) throw new Error(`no API scenario ${key}`);
    const options = { connections: CONNECTIONS, expectStatus: scenario.expectStatus };
    await load(api.baseUrl, scenario.next, { ...options, seconds: WARMUP_SECONDS });
    await api.ask({ profileStart: true }, 'profiling');
    const result = await load(api.baseUrl, scenario.next, { ...options, seconds: SECONDS });
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = await api.ask<string>({ profileStop: join(dir, `${key}.cpuprofile`) }, 'profile');
    const summary = formatSummary(
      summarise(JSON.parse(readFileSync(file, 'utf8')) as Parameters<typeof summarise>[0]),
    );
    const text = `${key}: ${result.rps.toFixed(1)} req/s (${result.unexpected} unexpected) at ${CONNECTIONS} connections; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}\n${summary}\n`;
    writeFileSync(join(dir, `${key}.profile.txt`), text);
    console.log(text);
    console.log(`[bench] profile written to ${file}`);
  } finally {
    await api.stop();
    rmSync(backupDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('[bench] profile failed:', error);
  process.exit(1);
});

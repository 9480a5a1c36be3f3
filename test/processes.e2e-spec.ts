import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { clearRedisPrefix, createTestDatabase, TEST_JWT_SECRET } from './support/test-app';
import { TEST_REDIS_URL } from './support/test-env';

/** Starts a compiled entry point, waits for `ready` in its output, sends SIGTERM, returns the exit code. */
function startAndStop(
  entry: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  const script = join(__dirname, '..', 'dist', entry);
  if (!existsSync(script))
    throw new Error(`${script} is missing: run "npm run build" first (make test does)`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH, ...env } });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not get ready or did not stop in time:\n${output}`));
    }, 20000);
    const onData = (chunk: Buffer) => {
      const before = output;
      output += chunk.toString();
      if (!ready.test(before) && ready.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

/** Polls `condition` every 50 ms until it holds, or fails after `ms`. */
async function eventually(condition: () => boolean, ms: number, what: () => string): Promise<void> {
  for (let waited = 0; !condition(); waited += 50) {
    if (waited >= ms) throw new Error(`timed out waiting: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Nest runs the shutdown hooks on SIGTERM and then re-raises the signal, so a clean stop
 * ends "killed by SIGTERM" after the hooks ran — not with a crash, and not by timeout.
 */
describe('processes stop cleanly on SIGTERM', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const prefix = `test:processes${process.pid}`;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = {
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      JWT_SECRET: TEST_JWT_SECRET,
      PORT: String(20000 + (process.pid % 20000)),
      HOST: '127.0.0.1',
    };
  });
  afterAll(async () => {
    await database.drop();
    await clearRedisPrefix(prefix);
  });

  it('the worker stops taking jobs, lets running ones finish, and exits', async () => {
    const { signal, output } = await startAndStop('worker.js', env, /processing queue/);
    expect(signal).toBe('SIGTERM');
    expect(output).toContain('stopped: no longer taking jobs, running jobs finished');
  });

  it('the API closes its server and exits', async () => {
    const { code, signal, output } = await startAndStop('main.js', env, /API listening/);
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
    expect(output).not.toMatch(/"level":50/);
  });

  it('with LOG_FORMAT=pretty the API writes one plain line per request', async () => {
    const script = join(__dirname, '..', 'dist', 'main.js');
    const child = spawn(process.execPath, [script], {
      env: { PATH: process.env.PATH, ...env, LOG_FORMAT: 'pretty' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      await eventually(
        () => output.includes('API listening'),
        20000,
        () => output,
      );
      const base = `http://127.0.0.1:${env.PORT}`;
      expect((await fetch(`${base}/health`)).status).toBe(200);
      expect((await fetch(`${base}/v1/me`)).status).toBe(401);
      await eventually(
        () => /GET \/v1\/me 401/.test(output),
        5000,
        () => output,
      );
    } finally {
      child.kill('SIGTERM');
      await exited;
    }

    const lines = output.trimEnd().split('\n');
    const time = String.raw`\d\d:\d\d:\d\d\.\d{3}`;
    expect(lines.filter((line) => line.includes('/health'))).toEqual([
      expect.stringMatching(new RegExp(`^${time} INFO  GET /health 200 \\d+\\.\\d ms req=\\S+$`)),
    ]);
    expect(lines.filter((line) => line.includes('/v1/me'))).toEqual([
      expect.stringMatching(/ GET \/v1\/me 401 \d+\.\d ms auth\.unauthenticated req=/),
    ]);
    expect(lines.every((line) => new RegExp(`^${time} [A-Z]{4,5} `).test(line))).toBe(true);
    expect(output).not.toContain('\u001b[');
    // The module and route dump is at debug level.
    expect(output).not.toMatch(/InstanceLoader|RoutesResolver|RouterExplorer/);
  });
});

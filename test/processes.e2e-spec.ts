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
});

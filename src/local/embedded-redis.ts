import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { LauncherError } from './errors';
import { describeExit, ManagedChild } from './managed-child';
import { pollUntil, portIsOpen, redisAnswers } from './net-wait';

export interface RunningRedis {
  url: string;
  process: ManagedChild;
  stop: () => Promise<void>;
}

/**
 * Starts a private `redis-server` from PATH. Append-only persistence keeps queued jobs
 * (and their schedules) across restarts, as a real deployment would.
 */
export async function startEmbeddedRedis(
  dataDir: string,
  port: number,
  cwd: string,
): Promise<RunningRedis> {
  const binary = requireRedisServer();
  // Checked first: otherwise an old server on the port would answer our PING while ours
  // fails to bind, and the apps would quietly use the wrong (unpersisted) Redis.
  if (await portIsOpen(port)) {
    throw new LauncherError(
      `port ${port} is already in use (a redis-server left over from an earlier run?). ` +
        'Stop that process or set EMBEDDED_REDIS_PORT to use another port.',
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const settings = {
    port: String(port),
    bind: '127.0.0.1',
    dir: dataDir,
    appendonly: 'yes',
    daemonize: 'no',
    loglevel: 'warning',
  };
  const args = Object.entries(settings).flatMap(([name, value]) => [`--${name}`, value]);
  const redis = new ManagedChild('redis', binary, args, process.env, cwd);

  const ready = await Promise.race([
    pollUntil(() => redisAnswers(port), 15_000).then((ok) => (ok ? 'ready' : 'no answer in 15s')),
    redis.exited.then((status) => describeExit(status)),
  ]);
  if (ready !== 'ready') {
    await redis.stop('SIGKILL');
    throw new LauncherError(
      `redis-server did not start (${ready}); its output is above. ` +
        'Set EMBEDDED_REDIS_PORT to try another port, or REDIS_URL to use a running Redis.',
    );
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    process: redis,
    stop: async () => {
      // SIGTERM makes Redis flush the append-only file before exiting.
      await redis.stop('SIGTERM', 10_000);
    },
  };
}

/** The path of `redis-server`, or an error telling the user how to get one. */
export function requireRedisServer(): string {
  const binary = findOnPath('redis-server');
  if (!binary) {
    throw new LauncherError(
      'REDIS_URL is not set and no `redis-server` was found on PATH. Either point the ' +
        'launcher at a running Redis (REDIS_URL=redis://127.0.0.1:6379 make run) or install ' +
        'one (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis).',
    );
  }
  return binary;
}

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

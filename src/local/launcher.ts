/**
 * `make run`: the whole system on one machine, with no configuration at all.
 *
 * Whatever the environment does not provide, the launcher provides itself:
 *   DATABASE_URL unset → an embedded PostgreSQL 15 in .data/postgres (port 54329)
 *   REDIS_URL unset    → a private redis-server from PATH in .data/redis (port 63790)
 *   JWT_SECRET unset   → a random secret kept in .data/jwt-secret
 * Then it migrates, seeds the demo region (idempotent), runs the API and the worker
 * until Ctrl+C or until one of them dies, and stops everything it started, in order:
 * the apps first (they drain jobs and close connections), then Redis, then PostgreSQL.
 *
 * Every child runs in a process group of its own, so a Ctrl+C in the terminal reaches
 * only the launcher, which then forwards it (see managed-child.ts).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';
import { startEmbeddedPostgres } from './embedded-postgres';
import { requireRedisServer, startEmbeddedRedis } from './embedded-redis';
import { LauncherError } from './errors';
import { describeExit, ManagedChild, type ExitStatus } from './managed-child';
import { pollUntil, portIsOpen } from './net-wait';
import { complain, say } from './output';
import { readOrCreateSecret } from './secret-file';

// This file runs as dist/local/launcher.js; two levels up is the repository root.
const ROOT = resolve(__dirname, '..', '..');
const DATA = join(ROOT, '.data');
const DIST = join(ROOT, 'dist');

interface Cleanup {
  name: string;
  run: () => Promise<unknown>;
}

/** Thrown between start-up steps once a signal asked us to stop. */
class StopRequested extends Error {}

class Launcher {
  /** What has been started, undone last-first: the apps, then Redis, then PostgreSQL. */
  private readonly cleanups: Cleanup[] = [];
  private readonly children = new Set<ManagedChild>();
  /** The one-shot command (migrate, seed) running now, so a signal can reach it. */
  private foreground: ManagedChild | undefined;
  /** PostgreSQL and Redis when the launcher started them: the apps cannot work without
   *  them, so their death is a failure too. */
  private readonly services: ManagedChild[] = [];
  private stopSignal: NodeJS.Signals | undefined;
  private readonly stopRequested: Promise<void>;
  private requestStop: () => void = () => undefined;

  constructor() {
    this.stopRequested = new Promise<void>((resolve) => (this.requestStop = resolve));
  }

  /** Returns the exit code: 0 after a requested stop, 1 after any failure. */
  async run(): Promise<number> {
    try {
      this.checkBuilt();
      const env = await this.prepareEnvironment();
      await this.runCommand('migrate', ['migrate'], env);
      if (wantsDemoSeed(env)) await this.runCommand('seed', ['seed-demo'], env);
      return await this.serve(env);
    } catch (error) {
      if (this.stopSignal) return 0; // start-up interrupted on purpose
      report(error);
      return 1;
    } finally {
      await this.stopEverything();
    }
  }

  onSignal(signal: NodeJS.Signals): void {
    if (this.stopSignal) {
      // A second Ctrl+C means "now": kill the apps without waiting for their graceful
      // shutdown. The databases still stop cleanly, so their data stays consistent.
      complain(`${signal} again: killing the apps`);
      for (const child of this.children) {
        if (!this.services.includes(child)) child.signal('SIGKILL');
      }
      return;
    }
    // Nest and BullMQ understand SIGINT and SIGTERM; a closed terminal (SIGHUP) is a SIGTERM.
    this.stopSignal = signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM';
    say(`${signal} received, stopping (press Ctrl+C again to kill)`);
    this.foreground?.signal(this.stopSignal);
    this.requestStop();
  }

  private checkBuilt(): void {
    for (const entry of ['cli.js', 'main.js', 'worker.js']) {
      if (!existsSync(join(DIST, entry))) {
        throw new LauncherError(`dist/${entry} is missing: run \`make build\` (or \`make run\`).`);
      }
    }
  }

  /** The children's environment: ours, plus whatever the launcher had to provide. */
  private async prepareEnvironment(): Promise<NodeJS.ProcessEnv> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: process.env.NODE_ENV || 'development',
      PORT: String(apiPort()),
      // Lines for a person (the launcher's own output is read, not shipped), unless asked.
      LOG_FORMAT: isSet('LOG_FORMAT') ? process.env.LOG_FORMAT : 'pretty',
    };

    // Fail before the slow PostgreSQL start rather than after it.
    if (!isSet('REDIS_URL')) requireRedisServer();

    if (isSet('DATABASE_URL')) {
      say('using DATABASE_URL from the environment');
    } else {
      const port = portFromEnv('EMBEDDED_POSTGRES_PORT', 54329);
      const postgres = await startEmbeddedPostgres(join(DATA, 'postgres'), port, ROOT);
      this.track(postgres.process);
      this.services.push(postgres.process);
      this.cleanups.push({ name: 'PostgreSQL', run: postgres.stop });
      env.DATABASE_URL = postgres.url;
      say(`embedded PostgreSQL on 127.0.0.1:${port} (data in .data/postgres)`);
      this.throwIfStopping();
    }

    if (isSet('REDIS_URL')) {
      say('using REDIS_URL from the environment');
    } else {
      const port = portFromEnv('EMBEDDED_REDIS_PORT', 63790);
      const redis = await startEmbeddedRedis(join(DATA, 'redis'), port, ROOT);
      this.track(redis.process);
      this.services.push(redis.process);
      this.cleanups.push({ name: 'Redis', run: redis.stop });
      env.REDIS_URL = redis.url;
      say(`private Redis on 127.0.0.1:${port} (data in .data/redis)`);
      this.throwIfStopping();
    }

    if (!isSet('JWT_SECRET')) {
      env.JWT_SECRET = readOrCreateSecret(join(DATA, 'jwt-secret'));
      say('JWT_SECRET read from .data/jwt-secret');
    }
    return env;
  }

  private async runCommand(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
    const child = this.spawnNode(name, 'cli.js', args, env);
    this.foreground = child;
    const status = await child.exited;
    this.foreground = undefined;
    this.throwIfStopping();
    if (status.code !== 0) {
      throw new LauncherError(`\`cli ${args.join(' ')}\` failed (${describeExit(status)})`);
    }
  }

  /** Runs the API and the worker until a signal (→ 0) or until one of them dies (→ 1). */
  private async serve(env: NodeJS.ProcessEnv): Promise<number> {
    const port = apiPort();
    // Otherwise the banner would point at whatever already listens there.
    if (await portIsOpen(port)) {
      throw new LauncherError(`port ${port} is already in use; set PORT to use another one`);
    }
    const apps = [
      this.spawnNode('api', 'main.js', [], env),
      this.spawnNode('worker', 'worker.js', [], env),
    ];
    this.cleanups.push({
      name: 'api and worker',
      run: () => Promise.all(apps.map((app) => app.stop(this.stopSignal ?? 'SIGTERM'))),
    });

    const watched = [...apps, ...this.services];
    const firstExit = Promise.race(
      watched.map((child) => child.exited.then((status) => ({ child, status }))),
    );
    let exited: { child: ManagedChild; status: ExitStatus } | undefined;
    void firstExit.then((first) => (exited = first));

    const listening = await pollUntil(
      async () => exited !== undefined || !!this.stopSignal || (await portIsOpen(port)),
      60_000,
    );
    if (!exited && !this.stopSignal) {
      if (listening) printBanner(port, wantsDemoSeed(env));
      else complain(`the API is not listening on port ${port} after 60s; still waiting`);
    }

    const outcome = await Promise.race([this.stopRequested.then(() => undefined), firstExit]);
    if (!outcome) return 0;
    complain(
      `${outcome.child.name} stopped unexpectedly (${describeExit(outcome.status)}); stopping the rest`,
    );
    return 1;
  }

  private spawnNode(
    name: string,
    script: string,
    args: string[],
    env: NodeJS.ProcessEnv,
  ): ManagedChild {
    const child = new ManagedChild(
      name,
      process.execPath,
      ['--enable-source-maps', join(DIST, script), ...args],
      env,
      ROOT,
    );
    return this.track(child);
  }

  private track(child: ManagedChild): ManagedChild {
    this.children.add(child);
    void child.exited.then(() => this.children.delete(child));
    return child;
  }

  private throwIfStopping(): void {
    if (this.stopSignal) throw new StopRequested();
  }

  private async stopEverything(): Promise<void> {
    for (let cleanup = this.cleanups.pop(); cleanup; cleanup = this.cleanups.pop()) {
      try {
        await cleanup.run();
      } catch (error) {
        complain(`stopping ${cleanup.name} failed: ${String(error)}`);
      }
    }
  }
}

/** Demo accounts share a published password: never on a production database. */
function wantsDemoSeed(env: NodeJS.ProcessEnv): boolean {
  return env.NODE_ENV !== 'production';
}

function printBanner(port: number, demoSeeded: boolean): void {
  say('');
  say(`API docs: http://localhost:${port}/docs`);
  if (demoSeeded) {
    say(`Demo logins (password: ${DEMO_PASSWORD}):`);
    const loginWidth = Math.max(...DEMO_ACCOUNTS.map((account) => account.login.length));
    const roleWidth = Math.max(...DEMO_ACCOUNTS.map((account) => account.role.length));
    for (const { login, role, school, note } of DEMO_ACCOUNTS) {
      say(
        `  ${login.padEnd(loginWidth)}  ${role.padEnd(roleWidth)}  ${school}${note ? ` (${note})` : ''}`,
      );
    }
    say('What each login finds: README.md, "Demo logins".');
  }
  say('Press Ctrl+C to stop.');
  say('');
}

function report(error: unknown): void {
  if (error instanceof LauncherError) complain(error.message);
  else complain(error instanceof Error ? (error.stack ?? error.message) : String(error));
}

/** Empty counts as unset, as it does for the apps' own configuration. */
function isSet(name: string): boolean {
  return (process.env[name] ?? '').trim() !== '';
}

function apiPort(): number {
  return portFromEnv('PORT', 3000);
}

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new LauncherError(`${name} must be a port number (1-65535), got "${raw}"`);
  }
  return port;
}

async function main(): Promise<void> {
  const launcher = new Launcher();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => launcher.onSignal(signal));
  }
  // Explicit exit: a stray handle (a timer, a socket) must not keep the launcher alive.
  process.exit(await launcher.run());
}

main().catch((error: unknown) => {
  report(error);
  process.exit(1);
});

import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * The servers under test, each a child process of the runner: started with `fork` (so the
 * runner can ask the API for its statement count over IPC), their output kept in memory and
 * shown only when something goes wrong, and always stopped at the end.
 */
export class Server {
  private readonly output: string[] = [];
  private exited: { code: number | null; signal: string | null } | undefined;

  private constructor(
    readonly name: string,
    readonly baseUrl: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString().split('\n').filter(Boolean));
      if (this.output.length > 200) this.output.splice(0, this.output.length - 200);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', (code, signal) => (this.exited = { code, signal }));
  }

  static start(
    name: string,
    baseUrl: string,
    script: string,
    env: NodeJS.ProcessEnv,
    execArgv: string[] = [],
  ): Server {
    const child = fork(script, [], {
      cwd: process.cwd(),
      env,
      execArgv,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    return new Server(name, baseUrl, child);
  }

  /** The last lines the process wrote (for error reports). */
  tail(lines = 40): string {
    return this.output.slice(-lines).join('\n');
  }

  /** Waits until `GET path` answers 2xx; fails early when the process exits. */
  async waitReady(path = '/health', timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) {
        throw new Error(
          `${this.name} exited (code ${this.exited.code}, signal ${this.exited.signal}) before it was ready:\n${this.tail()}`,
        );
      }
      try {
        const response = await fetch(`${this.baseUrl}${path}`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(`${this.name} was not ready within ${timeoutMs / 1000} s:\n${this.tail()}`);
  }

  /** Waits until the process writes `text` (a server without a port: the worker). */
  async waitForOutput(text: string, timeoutMs = 60_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!this.output.some((line) => line.includes(text))) {
      if (this.exited) {
        throw new Error(
          `${this.name} exited (code ${this.exited.code}, signal ${this.exited.signal}) before it wrote "${text}":\n${this.tail()}`,
        );
      }
      if (performance.now() > deadline) {
        throw new Error(
          `${this.name} did not write "${text}" within ${timeoutMs / 1000} s:\n${this.tail()}`,
        );
      }
      await sleep(100);
    }
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** The number of statements the API has sent to PostgreSQL (needs the query counter). */
  statements(): Promise<number> {
    return this.ask<number>('bench:statements', 'statements', 5000);
  }

  /** Sends `message` over IPC and resolves with the field `key` of the first answer having it. */
  ask<T>(message: string | object, key: string, timeoutMs = 30_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.child.off('message', onMessage);
        reject(new Error(`${this.name}: no answer with ${key}`));
      }, timeoutMs);
      const onMessage = (answer: unknown) => {
        if (answer && typeof answer === 'object' && key in answer) {
          clearTimeout(timer);
          this.child.off('message', onMessage);
          resolve((answer as Record<string, T>)[key]);
        }
      };
      this.child.on('message', onMessage);
      this.child.send(message);
    });
  }

  /** SIGTERM, then SIGKILL after 5 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fails when something already listens on the port (a server left from another run…). */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(
        new Error(
          `port ${port} is in use: stop what listens there (an earlier benchmark still running?) or set BENCH_API_PORT / BENCH_BASELINE_PORT`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** In a server the runner forked: exit when the runner is gone (its IPC channel closes). */
export function exitWithParent(): void {
  if (process.send) process.on('disconnect', () => process.exit(0));
}

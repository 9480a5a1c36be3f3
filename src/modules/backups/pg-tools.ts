import { spawn } from 'node:child_process';
import { Client } from 'pg';

/**
 * Runs a program (the PostgreSQL client tools, tar), against `databaseUrl` when given; rejects with its error
 * output when it fails. The password travels in the environment, not on the command line
 * that `ps` shows.
 */
export function run(program: string, args: string[], databaseUrl?: string): Promise<string> {
  const env = { ...process.env };
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
    url.password = '';
    args = [...args, `--dbname=${url.toString()}`];
  }
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => reject(new Error(`${program} could not start: ${error.message}`)));
    child.on('close', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`${program} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

/**
 * `pg_dump` in custom format, from an exported snapshot so it matches rows counted in it. It
 * gives up rather than wait forever behind a lock held by, say, a running migration.
 */
export async function dumpDatabase(
  databaseUrl: string,
  file: string,
  snapshot: string,
): Promise<void> {
  await run(
    'pg_dump',
    ['--format=custom', '--lock-wait-timeout=60s', `--snapshot=${snapshot}`, `--file=${file}`],
    databaseUrl,
  );
}

/** Reads the whole archive (every data block, decompressed): fails on any damage. */
export async function readArchive(file: string): Promise<void> {
  await run('pg_restore', ['--file=/dev/null', file]);
}

/** Restores in one transaction: an error leaves the target as it was. */
export async function restoreArchive(
  file: string,
  databaseUrl: string,
  replaceExisting: boolean,
): Promise<void> {
  const replace = replaceExisting ? ['--clean', '--if-exists'] : [];
  await run(
    'pg_restore',
    ['--no-owner', '--exit-on-error', '--single-transaction', ...replace, file],
    databaseUrl,
  );
}

/** The same server, another database. */
export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `work` on a short-lived connection to `databaseUrl`, always closing it. */
export async function withClient<T>(
  databaseUrl: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

import { spawn } from 'node:child_process';

/**
 * Runs a PostgreSQL client program, against `databaseUrl` when given; rejects with its error
 * output when it fails. The password travels in the environment, not on the command line
 * that `ps` shows.
 */
function run(program: string, args: string[], databaseUrl?: string): Promise<string> {
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

/** `pg_dump` in custom format, from an exported snapshot so it matches rows counted in it. */
export async function dumpDatabase(
  databaseUrl: string,
  file: string,
  snapshot: string,
): Promise<void> {
  await run(
    'pg_dump',
    ['--format=custom', `--snapshot=${snapshot}`, `--file=${file}`],
    databaseUrl,
  );
}

/** Reads the archive's table of contents: fails on a truncated or damaged file. */
export async function listArchive(file: string): Promise<void> {
  await run('pg_restore', ['--list', file]);
}

export async function restoreArchive(
  file: string,
  databaseUrl: string,
  replaceExisting: boolean,
): Promise<void> {
  const replace = replaceExisting ? ['--clean', '--if-exists'] : [];
  await run('pg_restore', ['--no-owner', '--exit-on-error', ...replace, file], databaseUrl);
}

/** The same server, another database. */
export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

import { spawn } from 'node:child_process';

/** Runs a PostgreSQL client program; rejects with its error output when it fails. */
function run(program: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
  await run('pg_dump', [
    '--format=custom',
    `--snapshot=${snapshot}`,
    `--file=${file}`,
    `--dbname=${databaseUrl}`,
  ]);
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
  await run('pg_restore', [
    '--no-owner',
    '--exit-on-error',
    ...(replaceExisting ? ['--clean', '--if-exists'] : []),
    `--dbname=${databaseUrl}`,
    file,
  ]);
}

/** The same server, another database. */
export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

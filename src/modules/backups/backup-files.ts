import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { BackupCopy, BackupManifest } from './entities/backup.entity';
import { listArchive } from './pg-tools';

/** Files being written carry this suffix until complete: a reader never takes them for a backup. */
export const PARTIAL_SUFFIX = '.partial';

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Makes a finished file durable before it is renamed into place (and the rename after). */
async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function publish(partial: string): Promise<string> {
  const final = partial.slice(0, -PARTIAL_SUFFIX.length);
  await syncFile(partial);
  await rename(partial, final);
  await syncFile(dirname(final));
  return final;
}

export function partialPathIn(directory: string, fileName: string): string {
  return join(resolve(directory), `${fileName}${PARTIAL_SUFFIX}`);
}

export const manifestName = (fileName: string) => `${fileName}.manifest.json`;

/**
 * Copies a complete dump (still `.partial` in its first directory) to every other directory,
 * then publishes each copy and its manifest by atomic rename. A medium that fails (full,
 * unmounted) is reported on its copy; the others still get theirs.
 */
export async function writeCopies(
  dump: string,
  directories: string[],
  manifest: BackupManifest & { sha256: string },
): Promise<BackupCopy[]> {
  const fileName = basename(dump, PARTIAL_SUFFIX);
  const copies: BackupCopy[] = [];
  // The first directory's copy is the dump itself, published last: the others copy from it.
  for (const [index, directory] of [...directories.entries()]
    .slice(1)
    .concat([[0, directories[0]]])) {
    const path = join(resolve(directory), fileName);
    try {
      const partial = index === 0 ? dump : partialPathIn(directory, fileName);
      if (index !== 0) {
        await mkdir(resolve(directory), { recursive: true });
        await copyFile(dump, partial);
      }
      const manifestPartial = join(
        resolve(directory),
        `${manifestName(fileName)}${PARTIAL_SUFFIX}`,
      );
      await writeFile(manifestPartial, `${JSON.stringify(manifest, null, 2)}\n`);
      await publish(manifestPartial);
      await publish(partial);
      copies[index] = { directory, path, state: 'written', checkedAt: null, problem: null };
    } catch (error) {
      copies[index] = {
        directory,
        path,
        state: 'missing',
        checkedAt: new Date().toISOString(),
        problem: (error as Error).message,
      };
    }
  }
  return copies;
}

/** Checks one copy: present, the expected checksum, and readable by pg_restore. */
export async function verifyCopy(copy: BackupCopy, sha256: string): Promise<BackupCopy> {
  const checkedAt = new Date().toISOString();
  try {
    await stat(copy.path);
  } catch {
    return { ...copy, state: 'missing', checkedAt, problem: 'file not found' };
  }
  const actual = await sha256Of(copy.path);
  if (actual !== sha256) {
    return {
      ...copy,
      state: 'corrupt',
      checkedAt,
      problem: `checksum ${actual} differs from ${sha256}`,
    };
  }
  try {
    await listArchive(copy.path);
  } catch (error) {
    return { ...copy, state: 'corrupt', checkedAt, problem: (error as Error).message };
  }
  return { ...copy, state: 'verified', checkedAt, problem: null };
}

/** Removes leftovers of runs that died mid-write (only called while holding the backup lock). */
export async function removePartials(directories: string[]): Promise<void> {
  for (const directory of directories) {
    const entries = await readdir(resolve(directory)).catch(() => [] as string[]);
    for (const entry of entries.filter((name) => name.endsWith(PARTIAL_SUFFIX))) {
      await rm(join(resolve(directory), entry), { force: true });
    }
  }
}

export async function removeCopy(copy: BackupCopy): Promise<void> {
  await rm(copy.path, { force: true });
  await rm(join(dirname(copy.path), manifestName(basename(copy.path))), { force: true });
}

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  chmod,
  copyFile,
  mkdir,
  open,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { ArchivedFiles, BackupCopy, BackupManifest } from './entities/backup.entity';
import { listArchive } from './file-archives';
import { readArchive } from './pg-tools';

/** Files being written carry this suffix until complete: a reader never takes them for a backup. */
export const PARTIAL_SUFFIX = '.partial';

/** Dumps hold personal data and password hashes: only the service's own user reads them. */
const DIRECTORY_MODE = 0o700;
const FILE_MODE = 0o600;

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Makes a file (or a directory's entries) durable. */
async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Publishes a complete `.partial` file under its final name, atomically and durably. */
async function publish(partial: string): Promise<void> {
  await chmod(partial, FILE_MODE);
  await syncPath(partial);
  await rename(partial, partial.slice(0, -PARTIAL_SUFFIX.length));
  await syncPath(dirname(partial));
}

export async function ensureDirectory(directory: string): Promise<string> {
  const path = resolve(directory);
  await mkdir(path, { recursive: true, mode: DIRECTORY_MODE });
  return path;
}

export const manifestName = (fileName: string) => `${fileName}.manifest.json`;

/**
 * Copies a complete staged dump to every medium, each with its manifest, publishing each by
 * atomic rename. A medium that fails (full, unmounted, read-only) is reported on its copy;
 * the others still get theirs.
 */
export async function writeCopies(
  staged: string,
  fileName: string,
  directories: string[],
  manifest: BackupManifest & { sha256: string },
  now: () => Date,
  /** Staged archives of files that go beside the dump, under their final names. */
  archives: { staged: string; fileName: string }[] = [],
): Promise<BackupCopy[]> {
  const copies: BackupCopy[] = [];
  for (const directory of directories) {
    const path = join(resolve(directory), fileName);
    try {
      await ensureDirectory(directory);
      const manifestPartial = `${join(resolve(directory), manifestName(fileName))}${PARTIAL_SUFFIX}`;
      await writeFile(manifestPartial, `${JSON.stringify(manifest, null, 2)}\n`, {
        mode: FILE_MODE,
      });
      await publish(manifestPartial);
      // The archives first: a dump on a medium means its files are there too.
      for (const archive of archives) {
        const archivePath = `${join(resolve(directory), archive.fileName)}${PARTIAL_SUFFIX}`;
        await copyFile(archive.staged, archivePath);
        await publish(archivePath);
      }
      await copyFile(staged, `${path}${PARTIAL_SUFFIX}`);
      await publish(`${path}${PARTIAL_SUFFIX}`);
      copies.push({ directory, path, state: 'written', checkedAt: null, problem: null });
    } catch (error) {
      const problem = (error as Error).message;
      copies.push({
        directory,
        path,
        state: 'missing',
        checkedAt: now().toISOString(),
        problem,
      });
    }
  }
  return copies;
}

/**
 * Checks one copy: present, the expected checksum, every byte readable by pg_restore, and the
 * archives of files beside it with their checksums and file counts.
 */
export async function verifyCopy(
  copy: BackupCopy,
  sha256: string,
  now: () => Date,
  files: ArchivedFiles[] = [],
): Promise<BackupCopy> {
  const checkedAt = now().toISOString();
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
    await readArchive(copy.path);
  } catch (error) {
    return { ...copy, state: 'corrupt', checkedAt, problem: (error as Error).message };
  }
  for (const kind of files) {
    const problem = await archiveProblem(join(dirname(copy.path), kind.archive), kind);
    if (problem) return { ...copy, state: 'corrupt', checkedAt, problem };
  }
  return { ...copy, state: 'verified', checkedAt, problem: null };
}

/** What is wrong with an archive of files beside a dump, or null. */
async function archiveProblem(path: string, kind: ArchivedFiles): Promise<string | null> {
  try {
    if ((await sha256Of(path)) !== kind.sha256) return `${kind.archive}: checksum differs`;
    const entries = (await listArchive(path)).length;
    return entries === kind.entries
      ? null
      : `${kind.archive}: ${entries} files, manifest says ${kind.entries}`;
  } catch (error) {
    return `${kind.archive}: ${(error as Error).message}`;
  }
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

/**
 * Removes a backup's files (dump, manifest, archives of files) from every medium, by name, so files a dead
 * run published before recording them go too. Answers the problems met, per directory.
 */
export async function removeBackupFiles(
  directories: string[],
  fileName: string,
): Promise<Map<string, string>> {
  const problems = new Map<string, string>();
  for (const directory of directories) {
    const entries = await readdir(resolve(directory)).catch(() => [] as string[]);
    const archives = entries.filter(
      (name) => name.startsWith(`${fileName}.`) && name.endsWith('.tar'),
    );
    for (const name of [fileName, manifestName(fileName), ...archives]) {
      await rm(join(resolve(directory), name), { force: true }).catch((error: Error) =>
        problems.set(directory, error.message),
      );
    }
  }
  return problems;
}

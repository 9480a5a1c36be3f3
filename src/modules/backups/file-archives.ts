import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArchivedFiles } from './entities/backup.entity';
import { run } from './pg-tools';

/*
 * The files the database refers to (report files today; documents and portfolios later) go
 * into a backup beside the dump: one tar archive per kind, named after the dump, so that a
 * restore brings back the files with the rows that point at them.
 */

export const archiveName = (dumpName: string, kind: string) => `${dumpName}.${kind}.tar`;

/** The paths of the files (not directories) in an archive, as `tar -t` lists them. */
export async function listArchive(file: string): Promise<string[]> {
  const listing = await run('tar', ['-tf', file]);
  return listing.split('\n').filter((line) => line && !line.endsWith('/'));
}

/** Archives everything under `directory` (created if missing) into `target`; its file count. */
export async function archiveDirectory(directory: string, target: string): Promise<number> {
  await mkdir(directory, { recursive: true });
  await run('tar', ['-cf', target, '-C', directory, '.']);
  return (await listArchive(target)).length;
}

/** Unpacks an archive into `directory` (created if missing), over what is there. */
export async function extractArchive(file: string, directory: string): Promise<void> {
  await mkdir(directory, { recursive: true });
  await run('tar', ['-xf', file, '-C', directory]);
}

/**
 * Unpacks each archive into a scratch directory and compares its file count with the
 * manifest: the drill's proof that the files come back. Answers the mismatches.
 */
export async function drillArchives(
  files: ArchivedFiles[],
  pathOf: (archive: string) => string,
): Promise<string[]> {
  const mismatches: string[] = [];
  const scratch = await mkdtemp(join(tmpdir(), 'journal-drill-files-'));
  try {
    for (const kind of files) {
      const target = join(scratch, kind.name);
      try {
        await extractArchive(pathOf(kind.archive), target);
        const found = (await run('find', [target, '-type', 'f'])).split('\n').filter(Boolean);
        if (found.length !== kind.entries) {
          mismatches.push(
            `${kind.name} files: ${found.length} restored, manifest says ${kind.entries}`,
          );
        }
      } catch (error) {
        mismatches.push(`${kind.name} files: ${(error as Error).message}`);
      }
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return mismatches;
}

import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/config';

/** A stored file: where it is, how big, its SHA-256. */
export interface StoredFile {
  key: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Report files on disk under REPORTS_DIR (`.data/reports` by default), by key
 * (`<school id>/<cache key>.<ext>`). Written to a temporary name and renamed, so a reader
 * never sees half a file, and a worker killed mid-write leaves no file under the key.
 */
@Injectable()
export class ReportFilesService {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = config.reports.directory;
  }

  async write(key: string, content: Buffer): Promise<StoredFile> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // Unique per write: two jobs of equal reports may write the same key at once.
    const temporary = `${path}.${randomUUID()}.partial`;
    await writeFile(temporary, content);
    await rename(temporary, path);
    return {
      key,
      sizeBytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
    };
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then(
      (found) => found.isFile(),
      () => false,
    );
  }

  open(key: string): ReadStream {
    return createReadStream(this.pathOf(key));
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /** Keys are made by the reports module; still, none may point outside the root. */
  private pathOf(key: string): string {
    const path = normalize(join(this.root, key));
    if (!path.startsWith(this.root + sep)) {
      throw new Error(`report file key "${key}" escapes the report directory`);
    }
    return path;
  }
}

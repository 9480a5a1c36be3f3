import { BigIntType, Entity, Enum, Index, Property, type Opt } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { NotAudited } from '../../../core/database/not-audited';

export const BACKUP_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type BackupStatus = (typeof BACKUP_STATUSES)[number];

export const BACKUP_TRIGGERS = ['scheduled', 'manual'] as const;
export type BackupTrigger = (typeof BACKUP_TRIGGERS)[number];

export const COPY_STATES = ['written', 'verified', 'corrupt', 'missing'] as const;
export type CopyState = (typeof COPY_STATES)[number];

/** One copy of a backup on one medium (a directory). */
export interface BackupCopy {
  directory: string;
  path: string;
  state: CopyState;
  checkedAt: string | null;
  problem: string | null;
}

/** A kind of files archived beside the dump (`reports`), one tar per kind. */
export interface ArchivedFiles {
  name: string;
  /** The archive's file name, next to the dump on every medium. */
  archive: string;
  sha256: string;
  sizeBytes: number;
  /** Files in the archive. */
  entries: number;
}

/** What a backup holds, written next to every copy and kept here too. */
export interface BackupManifest {
  createdAt: string;
  databaseVersion: string;
  schemaVersion: string;
  rowCounts: Record<string, number>;
  /** The files archived with the dump; absent in backups made before files were included. */
  files?: ArchivedFiles[];
}

/** The outcome of restoring a backup into a scratch database and comparing it. */
export interface RestoreDrill {
  restoredAt: string;
  durationMs: number;
  passed: boolean;
  mismatches: string[];
}

/**
 * A database backup (B1): one `pg_dump` file written to every configured medium, with its
 * checksum, manifest and the results of verifying each copy. The row is itself the log of the
 * backup (who asked, when, what came of it), so it stays out of the audit trail — which also
 * keeps a restored database identical to the dump in every audited table.
 */
@NotAudited()
@Entity({ tableName: 'backups' })
@Index({ properties: ['status', 'finishedAt'] })
export class Backup extends BaseEntity {
  @Enum({ items: () => BACKUP_TRIGGERS, type: 'text' })
  trigger!: BackupTrigger;

  @Property({ type: 'uuid', nullable: true })
  requestedBy: string | null = null;

  @Enum({ items: () => BACKUP_STATUSES, type: 'text' })
  status: Opt<BackupStatus> = 'queued';

  @Property({ type: 'timestamptz', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;

  @Property({ type: 'integer', nullable: true })
  durationMs: number | null = null;

  @Property({ type: new BigIntType('number'), nullable: true })
  sizeBytes: number | null = null;

  @Property({ type: 'text', nullable: true })
  sha256: string | null = null;

  @Property({ type: 'text', nullable: true })
  fileName: string | null = null;

  @Property({ type: 'jsonb' })
  copies: Opt<BackupCopy[]> = [];

  @Property({ type: 'jsonb', nullable: true })
  manifest: BackupManifest | null = null;

  @Property({ type: 'jsonb', nullable: true })
  drill: RestoreDrill | null = null;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;
}

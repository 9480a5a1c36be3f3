import { ApiProperty } from '@nestjs/swagger';
import {
  BACKUP_STATUSES,
  BACKUP_TRIGGERS,
  COPY_STATES,
  type Backup,
  type BackupStatus,
  type BackupTrigger,
  type CopyState,
} from '../entities/backup.entity';

export class BackupCopyDto {
  @ApiProperty({ example: '/var/backups/journal/primary' })
  directory!: string;

  @ApiProperty({ enum: COPY_STATES, example: 'verified' })
  state!: CopyState;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-22T03:00:41.000Z',
  })
  checkedAt!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Why the copy is not usable.',
  })
  problem!: string | null;
}

export class BackupManifestDto {
  @ApiProperty({ format: 'date-time', example: '2026-11-22T03:00:12.000Z' })
  createdAt!: string;

  @ApiProperty({ example: '15.20' })
  databaseVersion!: string;

  @ApiProperty({
    description: 'The last migration applied.',
    example: 'Migration20261122120000_backups',
  })
  schemaVersion!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { accounts: 1250, schools: 2 },
  })
  rowCounts!: Record<string, number>;
}

export class RestoreDrillDto {
  @ApiProperty({ format: 'date-time', example: '2026-11-22T04:00:00.000Z' })
  restoredAt!: string;

  @ApiProperty({ example: 5400 })
  durationMs!: number;

  @ApiProperty({ example: true })
  passed!: boolean;

  @ApiProperty({ type: [String], example: [] })
  mismatches!: string[];
}

export class BackupDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b99' })
  id!: string;

  @ApiProperty({ enum: BACKUP_TRIGGERS, example: 'manual' })
  trigger!: BackupTrigger;

  @ApiProperty({ enum: BACKUP_STATUSES, example: 'succeeded' })
  status!: BackupStatus;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b00',
  })
  requestedBy!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-22T03:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-22T03:00:01.000Z',
  })
  startedAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-22T03:00:41.000Z',
  })
  finishedAt!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 40100 })
  durationMs!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 73400320 })
  sizeBytes!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'a3f5…e1' })
  sha256!: string | null;

  @ApiProperty({ type: [BackupCopyDto], description: 'One copy per configured medium.' })
  copies!: BackupCopyDto[];

  @ApiProperty({ type: BackupManifestDto, nullable: true })
  manifest!: BackupManifestDto | null;

  @ApiProperty({
    type: RestoreDrillDto,
    nullable: true,
    description: 'The last restore drill of this backup.',
  })
  drill!: RestoreDrillDto | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  error!: string | null;

  static from(backup: Backup): BackupDto {
    return {
      id: backup.id,
      trigger: backup.trigger,
      status: backup.status,
      requestedBy: backup.requestedBy,
      createdAt: backup.createdAt.toISOString(),
      startedAt: backup.startedAt?.toISOString() ?? null,
      finishedAt: backup.finishedAt?.toISOString() ?? null,
      durationMs: backup.durationMs,
      sizeBytes: backup.sizeBytes,
      sha256: backup.sha256,
      copies: backup.copies.map(({ directory, state, checkedAt, problem }) => ({
        directory,
        state,
        checkedAt,
        problem,
      })),
      manifest: backup.manifest,
      drill: backup.drill,
      error: backup.error,
    };
  }
}

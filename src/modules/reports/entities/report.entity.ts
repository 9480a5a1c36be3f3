import { BigIntType, Entity, Enum, Index, ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { NotAudited } from '../../../core/database/not-audited';
import { School } from '../../../core/tenancy/entities/school.entity';
import { REPORT_FORMATS, type ReportFormat } from '../render/formats';
import type { ReportType } from '../report-types/report-type-names';

export const REPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'expired'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Why a report failed, as the problem document its `GET` shows. */
export interface ReportProblem {
  code: string;
  title: string;
  detail: string;
}

/** The parameters of a report once checked: ids and dates only, never personal data. */
export type ReportParams = Record<string, string | boolean>;

/**
 * One report someone asked for (R1–R14, J9): a job resource. Its file is kept in the report
 * storage under `fileKey`; repeat requests over unchanged data share one file (`cacheKey`).
 * The row is the log of the report itself, so it stays out of the audit trail.
 */
@NotAudited()
@Entity({ tableName: 'reports' })
@Index({ properties: ['requestedBy', 'id'] })
@Index({ properties: ['cacheKey', 'status'] })
@Index({ properties: ['status', 'expiresAt'] })
export class Report extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  /** One of REPORT_TYPES; plain text, so a new report type needs no migration. */
  @Property({ type: 'text' })
  type!: ReportType;

  @Enum({ items: () => REPORT_FORMATS, type: 'text' })
  format!: ReportFormat;

  @Property({ type: 'jsonb' })
  params!: ReportParams;

  /** The class the report is about, if any: the permission checks read it. */
  @Property({ type: 'uuid', nullable: true })
  classId: string | null = null;

  /** The student the report is about, if any. */
  @Property({ type: 'uuid', nullable: true })
  studentId: string | null = null;

  /** The account that asked; only it sees the report. */
  @Property({ type: 'uuid' })
  requestedBy!: string;

  @Enum({ items: () => REPORT_STATUSES, type: 'text' })
  status: Opt<ReportStatus> = 'queued';

  /** 0–100 while running. */
  @Property({ type: 'smallint' })
  progress: Opt<number> = 0;

  /** Type, format, parameters and the data version: equal keys mean equal files. */
  @Property({ type: 'text' })
  cacheKey!: string;

  /** True when a finished report of equal key was reused instead of building anew. */
  @Property({ type: 'boolean' })
  cached: Opt<boolean> = false;

  @Property({ type: 'smallint' })
  attempts: Opt<number> = 0;

  @Property({ type: 'timestamptz', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;

  /** The file in the report storage; null until done. */
  @Property({ type: 'text', nullable: true })
  fileKey: string | null = null;

  /** The file's name for people, in Russian («Сводная ведомость посещаемости 7А.pdf»). */
  @Property({ type: 'text', nullable: true })
  fileName: string | null = null;

  @Property({ type: new BigIntType('number'), nullable: true })
  sizeBytes: number | null = null;

  @Property({ type: 'text', nullable: true })
  sha256: string | null = null;

  /** The PDF's page count, where its type records it (the printed journal's sheets, J9). */
  @Property({ type: 'smallint', nullable: true })
  pages: number | null = null;

  /** When the file is deleted and the report turns `expired`. */
  @Property({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null = null;

  @Property({ type: 'jsonb', nullable: true })
  problem: ReportProblem | null = null;
}

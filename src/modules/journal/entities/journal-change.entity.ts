import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { NotAudited } from '../../../core/database/not-audited';

export const JOURNAL_CELL_KINDS = ['mark', 'attendance'] as const;
export type JournalCellKind = (typeof JOURNAL_CELL_KINDS)[number];

export const JOURNAL_CHANGE_ACTIONS = ['create', 'update', 'delete'] as const;
export type JournalChangeAction = (typeof JOURNAL_CHANGE_ACTIONS)[number];

/**
 * One change of a journal cell (J10): a mark or attendance entry of one student in one
 * lesson. Written only by database triggers on `marks` and `attendance`, so a change made
 * by any path is kept; who, request and reason come from the transaction's settings
 * (`app.actor_id`, `app.request_id`, `app.reason`). Append-only, like `audit_events`.
 */
@NotAudited()
@Entity({ tableName: 'journal_changes', readonly: true })
@Index({ properties: ['lessonId', 'studentId', 'changedAt'] })
// A report's data version asks for a school's last change (reports/report-data-version.sql.ts).
@Index({ properties: ['schoolId', 'id'] })
export class JournalChange {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  schoolId!: string;

  @Property({ type: 'uuid' })
  lessonId!: string;

  @Property({ type: 'uuid' })
  studentId!: string;

  @Enum({ items: () => JOURNAL_CELL_KINDS, type: 'text' })
  cell!: JournalCellKind;

  /** The mark or attendance entry that changed. */
  @Property({ type: 'uuid' })
  recordId!: string;

  @Enum({ items: () => JOURNAL_CHANGE_ACTIONS, type: 'text' })
  action!: JournalChangeAction;

  @Property({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Property({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;

  /** The account; null for a change made outside the API (a direct SQL write). */
  @Property({ type: 'uuid', nullable: true })
  changedBy!: string | null;

  @Property({ type: 'text', nullable: true })
  requestId!: string | null;

  @Property({ type: 'text', nullable: true })
  reason!: string | null;

  // eslint-disable-next-line no-restricted-syntax -- the database stamps when a history row was written
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  changedAt!: Date;
}

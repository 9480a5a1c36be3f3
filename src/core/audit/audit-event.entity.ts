import { Entity, Enum, Index, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { uuidv7 } from '../database/uuid';
import { NotAudited } from '../database/not-audited';

export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One change made through the API. Append-only: a trigger in the database refuses UPDATE,
 * DELETE and TRUNCATE on this table, whatever role connects.
 */
@NotAudited()
@Entity({ tableName: 'audit_events' })
@Index({ properties: ['schoolId', 'occurredAt'] })
@Index({ properties: ['entity', 'entityId'] })
export class AuditEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'timestamptz' })
  // eslint-disable-next-line no-restricted-syntax -- the row's own write time (docs/architecture.md#the-clock)
  occurredAt: Opt<Date> = new Date();

  /** Null for changes made by the system itself (CLI, seed, background jobs). */
  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  @Property({ type: 'text', nullable: true })
  requestId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  schoolId: string | null = null;

  /** Entity name, e.g. `Account`. */
  @Property({ type: 'text' })
  entity!: string;

  @Property({ type: 'text' })
  entityId!: string;

  @Enum({ items: () => AUDIT_ACTIONS, type: 'text' })
  action!: AuditAction;

  @Property({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null = null;

  @Property({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null = null;

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;
}

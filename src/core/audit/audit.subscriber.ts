import { ChangeSetType, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import type { ChangeSet, EntityMetadata } from '@mikro-orm/core';
import { isAudited } from '../database/not-audited';
import { callContext } from '../request-context/call-context';
import { AuditEvent, type AuditAction } from './audit-event.entity';

const ACTIONS: Partial<Record<ChangeSetType, AuditAction>> = {
  [ChangeSetType.CREATE]: 'create',
  [ChangeSetType.UPDATE]: 'update',
  [ChangeSetType.DELETE]: 'delete',
};

/**
 * Writes an audit event for every change of an audited entity, in the same transaction as
 * the change itself: a change is never stored without its audit row, nor the reverse.
 */
export class AuditSubscriber implements EventSubscriber {
  onFlush({ em, uow }: FlushEventArgs): void {
    const context = callContext.current();
    for (const changeSet of uow.getChangeSets()) {
      const action = ACTIONS[changeSet.type];
      if (!action || !isAudited(changeSet.meta.class)) continue;
      const event = em.create(AuditEvent, {
        // eslint-disable-next-line no-restricted-syntax -- when the change was written, as the database records history (docs/architecture.md#the-clock)
        occurredAt: new Date(),
        actorId: context?.actor?.accountId ?? null,
        requestId: context?.requestId ?? null,
        schoolId: schoolOf(changeSet) ?? context?.schoolId ?? null,
        entity: changeSet.meta.className,
        entityId: String(changeSet.getPrimaryKey()),
        action,
        ...describeChange(changeSet, action),
        reason: context?.reason ?? null,
      });
      uow.computeChangeSet(event);
    }
  }
}

function schoolOf(changeSet: ChangeSet<object>): string | undefined {
  const entity = changeSet.entity as { schoolId?: unknown };
  return typeof entity.schoolId === 'string' ? entity.schoolId : undefined;
}

function describeChange(
  changeSet: ChangeSet<object>,
  action: AuditAction,
): Pick<AuditEvent, 'before' | 'after'> {
  const original = (changeSet.originalEntity ?? {}) as Record<string, unknown>;
  const payload = changeSet.payload as Record<string, unknown>;
  if (action === 'create') return { before: null, after: visible(changeSet.meta, payload) };
  if (action === 'delete') return { before: visible(changeSet.meta, original), after: null };
  const changedKeys = Object.keys(payload);
  const before = Object.fromEntries(changedKeys.map((key) => [key, original[key] ?? null]));
  return { before: visible(changeSet.meta, before), after: visible(changeSet.meta, payload) };
}

/** Drops secrets (properties marked `hidden`, such as password hashes) and bookkeeping. */
function visible(meta: EntityMetadata, data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).filter(([key]) => {
      const property = meta.properties[key as never] as { hidden?: boolean } | undefined;
      return !property?.hidden && key !== 'updatedAt';
    }),
  );
}

import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '../auth/actor';

/**
 * What is known about the current call — an HTTP request or a background job — that code
 * far from the controller needs: the request id for logs and audit rows, the actor, the
 * school a change is made in and the reason the caller gave for it.
 */
export interface CallContext {
  requestId: string;
  actor?: Actor;
  /** The school a change belongs to when the changed row itself has no `school_id`. */
  schoolId?: string;
  /** Why the change is made (the `X-Change-Reason` header, or set by a use case). */
  reason?: string;
}

const storage = new AsyncLocalStorage<CallContext>();

export const callContext = {
  run<T>(context: CallContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  current(): CallContext | undefined {
    return storage.getStore();
  },
};

/**
 * Files the audit rows of the current change under a school, for changes to rows that
 * carry no `school_id` themselves (accounts, activation codes, schools).
 */
export function auditInSchool(schoolId: string | null | undefined): void {
  const context = storage.getStore();
  if (context && schoolId) context.schoolId = schoolId;
}

import type { EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import { callContext } from '../request-context/call-context';

/**
 * Sets the transaction-local settings the history triggers read; `?` are the values of
 * `transactionSettings()`. A statement that writes outside an ORM transaction (a single
 * statement is its own transaction) runs it as a sub-select its writes depend on.
 */
export const SET_TRANSACTION_SETTINGS_SQL =
  "select set_config('app.actor_id', ?, true), set_config('app.request_id', ?, true), set_config('app.reason', ?, true)";

/** The actor, request id and reason of the current call ('' when unknown). */
export function transactionSettings(): [string, string, string] {
  const context = callContext.current();
  return [context?.actor?.accountId ?? '', context?.requestId ?? '', context?.reason ?? ''];
}

/**
 * Tells the database who is writing: at the start of every transaction of a call, the
 * actor, request id and reason go into transaction-local settings (`app.actor_id`,
 * `app.request_id`, `app.reason`). Triggers that keep histories (the journal's
 * `journal_changes`) read them, so a history row says who changed what even though the
 * trigger, not the application, writes it.
 */
export class TransactionSettingsSubscriber implements EventSubscriber {
  async afterTransactionStart({ em, transaction }: TransactionEventArgs): Promise<void> {
    if (!callContext.current() || !transaction) return;
    await em
      .getConnection()
      .execute(SET_TRANSACTION_SETTINGS_SQL, transactionSettings(), 'run', transaction);
  }
}

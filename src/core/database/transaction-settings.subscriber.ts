import type { EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import { callContext } from '../request-context/call-context';

/**
 * Tells the database who is writing: at the start of every transaction of a call, the
 * actor, request id and reason go into transaction-local settings (`app.actor_id`,
 * `app.request_id`, `app.reason`). Triggers that keep histories (the journal's
 * `journal_changes`) read them, so a history row says who changed what even though the
 * trigger, not the application, writes it.
 */
export class TransactionSettingsSubscriber implements EventSubscriber {
  async afterTransactionStart({ em, transaction }: TransactionEventArgs): Promise<void> {
    const context = callContext.current();
    if (!context || !transaction) return;
    await em
      .getConnection()
      .execute(
        "select set_config('app.actor_id', ?, true), set_config('app.request_id', ?, true), set_config('app.reason', ?, true)",
        [context.actor?.accountId ?? '', context.requestId ?? '', context.reason ?? ''],
        'run',
        transaction,
      );
  }
}

import type { TransactionOptions } from '@mikro-orm/core';
import { SqlEntityManager, type PostgreSqlDriver } from '@mikro-orm/postgresql';
import { setTimeout as sleep } from 'node:timers/promises';
import { isRetryable } from './sql-state';

/** Attempts of one transaction that keeps losing races, the first one included. */
export const TRANSACTION_ATTEMPTS = 3;

/**
 * The entity manager of every ORM instance (`entityManager` in orm-config.ts), so every
 * `em.transactional(...)` of every module retries a transaction that lost a race to a
 * serialization failure or a deadlock: PostgreSQL rolled it back whole, so running the
 * callback again is safe as long as it only touches the database (keep other side effects,
 * such as queueing a job, after the transaction). Only the outermost transaction retries; a
 * nested one belongs to it. After the last attempt the error goes on (a 503 `service.busy`).
 */
export class RetryingEntityManager extends SqlEntityManager<PostgreSqlDriver> {
  override async transactional<T>(
    cb: (em: this) => T | Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    if (this.isInTransaction()) return super.transactional(cb, options);
    for (let attempt = 1; ; attempt++) {
      try {
        return await super.transactional(cb, options);
      } catch (error) {
        if (attempt >= TRANSACTION_ATTEMPTS || !isRetryable(error)) throw error;
        // A little random wait, so that the two losers of a deadlock do not meet again.
        await sleep(10 * attempt + Math.random() * 40);
      }
    }
  }
}

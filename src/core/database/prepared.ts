import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/**
 * Runs a hot statement (`?` placeholders) as a NAMED prepared statement: each pooled
 * connection parses it once and, after a few executions, reuses a generic plan. For the
 * statements every request runs (the actor's scopes, a journal page built in SQL, a mark by
 * id, a whole lesson's marks) planning anew cost as much as executing, and the text of a long
 * statement is sent once per connection. Still one round trip, and knex reports it like any
 * query; inside a transaction it runs on the transaction's connection. (A pooler in
 * transaction mode before PgBouncer 1.21 would not keep prepared statements.)
 */
export async function queryPrepared<Row>(
  em: EntityManager,
  name: string,
  sql: string,
  params: readonly (string | null)[],
): Promise<Row[]> {
  const query = em.getKnex().raw(sql, params).options({ name });
  // Inside `em.transactional(...)` the statement must run on the transaction's connection.
  const transaction = em.getContext().getTransactionContext<Knex.Transaction>();
  if (transaction) query.transacting(transaction);
  const result = (await query) as { rows: Row[] };
  return result.rows;
}

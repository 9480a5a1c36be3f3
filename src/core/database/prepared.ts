import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs a hot statement (`?` placeholders) as a NAMED prepared statement: each pooled
 * connection parses it once and, after a few executions, reuses a generic plan. For the
 * statements every request runs (the actor's scopes, a journal page built in SQL, a mark by
 * id) planning anew cost as much as executing. Still one round trip, and knex reports it like
 * any query. (A pooler in transaction mode before PgBouncer 1.21 would not keep prepared
 * statements.)
 */
export async function queryPrepared<Row>(
  em: EntityManager,
  name: string,
  sql: string,
  params: (string | null)[],
): Promise<Row[]> {
  const result = (await em.getKnex().raw(sql, params).options({ name })) as { rows: Row[] };
  return result.rows;
}

import { Client } from 'pg';
import type { BackupManifest } from './entities/backup.entity';

/** Any fixed number: the advisory lock that lets one backup run at a time across all workers. */
const BACKUP_LOCK = 720_452;

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** Exact row counts of every table of the public schema, as seen by `client`'s snapshot. */
export async function countRows(client: Client): Promise<Record<string, number>> {
  const tables = await client.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const result = await client.query<{ count: string }>(`select count(*) from ${quote(name)}`);
    counts[name] = Number(result.rows[0].count);
  }
  return counts;
}

/**
 * A session on the database that holds the backup lock. The lock is a session lock: if the
 * process dies, PostgreSQL drops the connection and the lock with it, so a killed backup
 * never blocks the next one.
 */
export class BackupSession {
  private constructor(private readonly client: Client) {}

  /** Waits until no other backup runs, then holds the lock until `close()`. */
  static async open(databaseUrl: string): Promise<BackupSession> {
    const client = new Client({
      connectionString: databaseUrl,
      application_name: 'journal-backup',
      keepAlive: true,
    });
    // A dropped session must fail the backup, not crash the worker; the query in flight rejects.
    client.on('error', () => undefined);
    await client.connect();
    // The session sits idle in its transaction while pg_dump works: no server timeout may end it.
    await client.query('set idle_in_transaction_session_timeout = 0');
    await client.query('set idle_session_timeout = 0');
    await client.query('select pg_advisory_lock($1)', [BACKUP_LOCK]);
    return new BackupSession(client);
  }

  /**
   * Runs `dump` against a snapshot exported from a repeatable-read transaction, and describes
   * exactly that snapshot, so the manifest's row counts are those of the dump.
   */
  async dumpConsistently(
    dump: (snapshot: string) => Promise<void>,
    now: () => Date,
  ): Promise<BackupManifest> {
    await this.client.query('begin isolation level repeatable read read only');
    try {
      const snapshot = (
        await this.client.query<{ id: string }>('select pg_export_snapshot() as id')
      ).rows[0].id;
      // `show` names its column after the setting, so ask for the setting by a name we choose.
      const version = (
        await this.client.query<{ v: string }>(`select current_setting('server_version') as v`)
      ).rows[0].v;
      const migration = await this.client.query<{ name: string }>(
        'select name from mikro_orm_migrations order by id desc limit 1',
      );
      const rowCounts = await countRows(this.client);
      await dump(snapshot);
      return {
        createdAt: now().toISOString(),
        databaseVersion: version,
        schemaVersion: migration.rows[0]?.name ?? 'none',
        rowCounts,
      };
    } finally {
      await this.client.query('commit');
    }
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

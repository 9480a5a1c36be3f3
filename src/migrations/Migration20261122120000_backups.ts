import { Migration } from '@mikro-orm/migrations';

/** Backups of the whole database (B1): one row per backup, its copies and verification. */
export class Migration20261122120000_backups extends Migration {
  override up(): void {
    this.addSql(`
      create table backups (
        id uuid primary key,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        trigger text not null check (trigger in ('scheduled', 'manual')),
        requested_by uuid null,
        status text not null default 'queued'
          check (status in ('queued', 'running', 'succeeded', 'failed')),
        started_at timestamptz null,
        finished_at timestamptz null,
        duration_ms int null,
        size_bytes bigint null,
        sha256 text null,
        file_name text null,
        copies jsonb not null,
        manifest jsonb null,
        drill jsonb null,
        error text null
      );
      create index backups_status_finished_at_index on backups (status, finished_at);
    `);
  }

  override down(): void {
    this.addSql('drop table backups;');
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Reports as background jobs (R1–R14, J9): one row per report asked for, its status and its
 * file in the report storage. The journal's history gets an index by school, so a report's
 * data version (the school's last journal change) is one index probe.
 */
export class Migration20261202120000_reports extends Migration {
  override up(): void {
    this.addSql(`
      create table "reports" (
        "id" uuid not null,
        "created_at" timestamptz not null,
        "updated_at" timestamptz not null,
        "school_id" uuid not null,
        "type" text not null,
        "format" text check ("format" in ('json', 'csv', 'xlsx', 'pdf')) not null,
        "params" jsonb not null,
        "class_id" uuid null,
        "student_id" uuid null,
        "requested_by" uuid not null,
        "status" text check ("status" in ('queued', 'running', 'done', 'failed', 'expired')) not null default 'queued',
        "progress" smallint not null default 0,
        "cache_key" text not null,
        "cached" boolean not null default false,
        "attempts" smallint not null default 0,
        "started_at" timestamptz null,
        "finished_at" timestamptz null,
        "file_key" text null,
        "file_name" text null,
        "size_bytes" bigint null,
        "sha256" text null,
        "expires_at" timestamptz null,
        "problem" jsonb null,
        constraint "reports_pkey" primary key ("id")
      );
      create index "reports_requested_by_id_index" on "reports" ("requested_by", "id");
      create index "reports_cache_key_status_index" on "reports" ("cache_key", "status");
      create index "reports_status_expires_at_index" on "reports" ("status", "expires_at");
      alter table "reports" add constraint "reports_school_id_foreign"
        foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      create index "journal_changes_school_id_id_index" on "journal_changes" ("school_id", "id");
    `);
  }

  override down(): void {
    this.addSql(`
      drop index "journal_changes_school_id_id_index";
      drop table "reports";
    `);
  }
}

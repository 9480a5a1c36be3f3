import { Migration } from '@mikro-orm/migrations';

/**
 * Regions and schools (tenancy), accounts with role assignments, login bookkeeping and the
 * append-only audit trail.
 */
export class Migration20261122000000_foundation extends Migration {
  override up(): void {
    this.addSql(`
      create table regions (
        id uuid primary key,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        name text not null,
        code text not null,
        constraint regions_code_unique unique (code)
      );

      create table schools (
        id uuid primary key,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        region_id uuid not null,
        name text not null,
        short_name text not null,
        time_zone text not null default 'Europe/Moscow',
        constraint schools_region_id_foreign foreign key (region_id) references regions (id) on update cascade on delete restrict
      );
      create index schools_region_id_index on schools (region_id);

      create table accounts (
        id uuid primary key,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        login text not null,
        display_name text not null,
        email text null,
        password_hash text null,
        status text not null default 'pending' check (status in ('pending', 'active', 'disabled')),
        is_platform_operator boolean not null default false,
        password_changed_at timestamptz null,
        last_login_at timestamptz null,
        constraint accounts_login_unique unique (login),
        constraint accounts_login_lower check (login = lower(login))
      );

      create table role_assignments (
        id uuid primary key,
        account_id uuid not null,
        role text not null check (role in ('admin', 'director', 'deputy', 'teacher', 'student',
          'parent', 'secretary', 'medical', 'psychologist', 'technical', 'integration', 'authority')),
        school_id uuid null,
        region_id uuid not null,
        created_at timestamptz not null,
        constraint role_assignments_account_id_foreign foreign key (account_id) references accounts (id) on update cascade on delete cascade,
        constraint role_assignments_school_id_foreign foreign key (school_id) references schools (id) on update cascade on delete restrict,
        constraint role_assignments_region_id_foreign foreign key (region_id) references regions (id) on update cascade on delete restrict,
        -- region roles have no school; every other role belongs to exactly one school
        constraint role_assignments_scope check ((role = 'authority') = (school_id is null))
      );
      create index role_assignments_school_id_role_index on role_assignments (school_id, role);
      create index role_assignments_region_id_role_index on role_assignments (region_id, role);
      create index role_assignments_account_id_index on role_assignments (account_id);
      create unique index role_assignments_school_unique
        on role_assignments (account_id, school_id, role) where school_id is not null;
      create unique index role_assignments_region_unique
        on role_assignments (account_id, region_id, role) where school_id is null;

      create table activation_codes (
        id uuid primary key,
        account_id uuid not null,
        code_hash text not null,
        expires_at timestamptz not null,
        used_at timestamptz null,
        voided_at timestamptz null,
        issued_by uuid null,
        created_at timestamptz not null,
        constraint activation_codes_account_id_foreign foreign key (account_id) references accounts (id) on update cascade on delete cascade
      );
      create index activation_codes_account_id_created_at_index on activation_codes (account_id, created_at);

      create table refresh_tokens (
        id uuid primary key,
        family_id uuid not null,
        account_id uuid not null,
        token_hash text not null,
        expires_at timestamptz not null,
        rotated_at timestamptz null,
        revoked_at timestamptz null,
        created_at timestamptz not null,
        constraint refresh_tokens_token_hash_unique unique (token_hash),
        constraint refresh_tokens_account_id_foreign foreign key (account_id) references accounts (id) on update cascade on delete cascade
      );
      create index refresh_tokens_family_id_index on refresh_tokens (family_id);
      create index refresh_tokens_account_id_index on refresh_tokens (account_id);

      create table login_attempts (
        id uuid primary key,
        account_id uuid null,
        login text not null,
        result text not null check (result in ('success', 'wrong_password', 'unknown_login',
          'disabled', 'not_activated', 'throttled')),
        ip text null,
        user_agent text null,
        occurred_at timestamptz not null
      );
      create index login_attempts_account_id_occurred_at_index on login_attempts (account_id, occurred_at);
      create index login_attempts_occurred_at_index on login_attempts (occurred_at);

      create table audit_events (
        id uuid primary key,
        occurred_at timestamptz not null,
        actor_id uuid null,
        request_id text null,
        school_id uuid null,
        entity text not null,
        entity_id text not null,
        action text not null check (action in ('create', 'update', 'delete')),
        before jsonb null,
        after jsonb null,
        reason text null
      );
      create index audit_events_school_id_occurred_at_index on audit_events (school_id, occurred_at);
      create index audit_events_entity_entity_id_index on audit_events (entity, entity_id);

      -- The audit trail is append-only for every role, the application's included.
      create function audit_events_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_events is append-only: % is not allowed', tg_op
          using errcode = 'insufficient_privilege';
      end;
      $$;
      create trigger audit_events_no_update_or_delete
        before update or delete on audit_events
        for each row execute function audit_events_refuse_change();
      create trigger audit_events_no_truncate
        before truncate on audit_events
        for each statement execute function audit_events_refuse_change();
      revoke update, delete, truncate on audit_events from public;
    `);
  }

  override down(): void {
    this.addSql(`
      drop table audit_events;
      drop function audit_events_refuse_change();
      drop table login_attempts;
      drop table refresh_tokens;
      drop table activation_codes;
      drop table role_assignments;
      drop table accounts;
      drop table schools;
      drop table regions;
    `);
  }
}

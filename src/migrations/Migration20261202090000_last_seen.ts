import { Migration } from '@mikro-orm/migrations';

/**
 * When an account was last seen (P8): set at login and, at most every 15 minutes, when its
 * session is refreshed, so a parent whose app keeps its session is not reported as inactive.
 * Accounts start from their last login.
 */
export class Migration20261202090000_last_seen extends Migration {
  override up(): void {
    this.addSql(`
      alter table "accounts" add column "last_seen_at" timestamptz null;
      update "accounts" set "last_seen_at" = "last_login_at";
    `);
  }

  override down(): void {
    this.addSql(`alter table "accounts" drop column "last_seen_at";`);
  }
}

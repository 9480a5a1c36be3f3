import { Migration } from '@mikro-orm/migrations';

/**
 * The printed journal (J9): a report row records how many pages (sheets) its PDF has, the
 * N of the certification sheet, beside who printed it, when, and the file's checksum.
 */
export class Migration20261202150000_printed_journal extends Migration {
  override up(): void {
    this.addSql(`alter table "reports" add column "pages" smallint null;`);
  }

  override down(): void {
    this.addSql(`alter table "reports" drop column "pages";`);
  }
}

import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { Migration20261122000000_foundation } from './Migration20261122000000_foundation';
import { Migration20261122120000_backups } from './Migration20261122120000_backups';
import { Migration20261122180000_people_and_classes } from './Migration20261122180000_people_and_classes';
import { Migration20261123090000_timetable_and_lessons } from './Migration20261123090000_timetable_and_lessons';
import { Migration20261124090000_journal } from './Migration20261124090000_journal';
import { Migration20261202090000_last_seen } from './Migration20261202090000_last_seen';
import { Migration20261202120000_reports } from './Migration20261202120000_reports';
import { Migration20261202150000_printed_journal } from './Migration20261202150000_printed_journal';

/**
 * Every migration, oldest first. Listed explicitly (not discovered from files) so that the
 * compiled app, the CLI and the tests run exactly the same set.
 */
export const MIGRATIONS: { name: string; class: Constructor<Migration> }[] = [
  { name: 'Migration20261122000000_foundation', class: Migration20261122000000_foundation },
  { name: 'Migration20261122120000_backups', class: Migration20261122120000_backups },
  {
    name: 'Migration20261122180000_people_and_classes',
    class: Migration20261122180000_people_and_classes,
  },
  {
    name: 'Migration20261123090000_timetable_and_lessons',
    class: Migration20261123090000_timetable_and_lessons,
  },
  { name: 'Migration20261124090000_journal', class: Migration20261124090000_journal },
  { name: 'Migration20261202090000_last_seen', class: Migration20261202090000_last_seen },
  { name: 'Migration20261202120000_reports', class: Migration20261202120000_reports },
  {
    name: 'Migration20261202150000_printed_journal',
    class: Migration20261202150000_printed_journal,
  },
];

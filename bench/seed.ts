import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { hashPassword } from '../src/core/auth/passwords';
import { appOrmOptions } from '../src/orm-options';
import { Region } from '../src/core/tenancy/entities/region.entity';
import { School } from '../src/core/tenancy/entities/school.entity';
import { MIGRATIONS } from '../src/migrations';
import { defaultCalendar } from '../src/modules/academic-years/default-calendar';
import { searchableName } from '../src/modules/people/person-name';
import { createDefaultReferenceData } from '../src/modules/reference-data/reference-defaults';
import { FILL_SQL, type FillParameters } from './fill-sql';
import { peopleOf } from './people-plan';
import { planSchool } from './school-plan';
import {
  BENCH_DATABASE_URL,
  BENCH_PASSWORD,
  databaseOf,
  DEPUTY_LOGIN,
  REGION_CODE,
  SCHOOL_NAME,
  withDatabase,
  YEAR_ENDS_ON,
  YEAR_NAME,
  YEAR_STARTS_ON,
} from './settings';

/** Bump to force a re-seed everywhere (changes to the seed's own code are noticed anyway). */
const SEED_VERSION = 1;

/**
 * The compiled files whose content decides what a seed writes: the seed's own modules, the
 * app's migrations (edited in place during development too) and the defaults it applies.
 */
const SEED_INPUTS = [
  __dirname,
  join(__dirname, '../src/migrations'),
  join(__dirname, '../src/modules/reference-data'),
  join(__dirname, '../src/modules/academic-years'),
];
const SEED_FILES =
  /^(seed|fill-sql|school-plan|people-plan|settings|Migration.*|index|reference-defaults|default-calendar|bell-schedule)\.js$/;

/** Days off besides the school holidays of the default calendar (public holidays, 2026/2027). */
const PUBLIC_DAYS_OFF = ['2027-02-23', '2027-03-08', '2027-05-03', '2027-05-10'];

const log = (message: string) => console.log(`[bench:seed] ${message}`);

/** What the bench database must have been seeded with to be reused. */
function fingerprint(): string {
  const hash = createHash('sha256').update(
    JSON.stringify({ SEED_VERSION, migrations: MIGRATIONS.map((m) => m.name) }),
  );
  for (const directory of SEED_INPUTS) {
    for (const file of readdirSync(directory)
      .filter((name) => SEED_FILES.test(name))
      .sort()) {
      hash.update(file).update(readFileSync(join(directory, file)));
    }
  }
  return `school-journal bench seed v${SEED_VERSION} ${hash.digest('hex').slice(0, 16)}`;
}

/**
 * Makes sure the bench database holds the benchmark school. It is seeded from scratch when
 * it is missing, was seeded by another seed version or migration list, or `force` is set;
 * otherwise it is left alone. The mark is the database's comment, set when a seed completed.
 */
export async function ensureSeeded(force = false): Promise<void> {
  const database = databaseOf(BENCH_DATABASE_URL);
  const admin = new Client({ connectionString: withDatabase(BENCH_DATABASE_URL, 'postgres') });
  await admin.connect();
  try {
    const found = await admin.query<{ comment: string | null }>(
      `select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`,
      [database],
    );
    const wanted = fingerprint();
    if (!force && found.rows[0]?.comment === wanted) {
      log(`database "${database}" is seeded (${wanted}); reusing it`);
      return;
    }
    log(
      found.rows.length === 0
        ? `database "${database}" does not exist: creating and seeding it`
        : `database "${database}" is ${found.rows[0].comment ? `seeded with "${found.rows[0].comment}"` : 'not (completely) seeded'}${force ? ' (forced)' : ''}: re-creating and seeding it`,
    );
    const quoted = `"${database.replace(/"/g, '""')}"`;
    await admin.query(`drop database if exists ${quoted} with (force)`);
    await admin.query(`create database ${quoted}`);
    const started = Date.now();
    await seed();
    await admin.query(`comment on database ${quoted} is '${wanted.replace(/'/g, "''")}'`);
    log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await admin.end();
  }
}

async function seed(): Promise<void> {
  let step = Date.now();
  const lap = (what: string) => {
    log(`${what} (${((Date.now() - step) / 1000).toFixed(1)} s)`);
    step = Date.now();
  };
  // The app's own migrations and default reference data, through the app's ORM setup.
  const orm = await MikroORM.init({
    ...appOrmOptions({ databaseUrl: BENCH_DATABASE_URL, databasePoolMax: 2 }),
    logger: () => undefined,
  });
  let schoolId: string;
  let regionId: string;
  try {
    await orm.getMigrator().up();
    lap(`applied ${MIGRATIONS.length} migrations`);
    const em = orm.em.fork();
    const region = em.create(Region, { name: 'Нагрузочный регион', code: REGION_CODE });
    const school = em.create(School, {
      regionId: region.id,
      name: SCHOOL_NAME,
      shortName: 'Нагрузочная школа',
    });
    createDefaultReferenceData(em, school.id);
    await em.flush();
    schoolId = school.id;
    regionId = region.id;
  } finally {
    await orm.close();
  }

  const plan = planSchool();
  const people = peopleOf(plan);
  const calendar = defaultCalendar({ startsOn: YEAR_STARTS_ON, endsOn: YEAR_ENDS_ON });
  const parameters: FillParameters = {
    schoolId,
    regionId,
    yearName: YEAR_NAME,
    yearStartsOn: YEAR_STARTS_ON,
    yearEndsOn: YEAR_ENDS_ON,
    daysOff: PUBLIC_DAYS_OFF,
    passwordHash: await hashPassword(BENCH_PASSWORD),
    deputyLogin: DEPUTY_LOGIN,
    calendar,
    plan,
    people,
    searchNames: Object.fromEntries(
      [...plan.teachers, ...people.students, ...people.parents, ...people.leadership].map((p) => [
        p.id,
        searchableName(p.lastName, p.firstName, p.middleName),
      ]),
    ),
  };
  const client = new Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect();
  try {
    await client.query('begin');
    // Deterministic random() for the same school on every seed; no parallel workers, whose
    // random() would not follow the seed.
    await client.query('select setseed(0.2026)');
    await client.query('set local max_parallel_workers_per_gather = 0');
    // The journal triggers write one history row per cell and check the period lock; the bulk
    // load writes the history rows itself (as "created by the lesson's teacher") instead.
    await client.query('alter table marks disable trigger user');
    await client.query('alter table attendance disable trigger user');
    await client.query('alter table period_marks disable trigger user');
    for (const [what, sql] of FILL_SQL) {
      const values = sql.includes('$1') ? [JSON.stringify(parameters)] : [];
      const result = await client.query({ text: sql, values });
      lap(`${what}: ${result.rowCount ?? 0} rows`);
    }
    await client.query('alter table marks enable trigger user');
    await client.query('alter table attendance enable trigger user');
    await client.query('alter table period_marks enable trigger user');
    await client.query('commit');
    await client.query('vacuum analyze');
    lap('vacuum analyze');
    const counts = await client.query<{ name: string; count: string }>(COUNTS_SQL);
    log(`rows: ${counts.rows.map((row) => `${row.name} ${row.count}`).join(', ')}`);
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

const COUNTED = [
  'accounts',
  'people',
  'classes',
  'enrollments',
  'teaching_assignments',
  'timetable_entries',
  'lessons',
  'marks',
  'attendance',
  'period_marks',
  'journal_changes',
];
const COUNTS_SQL = COUNTED.map(
  (table) => `select '${table}' as name, count(*)::text as count from ${table}`,
).join(' union all ');

if (require.main === module) {
  ensureSeeded(process.argv.includes('--force')).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

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
import { createDefaultReferenceData } from '../src/modules/reference-data/reference-defaults';
import type { FillParameters } from '../src/seed/school/fill-sql';
import { fillSchool } from '../src/seed/school/fill-school';
import { peopleOf, searchNamesOf } from '../src/seed/school/people-plan';
import { idOf, planSchool, type SchoolShape } from '../src/seed/school/school-plan';
import {
  BENCH_DATABASE_URL,
  BENCH_PASSWORD,
  databaseOf,
  GRID_CLASS,
  LOGIN_PREFIX,
  REGION_CODE,
  SCHOOL_NAME,
  withDatabase,
  WRITE_CLASS,
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
  join(__dirname, '../src/seed/school'),
  join(__dirname, '../src/modules/classes/roster'),
  join(__dirname, '../src/migrations'),
  join(__dirname, '../src/modules/reference-data'),
  join(__dirname, '../src/modules/academic-years'),
];
const SEED_FILES =
  /^(seed|fill-sql|fill-school|school-plan|people-plan|roster-rules|settings|Migration.*|index|reference-defaults|default-calendar|bell-schedule)\.js$/;

/** Days off besides the school holidays of the default calendar (public holidays, 2026/2027). */
const PUBLIC_DAYS_OFF = ['2027-02-23', '2027-03-08', '2027-05-03', '2027-05-10'];

/**
 * The benchmark school: 40 classes (four parallels in grades 1–9, two in 10–11), about 1,000
 * students, about 60 teachers; the grid and write classes have 30 students each. Its year is
 * over: every lesson is recorded, every period and year mark given.
 */
const BENCH_SHAPE: SchoolShape = {
  namespace: 'bench',
  loginPrefix: LOGIN_PREFIX,
  lettersByGrade: Object.fromEntries(
    Array.from({ length: 11 }, (_, i) => [i + 1, i < 9 ? ['А', 'Б', 'В', 'Г'] : ['А', 'Б']]),
  ),
  fullClasses: [GRID_CLASS, WRITE_CLASS],
  seed: 2026,
};

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

  const plan = planSchool(BENCH_SHAPE);
  const people = peopleOf(plan, Number(YEAR_STARTS_ON.slice(0, 4)));
  const calendar = defaultCalendar({ startsOn: YEAR_STARTS_ON, endsOn: YEAR_ENDS_ON });
  const parameters: FillParameters = {
    schoolId,
    regionId,
    now: `${YEAR_ENDS_ON}T21:00:00Z`,
    academicYearId: idOf(BENCH_SHAPE.namespace, 'academic year'),
    yearName: YEAR_NAME,
    yearStartsOn: YEAR_STARTS_ON,
    yearEndsOn: YEAR_ENDS_ON,
    daysOff: PUBLIC_DAYS_OFF,
    lessonsUntil: YEAR_ENDS_ON,
    recordedUntil: `${YEAR_ENDS_ON}T21:00:00Z`,
    periodMarksUntil: YEAR_ENDS_ON,
    yearMarks: true,
    passwordHash: await hashPassword(BENCH_PASSWORD),
    calendar,
    plan,
    people,
    searchNames: searchNamesOf(plan, people),
  };
  const client = new Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect();
  try {
    await fillSchool(client, parameters, {
      randomSeed: 0.2026,
      log: (what, rows) => lap(`${what}: ${rows} rows`),
    });
    await client.query('vacuum analyze');
    lap('vacuum analyze');
    const counts = await client.query<{ name: string; count: string }>(COUNTS_SQL);
    log(`rows: ${counts.rows.map((row) => `${row.name} ${row.count}`).join(', ')}`);
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

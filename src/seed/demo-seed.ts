import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { Account } from '../core/auth/entities/account.entity';
import { RoleAssignment } from '../core/auth/entities/role-assignment.entity';
import { hashPassword } from '../core/auth/passwords';
import { addDays, isoWeekday } from '../core/calendar/date-only';
import type { Clock } from '../core/clock/clock';
import { Region } from '../core/tenancy/entities/region.entity';
import { School } from '../core/tenancy/entities/school.entity';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  DEMO_REGION,
  DEMO_SCHOOLS,
  type DemoSchoolKey,
} from '../local/demo-accounts';
import { defaultCalendar } from '../modules/academic-years/default-calendar';
import { createDefaultReferenceData } from '../modules/reference-data/reference-defaults';
import { DEMO_EXTRAS_SQL, type DemoExtrasParameters } from './demo-extras-sql';
import { planDemoSchool } from './demo-school';
import type { FillParameters } from './school/fill-sql';
import { fillSchool } from './school/fill-school';
import { searchNamesOf } from './school/people-plan';
import { idOf } from './school/school-plan';

/** PRNG seeds of the demo schools: each school is different, and the same on every run. */
const SCHOOL_SEEDS: Record<DemoSchoolKey, number> = { school1: 101, school2: 202 };

/**
 * The school year around `today`: the one that started on the last 1 September (in summer,
 * the year just over), with the public days off that fall on weekdays.
 */
export function demoYearAround(today: string): {
  name: string;
  startsOn: string;
  endsOn: string;
  daysOff: string[];
} {
  const y = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) >= 9 ? 0 : 1);
  const daysOff = [
    `${y}-11-04`,
    `${y + 1}-02-23`,
    `${y + 1}-03-08`,
    `${y + 1}-05-01`,
    `${y + 1}-05-09`,
  ];
  return {
    name: `${y}/${y + 1}`,
    startsOn: `${y}-09-01`,
    endsOn: `${y + 1}-05-31`,
    daysOff: daysOff.filter((day) => isoWeekday(day) <= 5),
  };
}

/**
 * Seeds the demo region once: two schools, each a whole school in the middle of its year
 * (`demo-school.ts` says who is who), every demo login linked to its person card, plus the
 * region's authority and the platform operator. Returns false (and changes nothing) when the
 * demo region already exists.
 */
export async function seedDemo(
  em: EntityManager,
  databaseUrl: string,
  clock: Clock,
  log: (message: string) => void = () => undefined,
): Promise<boolean> {
  if (await em.count(Region, { code: DEMO_REGION.code })) return false;
  const region = em.create(Region, DEMO_REGION);
  const schools = DEMO_SCHOOLS.map((s) => ({
    key: s.key,
    school: em.create(School, { regionId: region.id, name: s.name, shortName: s.shortName }),
  }));
  // Created directly, not through the API, so the defaults a new school gets are added here.
  for (const { school } of schools) createDefaultReferenceData(em, school.id);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const outside = (role: string, login: string, displayName: string) =>
    em.create(Account, {
      login,
      displayName,
      passwordHash,
      passwordChangedAt: clock.now(),
      status: 'active',
      isPlatformOperator: role === 'platform operator',
    });
  outside('platform operator', 'operator', 'Оператор платформы');
  em.create(RoleAssignment, {
    account: outside('authority', 'region.authority', 'Управление образования'),
    role: 'authority',
    schoolId: null,
    regionId: region.id,
  });
  await em.flush();

  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const { key, school } of schools) {
      const started = performance.now();
      await fillSchool(client, demoParameters(key, school, region.id, passwordHash, clock), {
        randomSeed: SCHOOL_SEEDS[key] / 1000,
        extra: DEMO_EXTRAS_SQL,
      });
      log(`${school.shortName}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await client.end();
  }
  await assertDemoLogins(em);
  return true;
}

function demoParameters(
  key: DemoSchoolKey,
  school: School,
  regionId: string,
  passwordHash: string,
  clock: Clock,
): FillParameters & DemoExtrasParameters {
  const today = clock.today(school.timeZone);
  const year = demoYearAround(today);
  const demo = planDemoSchool(key, SCHOOL_SEEDS[key], { startsOn: year.startsOn, today });
  const { plan, people } = demo;
  // Lessons from the timetable up to the end of next week; recorded up to now.
  const nextSunday = addDays(today, 14 - isoWeekday(today));
  const staff = (role: string) => people.leadership.find((p) => p.role === role)!.accountId;
  const demoLogins = new Set(DEMO_ACCOUNTS.map((account) => account.login));
  return {
    schoolId: school.id,
    regionId,
    now: clock.now().toISOString(),
    academicYearId: idOf(plan.shape.namespace, 'academic year'),
    yearName: year.name,
    yearStartsOn: year.startsOn,
    yearEndsOn: year.endsOn,
    daysOff: year.daysOff,
    lessonsUntil: nextSunday < year.endsOn ? nextSunday : year.endsOn,
    recordedUntil: clock.now().toISOString(),
    periodMarksUntil: addDays(today, -1),
    yearMarks: today > year.endsOn,
    passwordHash,
    calendar: defaultCalendar({ startsOn: year.startsOn, endsOn: year.endsOn }),
    plan,
    people,
    searchNames: searchNamesOf(plan, people),
    today,
    movements: demo.movements,
    secretaryAccountId: staff('secretary'),
    deputyAccountId: staff('deputy'),
    demoAccountIds: [...plan.teachers, ...people.students, ...people.parents, ...people.leadership]
      .filter((person) => demoLogins.has(person.login))
      .map((person) => person.accountId),
  };
}

/** Every login the README lists exists: a renamed person in the plan would otherwise vanish. */
async function assertDemoLogins(em: EntityManager): Promise<void> {
  const logins = DEMO_ACCOUNTS.map((account) => account.login);
  const found = await em.find(Account, { login: { $in: logins } }, { fields: ['login'] });
  const missing = logins.filter((login) => !found.some((account) => account.login === login));
  if (missing.length) throw new Error(`the demo seed made no account for ${missing.join(', ')}`);
}

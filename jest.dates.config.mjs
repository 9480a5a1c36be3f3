/**
 * `make test-dates`: the date-sensitive suites again, once per pinned date (each date is a jest
 * project whose `__TEST_TODAY__` global pins the test apps' clock, see
 * test/support/test-clock.ts). One run, one template database, the dates side by side.
 * TEST_DATES (comma-separated) replaces the list, e.g. to replay one failing date.
 */
import base from './jest.config.js';

// Each date stands for a kind of day a rule can trip over.
const DATES = [
  '2026-11-23', // a Monday
  '2026-11-29', // a Sunday
  '2026-11-05', // the first day of a study period (2nd quarter of the default calendar)
  '2026-12-28', // the last day of a study period
  '2026-11-04', // a holiday (Day of National Unity, in the autumn break)
  '2026-08-31', // the day before a school year: the previous one is over
  '2026-09-01', // the first day of a school year
  '2026-12-31', // the last day of a calendar year
  '2027-01-01', // the first day of a calendar year, in the winter break
  '2028-02-29', // 29 February of a leap year
  '2026-09-30', // a week that crosses a month (Monday 09-28 … Sunday 10-04)
  '2027-05-31', // the last day of a school year
  '2027-07-15', // the summer holidays: no school year runs
];

// The suites whose data is built around the pinned date (today(), daysFromToday()): their
// answers move with it. today.e2e-spec.ts checks every rule of "today" (this week's lessons,
// my lessons, marks and attendance refused for future lessons, this week's diary, the period
// running today in the grid and in control, token expiry on the same clock). Suites on fixed
// dates (the journal world, 2026/2027) pin the day they mean themselves: a date here would not
// change what they see, so they run once, in `jest --ci`.
const SUITES = ['today', 'lessons', 'classes', 'subgroups', 'timetable', 'demo'];

const dates = process.env.TEST_DATES ? process.env.TEST_DATES.split(',') : DATES;
const {
  testMatch: _all,
  globalSetup,
  globalTeardown,
  reporters,
  maxWorkers,
  testTimeout,
  ...project
} = base;

/** @type {import('jest').Config} */
export default {
  globalSetup,
  globalTeardown,
  reporters,
  maxWorkers,
  testTimeout,
  projects: dates.map((date) => ({
    ...project,
    displayName: date,
    testMatch: SUITES.map((suite) => `<rootDir>/test/${suite}.e2e-spec.ts`),
    globals: { __TEST_TODAY__: date },
  })),
};

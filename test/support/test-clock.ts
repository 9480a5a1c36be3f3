/**
 * The date the tests run on. Every test app boots with its clock pinned to it (noon in Moscow,
 * the test schools' time zone), so the suites never depend on the real date; `make test-dates`
 * runs the date-sensitive suites again under many other dates (TEST_TODAY, or the jest
 * project's `__TEST_TODAY__` global, see jest.dates.config.mjs).
 */
export const DEFAULT_TEST_TODAY = '2026-11-25';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

declare global {
  var __TEST_TODAY__: string | undefined;
}

/** The pinned test date, `YYYY-MM-DD`. */
export function testToday(): string {
  const date = globalThis.__TEST_TODAY__ ?? process.env.TEST_TODAY ?? DEFAULT_TEST_TODAY;
  if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new Error(`TEST_TODAY must be a date like 2026-11-25 (got "${date}")`);
  }
  return date;
}

/** An instant on a date in Moscow: noon by default, far from either midnight. */
export function moscowInstant(date: string, time = '12:00:00'): string {
  return `${date}T${time}+03:00`;
}

/**
 * Arithmetic on calendar dates written `YYYY-MM-DD` (no time, no time zone): the one place
 * where the timetable, the lesson lists and the load figures move through the calendar.
 */

const toTime = (date: string) => Date.parse(`${date}T00:00:00Z`);
const DAY_MS = 86_400_000;

/** `date` moved by `days`. */
export function addDays(date: string, days: number): string {
  return new Date(toTime(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  return ((new Date(toTime(date)).getUTCDay() + 6) % 7) + 1;
}

/** Whole days from `from` to `to` (0 when equal, negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toTime(to) - toTime(from)) / DAY_MS);
}

/** Every date from `from` to `to`, both included. */
export function* eachDate(from: string, to: string): Generator<string> {
  for (let date = from; date <= to; date = addDays(date, 1)) yield date;
}

/** The Monday of the week a date is in. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

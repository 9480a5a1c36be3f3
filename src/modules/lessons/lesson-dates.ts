import { ProblemException } from '../../core/http/problem';

/** The longest span of dates one lesson list covers: a month. */
export const MAX_RANGE_DAYS = 31;

const DAY_MS = 24 * 60 * 60 * 1000;
const toTime = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** A `YYYY-MM-DD` date moved by `days`. */
export function addDays(date: string, days: number): string {
  return new Date(toTime(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the week a date is in. */
export function mondayOf(date: string): string {
  const weekday = new Date(toTime(date)).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

export interface DateRange {
  from: string;
  to: string;
}

/**
 * The dates a list covers: what the query gives, the other end filled in by `span` days
 * (`from` + span − 1), or `fallback` when neither is given. A backwards or too long span is
 * a 400 on `to`.
 */
export async function resolveRange(
  query: { from?: string; to?: string },
  fallback: () => Promise<string>,
  span: number,
): Promise<DateRange> {
  const from = query.from ?? (query.to ? addDays(query.to, 1 - span) : await fallback());
  const to = query.to ?? addDays(from, span - 1);
  const days = (toTime(to) - toTime(from)) / DAY_MS + 1;
  if (days < 1) throw invalidTo('to must not be before from');
  if (days > MAX_RANGE_DAYS) {
    throw invalidTo(`${from} to ${to} is ${days} days: at most ${MAX_RANGE_DAYS} at once`);
  }
  return { from, to };
}

const invalidTo = (message: string) =>
  ProblemException.invalid([{ field: 'to', messages: [message] }]);

import { addDays, daysBetween } from '../../core/calendar/date-only';
import { ProblemException } from '../../core/http/problem';

/** The longest span of dates one lesson list covers: a month. */
export const MAX_RANGE_DAYS = 31;

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
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw invalidTo('to must not be before from');
  if (days > MAX_RANGE_DAYS) {
    throw invalidTo(`${from} to ${to} is ${days} days: at most ${MAX_RANGE_DAYS} at once`);
  }
  return { from, to };
}

const invalidTo = (message: string) =>
  ProblemException.invalid([{ field: 'to', messages: [message] }]);

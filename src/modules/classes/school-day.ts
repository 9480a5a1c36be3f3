import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Enrollment } from './entities/enrollment.entity';

/** Today's date (`YYYY-MM-DD`) in a school's time zone: a school day is local to the school. */
export function todayIn(timeZone: string, now = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Enrollments running on `date`: started on or before it and not yet ended. */
export const enrolledOn = (date: string): FilterQuery<Enrollment> => ({
  startsOn: { $lte: date },
  $or: [{ endsOn: null }, { endsOn: { $gt: date } }],
});

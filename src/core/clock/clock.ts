/**
 * The application's one source of "now" and "today". Nothing else reads the wall clock, so a
 * test (or a demo) pins the date it means and every rule that depends on the day follows.
 */

/** One formatter per time zone: building an `Intl.DateTimeFormat` is the costly part. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (`YYYY-MM-DD`) of an instant in a time zone. */
export function dateIn(timeZone: string, instant: Date): string {
  let format = formatters.get(timeZone);
  if (!format) {
    // en-CA formats dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format.format(instant);
}

/** The DI token and contract of the clock: inject `Clock`, never read `Date` yourself. */
export abstract class Clock {
  /** The current instant. */
  abstract now(): Date;

  /** Today (`YYYY-MM-DD`) in a time zone: a school day is local to the school. */
  today(timeZone: string): string {
    return dateIn(timeZone, this.now());
  }
}

/** The real time: what production runs on. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * A clock pinned to an instant that then moves on with real time, so durations (token ages,
 * timeouts, "the last minute") still behave. Tests and demos pin it; `set()` moves it.
 */
export class PinnedClock extends Clock {
  private offsetMs = 0;

  constructor(at: Date | string) {
    super();
    this.set(at);
  }

  /** Moves the clock to `at` (an ISO 8601 instant, e.g. `2026-10-14T09:00:00+03:00`). */
  set(at: Date | string): void {
    const target = typeof at === 'string' ? parseInstant(at) : at;
    this.offsetMs = target.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** An ISO 8601 date-time with its offset (or `Z`): a bare date would not say which instant. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseInstant(value: string): Date {
  const parsed = new Date(value);
  if (!INSTANT.test(value) || Number.isNaN(parsed.getTime())) {
    throw new Error(`"${value}" is not an ISO 8601 instant like 2026-10-14T09:00:00+03:00`);
  }
  return parsed;
}

/** The system clock, or a pinned one when the configuration pins it (never in production). */
export function createClock(settings: { clockPinnedAt: string | null }): Clock {
  return settings.clockPinnedAt ? new PinnedClock(settings.clockPinnedAt) : new SystemClock();
}

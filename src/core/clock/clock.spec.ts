import { loadConfig } from '../../config/config';
import { createClock, dateIn, PinnedClock, SystemClock } from './clock';

describe('Clock', () => {
  it('says which day an instant is in a time zone', () => {
    const instant = new Date('2026-12-31T21:30:00Z');
    expect(dateIn('UTC', instant)).toBe('2026-12-31');
    expect(dateIn('Europe/Moscow', instant)).toBe('2027-01-01');
    expect(dateIn('Asia/Vladivostok', new Date('2028-02-28T14:00:00Z'))).toBe('2028-02-29');
  });

  it('pins to an instant, then moves on with real time; set() moves it', () => {
    const clock = new PinnedClock('2026-09-01T08:30:00+03:00');
    const first = clock.now().getTime();
    expect(first - Date.parse('2026-09-01T05:30:00Z')).toBeLessThan(1000);
    expect(first).toBeGreaterThanOrEqual(Date.parse('2026-09-01T05:30:00Z'));
    expect(clock.today('Europe/Moscow')).toBe('2026-09-01');
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(first);

    clock.set('2027-01-01T00:10:00+03:00');
    expect(clock.today('Europe/Moscow')).toBe('2027-01-01');
    expect(clock.today('UTC')).toBe('2026-12-31');
  });

  it('refuses an instant without its offset', () => {
    expect(() => new PinnedClock('2026-09-01')).toThrow(/not an ISO 8601 instant/);
    expect(() => new PinnedClock('2026-09-01T08:30:00')).toThrow(/not an ISO 8601 instant/);
  });

  it('runs on the system clock unless CLOCK_PINNED_AT pins it, never in production', () => {
    const env = {
      DATABASE_URL: 'postgres://x@localhost/x',
      REDIS_URL: 'redis://localhost:6379',
      JWT_SECRET: 'x'.repeat(32),
    };
    expect(createClock(loadConfig(env))).toBeInstanceOf(SystemClock);
    const pinned = createClock(loadConfig({ ...env, CLOCK_PINNED_AT: '2028-02-29T10:00:00Z' }));
    expect(pinned.today('UTC')).toBe('2028-02-29');
    expect(() => loadConfig({ ...env, CLOCK_PINNED_AT: 'tomorrow' })).toThrow(
      /CLOCK_PINNED_AT: "tomorrow" is not an ISO 8601 instant/,
    );
    expect(() =>
      loadConfig({ ...env, NODE_ENV: 'production', CLOCK_PINNED_AT: '2028-02-29T10:00:00Z' }),
    ).toThrow(/CLOCK_PINNED_AT must not be set with NODE_ENV=production/);
  });
});

import type Redis from 'ioredis';
import { RateLimitCounter } from './rate-limit-counter';

/** Redis as the spend script sees it: counts by key, and how many calls reached it. */
function fakeRedis() {
  const counts = new Map<string, number>();
  const fake = {
    counts,
    calls: 0,
    fail: false,
    defineCommand: () => undefined,
    spendRateLimits(keys: number, ...rest: (string | number)[]): Promise<number[]> {
      fake.calls += 1;
      if (fake.fail) return Promise.reject(new Error('Redis is down'));
      const names = rest.slice(0, keys) as string[];
      const [windowMs, ...amounts] = rest.slice(keys).map(Number);
      return Promise.resolve(
        names.flatMap((key, i) => {
          counts.set(key, (counts.get(key) ?? 0) + amounts[i]);
          return [counts.get(key)!, windowMs];
        }),
      );
    },
  };
  return fake;
}

describe('RateLimitCounter', () => {
  let redis: ReturnType<typeof fakeRedis>;
  let counter: RateLimitCounter;
  const errors: unknown[] = [];

  beforeEach(() => {
    redis = fakeRedis();
    counter = new RateLimitCounter(redis as unknown as Redis, 60_000, (e) => errors.push(e));
  });
  afterEach(() => counter.close());

  it('counts every request exactly, in Redis near the quota and for the first', async () => {
    const counts: number[] = [];
    for (let i = 0; i < 5; i++) counts.push((await counter.spend('a', 3)).count);
    expect(counts).toEqual([1, 2, 3, 4, 5]);
    // The first, then the third onwards (less than a tenth of the quota left after the 2nd).
    expect(redis.calls).toBe(4);
    expect(redis.counts.get('a')).toBe(5);
  });

  it('counts a busy caller locally and adds the requests in Redis in one call', async () => {
    await counter.spend('a', 1000);
    await counter.spend('b', 1000);
    expect(redis.calls).toBe(2);
    for (let i = 0; i < 50; i++) {
      expect(await counter.spend('a', 1000)).toEqual(expect.objectContaining({ count: 2 + i }));
      await counter.spend('b', 1000);
    }
    expect(redis.calls).toBe(2);
    await counter.flush();
    expect(redis.calls).toBe(3);
    expect(redis.counts.get('a')).toBe(51);
    expect(redis.counts.get('b')).toBe(51);
  });

  it('sees what other replicas counted at the next flush', async () => {
    await counter.spend('a', 1000);
    redis.counts.set('a', 500);
    await counter.spend('a', 1000);
    await counter.flush();
    expect((await counter.spend('a', 1000)).count).toBe(502);
  });

  it('lets the caller know when Redis fails', async () => {
    redis.fail = true;
    await expect(Promise.resolve(counter.spend('a', 3))).rejects.toThrow('Redis is down');
  });
});

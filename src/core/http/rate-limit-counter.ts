import type Redis from 'ioredis';

/**
 * Adds each key's amount to its count and answers, per key, the count in the window and the
 * milliseconds it has left; a key's window starts with its first request.
 */
const SPEND_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCRBY', key, ARGV[i + 1])
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[1])
    ttl = tonumber(ARGV[1])
  end
  out[#out + 1] = count
  out[#out + 1] = ttl
end
return out`;

interface SpendingRedis extends Redis {
  spendRateLimits(keys: number, ...keysThenArgs: (string | number)[]): Promise<number[]>;
}

/** What this process knows of one caller's window. */
interface LocalWindow {
  /** The count Redis last answered (every replica's requests up to then). */
  count: number;
  /** Requests let through here and not yet added in Redis. */
  pending: number;
  /** When the window ends, on the monotonic timer (ms). */
  endsAt: number;
}

export interface Spent {
  /** This request's place in the window's count. */
  count: number;
  /** Milliseconds the window has left. */
  ttlMs: number;
}

/** How often requests counted locally are added in Redis, in one round trip for all callers. */
const FLUSH_MS = 100;
/** A window this close to its end is asked from Redis, not guessed. */
const END_MARGIN_MS = 250;

/**
 * Counts requests per key in Redis, so that every API replica shares the counts, without a
 * Redis round trip per request. A caller's first request of a window, and every request once
 * fewer than a tenth of its quota is left, is counted in Redis before it is answered (with
 * the requests counted here since the last flush): the answer that decides a 429 is exact.
 * In between, requests are counted here and added in Redis every 100 ms, in one call for all
 * callers; other replicas see them then. Redis errors reach the caller (who fails open).
 */
export class RateLimitCounter {
  private readonly windows = new Map<string, LocalWindow>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly windowMs: number,
    private readonly onFlushError: (error: unknown) => void,
  ) {
    if (typeof (redis as SpendingRedis).spendRateLimits !== 'function') {
      redis.defineCommand('spendRateLimits', { lua: SPEND_SCRIPT });
    }
    this.timer = setInterval(() => void this.flush(), FLUSH_MS).unref();
  }

  /** Counts one request against `key`, whose quota is `quota`. */
  spend(key: string, quota: number): Spent | Promise<Spent> {
    const now = performance.now();
    const local = this.windows.get(key);
    if (
      local &&
      now < local.endsAt - END_MARGIN_MS &&
      local.count + local.pending + 1 <= quota - Math.ceil(quota / 10)
    ) {
      local.pending += 1;
      return { count: local.count + local.pending, ttlMs: local.endsAt - now };
    }
    // In Redis now, with what this replica counted since the last flush.
    const amount = 1 + (local && now < local.endsAt ? local.pending : 0);
    if (local) local.pending = 0;
    return this.send([key], [amount]).then(([spent]) => spent);
  }

  /** Adds the requests counted locally in Redis; forgets windows that ended. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    const now = performance.now();
    const keys: string[] = [];
    const amounts: number[] = [];
    for (const [key, local] of this.windows) {
      if (now >= local.endsAt) this.windows.delete(key);
      else if (local.pending > 0) {
        keys.push(key);
        amounts.push(local.pending);
        local.pending = 0;
      }
    }
    if (keys.length === 0) return Promise.resolve();
    this.flushing = this.send(keys, amounts).then(
      () => undefined,
      (error: unknown) => this.onFlushError(error),
    );
    return this.flushing.finally(() => (this.flushing = undefined));
  }

  /** Stops the timer and adds what is left. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async send(keys: string[], amounts: number[]): Promise<Spent[]> {
    const reply = await (this.redis as SpendingRedis).spendRateLimits(
      keys.length,
      ...keys,
      this.windowMs,
      ...amounts,
    );
    const now = performance.now();
    return keys.map((key, i) => {
      const spent = { count: Number(reply[2 * i]), ttlMs: Number(reply[2 * i + 1]) };
      const local = this.windows.get(key);
      const endsAt = now + spent.ttlMs;
      // Answers of concurrent calls may arrive out of order: keep the highest count of a window.
      if (!local || now >= local.endsAt || spent.count > local.count) {
        const pending = local && now < local.endsAt ? local.pending : 0;
        this.windows.set(key, { count: spent.count, pending, endsAt });
      }
      return spent;
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { REDIS, redisKey } from '../redis/redis.module';

/** Failures allowed before waiting starts. */
const FREE_ATTEMPTS = 3;
const MAX_DELAY_SECONDS = 15 * 60;
/** Failures are forgotten an hour after the last one. */
const MEMORY_SECONDS = 60 * 60;

/** An attempt holds its login's slot at most this long (a crashed process frees it). */
const SLOT_MS = 10_000;

/**
 * Exponential backoff per login name: after 3 failures the next attempt must wait 1 s,
 * then 2, 4, 8 … up to 15 minutes. Keyed by the name typed, not by account, so an unknown
 * login is slowed down exactly like a real one and reveals nothing. One attempt per login
 * runs at a time, so a burst of parallel guesses cannot slip past the count.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(login: string) {
    const id = createHash('sha256').update(login).digest('base64url');
    return {
      failures: redisKey(this.config, 'login', 'failures', id),
      lock: redisKey(this.config, 'login', 'lock', id),
      slot: redisKey(this.config, 'login', 'slot', id),
    };
  }

  /**
   * Takes the login's slot for one attempt. Answers 0 when the attempt may go ahead (end it
   * with recordFailure, reset or release), else the seconds to wait.
   */
  async begin(login: string): Promise<number> {
    const keys = this.keys(login);
    const ttl = await this.redis.pttl(keys.lock);
    if (ttl > 0) return Math.ceil(ttl / 1000);
    const taken = await this.redis.set(keys.slot, '1', 'PX', SLOT_MS, 'NX');
    return taken ? 0 : 1;
  }

  async release(login: string): Promise<void> {
    await this.redis.del(this.keys(login).slot);
  }

  async recordFailure(login: string): Promise<void> {
    const keys = this.keys(login);
    const [[, failures]] = (await this.redis
      .multi()
      .incr(keys.failures)
      .expire(keys.failures, MEMORY_SECONDS)
      .exec()) as [[null, number], [null, number]];
    if (failures >= FREE_ATTEMPTS) {
      const delay = Math.min(2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_SECONDS);
      await this.redis.set(keys.lock, '1', 'EX', delay);
    }
    await this.release(login);
  }

  async reset(login: string): Promise<void> {
    const keys = this.keys(login);
    await this.redis.del(keys.failures, keys.lock, keys.slot);
  }
}

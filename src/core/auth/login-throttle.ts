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

/**
 * Exponential backoff per login name: after 3 failures the next attempt must wait 1 s,
 * then 2, 4, 8 … up to 15 minutes. Keyed by the name typed, not by account, so an unknown
 * login is slowed down exactly like a real one and reveals nothing.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(login: string) {
    const id = createHash('sha256').update(login).digest('base64url');
    return {
      failures: redisKey(this.config, 'login', 'failures', id),
      lock: redisKey(this.config, 'login', 'lock', id),
    };
  }

  /** Seconds to wait before this login may be tried again; 0 when it may be tried now. */
  async secondsToWait(login: string): Promise<number> {
    const ttl = await this.redis.pttl(this.keys(login).lock);
    return ttl > 0 ? Math.ceil(ttl / 1000) : 0;
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
  }

  async reset(login: string): Promise<void> {
    const keys = this.keys(login);
    await this.redis.del(keys.failures, keys.lock);
  }
}

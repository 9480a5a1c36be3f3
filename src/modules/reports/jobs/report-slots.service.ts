import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/config';
import { REDIS, redisKey } from '../../../core/redis/redis.module';

/** Deletes or extends a slot only while it is still the holder's. */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0`;

/** A held slot: renewed while the report builds, given back when it ends. */
export interface ReportSlot {
  release(): Promise<void>;
}

/**
 * At most REPORTS_PER_SCHOOL report jobs of one school run at once, across all workers, so
 * one school asking for a hundred reports does not starve the others. A slot is a Redis key
 * with a time to live, renewed while its job runs: a killed worker's slot frees itself.
 */
@Injectable()
export class ReportSlotsService {
  private readonly ttlMs: number;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.ttlMs = config.workerLockSeconds * 1000;
  }

  /** A free slot of the school for this job, or null when all are taken. */
  async take(schoolId: string, holder: string): Promise<ReportSlot | null> {
    for (let index = 0; index < this.config.reports.perSchoolLimit; index++) {
      const key = redisKey(this.config, 'report-slot', schoolId, String(index));
      const taken = await this.redis.set(key, holder, 'PX', this.ttlMs, 'NX');
      if (taken !== 'OK' && (await this.redis.get(key)) !== holder) continue;
      const renewal = setInterval(() => {
        this.redis.eval(RENEW, 1, key, holder, this.ttlMs).catch(() => undefined);
      }, this.ttlMs / 3);
      renewal.unref();
      return {
        release: async () => {
          clearInterval(renewal);
          await this.redis.eval(RELEASE, 1, key, holder);
        },
      };
    }
    return null;
  }
}

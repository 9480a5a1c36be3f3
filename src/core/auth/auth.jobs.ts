import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock } from '../clock/clock';
import { OnJob } from '../queue/on-job.decorator';
import { JobName } from '../queue/jobs';
import { ActivationCode } from './entities/activation-code.entity';
import { RefreshToken } from './entities/refresh-token.entity';

const DAY = 24 * 60 * 60 * 1000;

/** Background work of the auth module. */
@Injectable()
export class AuthJobs {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  /**
   * Drops refresh tokens and activation codes that can no longer be used. A week of grace
   * keeps a reused-token family detectable for a while after it expired.
   */
  @OnJob(JobName.PurgeExpiredCredentials)
  async purgeExpiredCredentials(): Promise<void> {
    const cutoff = new Date(this.clock.now().getTime() - 7 * DAY);
    await this.em.nativeDelete(RefreshToken, { expiresAt: { $lt: cutoff } });
    await this.em.nativeDelete(ActivationCode, { expiresAt: { $lt: cutoff } });
  }
}

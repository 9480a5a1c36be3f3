import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Account } from '../src/core/auth/entities/account.entity';
import { Clock } from '../src/core/clock/clock';
import { RefreshToken } from '../src/core/auth/entities/refresh-token.entity';
import { problemsOf } from '../src/core/queue/job-registry.service';
import { JobName } from '../src/core/queue/jobs';
import { OnJob } from '../src/core/queue/on-job.decorator';
import { QueueService } from '../src/core/queue/queue.service';
import type { AppConfig } from '../src/config/config';
import { eventually, startTestWorker } from './support/workers';
import { clearRedisPrefix, createTestDatabase, testConfig } from './support/test-app';

@Injectable()
class SecondPurgeHandler {
  @OnJob(JobName.PurgeExpiredCredentials)
  async purgeAgain(): Promise<void> {}
}

describe('worker', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let config: AppConfig;
  const started: INestApplicationContext[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    config = testConfig(database.url);
  });
  afterAll(async () => {
    for (const app of started) await app.close();
    await database.drop();
    await clearRedisPrefix(config.redisPrefix);
  });

  it('lists every job without a handler or with two', () => {
    expect(problemsOf(new Map(), [JobName.PurgeExpiredCredentials])).toEqual([
      'job "auth.purge-expired-credentials" has no @OnJob handler',
    ]);
    expect(
      problemsOf(new Map([[JobName.PurgeExpiredCredentials, ['A.one', 'B.two']]]), [
        JobName.PurgeExpiredCredentials,
      ]),
    ).toEqual(['job "auth.purge-expired-credentials" has 2 handlers: A.one, B.two']);
  });

  it('refuses to start when a job has two handlers', async () => {
    const failure = startTestWorker(config, [SecondPurgeHandler]);
    await expect(failure).rejects.toThrow(/auth\.purge-expired-credentials" has 2 handlers/);
    await expect(failure).rejects.toThrow(/AuthJobs\.purgeExpiredCredentials/);
    await expect(failure).rejects.toThrow(/SecondPurgeHandler\.purgeAgain/);
  });

  it('runs a job end to end: the purge drops long-expired refresh tokens only', async () => {
    const worker = await startTestWorker(config);
    started.push(worker);
    const em = worker.get(MikroORM).em.fork();
    const account = em.create(Account, { login: 'worker.test', displayName: 'Worker' });
    const token = (hash: string, daysFromNow: number) =>
      em.create(RefreshToken, {
        account,
        familyId: account.id,
        tokenHash: hash,
        expiresAt: new Date(worker.get(Clock).now().getTime() + daysFromNow * 24 * 3600 * 1000),
      });
    token('long-expired', -30);
    token('recently-expired', -3); // kept a week, so a reused family is still recognised
    token('still-valid', 10);
    await em.flush();

    await worker.get(QueueService).enqueue(JobName.PurgeExpiredCredentials, {});
    await eventually(async () =>
      (await em.fork().count(RefreshToken, { tokenHash: 'long-expired' })) === 0 ? true : undefined,
    );
    const left = await em.fork().find(RefreshToken, {}, { orderBy: { tokenHash: 'asc' } });
    expect(left.map((t) => t.tokenHash)).toEqual(['recently-expired', 'still-valid']);
  });

  it('keeps exactly one schedule per recurring job however many workers start', async () => {
    started.push(await startTestWorker(config));
    started.push(await startTestWorker(config));
    const schedulers = await started[0].get(QueueService).bullQueue.getJobSchedulers();
    expect(schedulers.map((s) => [s.name, s.pattern]).sort()).toEqual([
      [JobName.PurgeExpiredCredentials, '17 3 * * *'],
      [JobName.ScheduledBackup, '0 3 */14 * *'],
      [JobName.PurgeExpiredReports, '41 * * * *'],
    ]);
  });
});

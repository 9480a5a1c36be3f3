import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import { Worker, type Job } from 'bullmq';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { callContext } from '../request-context/call-context';
import { JobRegistryService } from './job-registry.service';
import { jobSchedules, QUEUE_NAME } from './jobs';
import { QueueService } from './queue.service';
import { runningJob } from './running-job';

/**
 * Runs jobs in the worker process: each in its own MikroORM context (a fresh identity map)
 * and call context (the job id stands in for the request id in logs and audit rows).
 */
@Injectable()
export class WorkerService implements OnApplicationShutdown {
  private readonly logger = new Logger('worker');
  private worker?: Worker;

  constructor(
    private readonly registry: JobRegistryService,
    private readonly queue: QueueService,
    private readonly orm: MikroORM,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Validates the handlers, installs the schedules and starts consuming. */
  async start(): Promise<void> {
    this.registry.load();
    await this.installSchedules();
    const lockMs = this.config.workerLockSeconds * 1000;
    this.worker = new Worker(QUEUE_NAME, (job, token) => this.run(job, token), {
      connection: { url: this.config.redisUrl, maxRetriesPerRequest: null },
      prefix: this.config.redisPrefix,
      concurrency: this.config.workerConcurrency,
      // A killed worker stops renewing its lock: after about lockMs another worker finds the
      // job stalled and runs it again (twice at most, then it fails).
      lockDuration: lockMs,
      stalledInterval: lockMs,
      maxStalledCount: 2,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.error({ jobId: job?.id, job: job?.name, err: error }, 'job failed'),
    );
    await this.worker.waitUntilReady();
    this.logger.log(
      `processing queue "${QUEUE_NAME}" with concurrency ${this.config.workerConcurrency}`,
    );
  }

  /** Upserting by name is idempotent: any number of workers keep exactly one schedule per job. */
  private async installSchedules(): Promise<void> {
    for (const [name, pattern] of Object.entries(jobSchedules(this.config))) {
      if (pattern)
        await this.queue.bullQueue.upsertJobScheduler(name, { pattern }, { name, data: {} });
      else await this.queue.bullQueue.removeJobScheduler(name);
    }
  }

  private async run(job: Job, token: string | undefined): Promise<void> {
    const handler = this.registry.handlerFor(job.name);
    if (!handler) throw new Error(`no handler for job "${job.name}"`);
    await callContext.run({ requestId: `job:${job.id}` }, () =>
      RequestContext.create(this.orm.em, () => handler(job.data, runningJob(job, token))),
    );
  }

  /** On SIGTERM: stop taking jobs, let running ones finish, then close. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.worker) return;
    await this.worker.close();
    this.logger.log('stopped: no longer taking jobs, running jobs finished');
  }
}

import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { QUEUE_NAME, type JobName, type JobOf } from './jobs';

/** Puts jobs on the queue; typed so a job's payload always matches its name. */
@Injectable()
export class QueueService implements OnApplicationShutdown {
  private queue?: Queue;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Created on first use, so processes that never enqueue never connect. */
  get bullQueue(): Queue {
    this.queue ??= new Queue(QUEUE_NAME, {
      connection: { url: this.config.redisUrl },
      prefix: this.config.redisPrefix,
      defaultJobOptions: {
        attempts: 3,
        backoff: { type: 'exponential', delay: 5000 },
        removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
        removeOnFail: { age: 30 * 24 * 3600 },
      },
    });
    return this.queue;
  }

  async enqueue<Name extends JobName>(
    name: Name,
    payload: JobOf<Name>,
    options?: JobsOptions,
  ): Promise<string> {
    const job = await this.bullQueue.add(name, payload, options);
    return job.id as string;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
  }
}

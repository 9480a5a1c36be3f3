import { DelayedError, type Job } from 'bullmq';

/** What a job handler may know and do about the job it runs, beyond its payload. */
export interface RunningJob {
  id: string;
  /** 1 on the first attempt. */
  attempt: number;
  /** Attempts the job has in all; on the last one a failure is final. */
  maxAttempts: number;
  /**
   * Puts the job back to wait `ms` milliseconds, without using up an attempt (e.g. when the
   * school already runs as many reports as it may). Ends the handler: never returns.
   */
  postpone(ms: number): Promise<never>;
}

export function runningJob(job: Job, token: string | undefined): RunningJob {
  return {
    id: job.id as string,
    attempt: job.attemptsMade + 1,
    maxAttempts: job.opts.attempts ?? 1,
    async postpone(ms: number): Promise<never> {
      // BullMQ schedules by the wall clock of its processes and Redis, not the app's clock.
      // eslint-disable-next-line no-restricted-syntax
      await job.moveToDelayed(Date.now() + ms, token);
      throw new DelayedError();
    },
  };
}

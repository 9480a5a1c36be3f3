/**
 * Every background job: its name and its payload, in one place. Payloads carry ids only —
 * Redis keeps job data in clear text, so no personal data ever goes into a job.
 */
export enum JobName {
  PurgeExpiredCredentials = 'auth.purge-expired-credentials',
}

/** What each job receives. */
export interface JobPayloads {
  [JobName.PurgeExpiredCredentials]: Record<string, never>;
}

export type JobOf<Name extends JobName> = JobPayloads[Name];

/** Recurring jobs, installed by the worker as BullMQ job schedulers (one per name, however many workers). */
export const JOB_SCHEDULES: Partial<Record<JobName, { pattern: string }>> = {
  [JobName.PurgeExpiredCredentials]: { pattern: '17 3 * * *' },
};

/** The one queue all jobs go through; job names route them to their handlers. */
export const QUEUE_NAME = 'journal';

import type { AppConfig } from '../../config/config';

/**
 * Every background job: its name and its payload, in one place. Payloads carry ids only —
 * Redis keeps job data in clear text, so no personal data ever goes into a job.
 */
export enum JobName {
  PurgeExpiredCredentials = 'auth.purge-expired-credentials',
  RunBackup = 'backup.run',
  ScheduledBackup = 'backup.scheduled',
  RestoreDrill = 'backup.restore-drill',
  BuildReport = 'report.build',
  PurgeExpiredReports = 'report.purge-expired',
}

/** What each job receives. */
export interface JobPayloads {
  [JobName.PurgeExpiredCredentials]: Record<string, never>;
  [JobName.RunBackup]: { backupId: string };
  [JobName.ScheduledBackup]: Record<string, never>;
  [JobName.RestoreDrill]: Record<string, never>;
  [JobName.BuildReport]: { reportId: string };
  [JobName.PurgeExpiredReports]: Record<string, never>;
}

export type JobOf<Name extends JobName> = JobPayloads[Name];

/**
 * Recurring jobs, installed by the worker as BullMQ job schedulers (one per name, however
 * many workers). A job mapped to null has its schedule removed.
 */
export function jobSchedules(
  config: Pick<AppConfig, 'backup'>,
): Partial<Record<JobName, string | null>> {
  return {
    [JobName.PurgeExpiredCredentials]: '17 3 * * *',
    [JobName.ScheduledBackup]: config.backup.schedule,
    [JobName.RestoreDrill]: config.backup.drillSchedule || null,
    [JobName.PurgeExpiredReports]: '41 * * * *',
  };
}

/** The one queue all jobs go through; job names route them to their handlers. */
export const QUEUE_NAME = 'journal';

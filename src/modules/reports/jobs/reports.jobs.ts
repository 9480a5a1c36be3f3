import { Injectable } from '@nestjs/common';
import { JobName, type JobOf } from '../../../core/queue/jobs';
import { OnJob } from '../../../core/queue/on-job.decorator';
import type { RunningJob } from '../../../core/queue/running-job';
import { ReportBuilderService } from './report-builder.service';
import { ReportRetentionService } from './report-retention.service';

@Injectable()
export class ReportsJobs {
  constructor(
    private readonly builder: ReportBuilderService,
    private readonly retention: ReportRetentionService,
  ) {}

  @OnJob(JobName.BuildReport)
  async buildReport({ reportId }: JobOf<JobName.BuildReport>, job: RunningJob): Promise<void> {
    await this.builder.build(reportId, job);
  }

  @OnJob(JobName.PurgeExpiredReports)
  async purgeExpiredReports(): Promise<void> {
    await this.retention.purge();
  }
}

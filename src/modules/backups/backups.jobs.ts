import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { JobName, type JobOf } from '../../core/queue/jobs';
import { OnJob } from '../../core/queue/on-job.decorator';
import { BackupRunnerService } from './backup-runner.service';
import { Backup } from './entities/backup.entity';

@Injectable()
export class BackupsJobs {
  constructor(
    private readonly runner: BackupRunnerService,
    private readonly em: EntityManager,
  ) {}

  /** A backup an admin asked for (its row exists, `queued`). */
  @OnJob(JobName.RunBackup)
  async runBackup({ backupId }: JobOf<JobName.RunBackup>): Promise<void> {
    await this.runner.run(backupId);
  }

  @OnJob(JobName.ScheduledBackup)
  async runScheduledBackup(): Promise<void> {
    const backup = this.em.create(Backup, { trigger: 'scheduled' });
    await this.em.flush();
    await this.runner.run(backup.id);
  }

  /** Fails the job when the drill fails, so it shows among the queue's failed jobs too. */
  @OnJob(JobName.RestoreDrill)
  async runRestoreDrill(): Promise<void> {
    const { id, drill } = await this.runner.drill();
    if (!drill?.passed)
      throw new Error(`restore drill of backup ${id} failed: ${drill?.mismatches.join('; ')}`);
  }
}

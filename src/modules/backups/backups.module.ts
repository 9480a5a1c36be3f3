import { Module } from '@nestjs/common';
import { BackupHealth } from './backup-health';
import { BackupRunnerService } from './backup-runner.service';
import { BackupsController } from './backups.controller';
import { BackupsJobs } from './backups.jobs';
import { BackupsPolicy } from './backups.policy';
import { BackupsService } from './backups.service';

@Module({
  controllers: [BackupsController],
  providers: [BackupsService, BackupsPolicy, BackupHealth],
})
export class BackupsModule {}

/** The worker's side: running, verifying and drilling backups. */
@Module({ providers: [BackupRunnerService, BackupsJobs] })
export class BackupsWorkerModule {}

import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock } from '../../../core/clock/clock';
import { ErrorCode } from '../../../core/http/error-codes';
import { Report } from '../entities/report.entity';
import { ReportFilesService } from '../storage/report-files.service';

/** A report `running` without a sign of life this long lost its worker for good. */
const LOST_AFTER_MS = 60 * 60 * 1000;

/**
 * Keeps the report storage to its retention period: reports past `expiresAt` turn `expired`
 * and their file is deleted once no live report shares it. Also fails reports whose job
 * BullMQ gave up on while they showed `running` (a worker killed again and again).
 */
@Injectable()
export class ReportRetentionService {
  private readonly logger = new Logger('reports');

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly files: ReportFilesService,
  ) {}

  async purge(): Promise<{ expired: number; filesRemoved: number; lost: number }> {
    const now = this.clock.now();
    const expiring = await this.em.find(Report, { status: 'done', expiresAt: { $lte: now } });
    for (const report of expiring) report.status = 'expired';
    const lost = await this.em.find(Report, {
      status: 'running',
      updatedAt: { $lt: new Date(now.getTime() - LOST_AFTER_MS) },
    });
    for (const report of lost) {
      report.status = 'failed';
      report.finishedAt = now;
      report.problem = {
        code: ErrorCode.reportFailed,
        title: 'The report could not be built',
        detail: 'Its worker stopped and the job was not resumed: request the report again.',
      };
    }
    await this.em.flush();
    const keys = [
      ...new Set(expiring.map((report) => report.fileKey).filter((key) => key !== null)),
    ];
    let filesRemoved = 0;
    for (const key of keys) {
      if ((await this.em.count(Report, { fileKey: key, status: 'done' })) > 0) continue;
      await this.files.remove(key);
      filesRemoved++;
    }
    const outcome = { expired: expiring.length, filesRemoved, lost: lost.length };
    if (expiring.length || lost.length) this.logger.log(outcome, 'report retention');
    return outcome;
  }
}

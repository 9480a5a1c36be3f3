import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager, IsolationLevel } from '@mikro-orm/postgresql';
import { UnrecoverableError } from 'bullmq';
import { Clock } from '../../../core/clock/clock';
import { ErrorCode } from '../../../core/http/error-codes';
import type { RunningJob } from '../../../core/queue/running-job';
import { Report, type ReportProblem } from '../entities/report.entity';
import { EXTENSIONS, renderReport } from '../render/formats';
import { ReportCatalogService } from '../report-catalog.service';
import { ReportFilesService } from '../storage/report-files.service';
import { ReportSlotsService } from './report-slots.service';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/config';
import { School } from '../../../core/tenancy/entities/school.entity';

/** How long a job waits before it tries again for a slot of its school. */
const SLOT_RETRY_MS = 1000;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Builds one report in the worker: takes a slot of its school, reads one snapshot of the data
 * (a read-only repeatable-read transaction), renders the format and stores the file. A failure
 * on the last attempt marks the report `failed` with its reason; before that it goes back to
 * `queued` and BullMQ retries it. A worker killed mid-report leaves the job to the next one.
 */
@Injectable()
export class ReportBuilderService {
  private readonly logger = new Logger('reports');

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly catalog: ReportCatalogService,
    private readonly files: ReportFilesService,
    private readonly slots: ReportSlotsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async build(reportId: string, job: RunningJob): Promise<void> {
    const report = await this.em.findOne(Report, reportId);
    if (!report || !['queued', 'running'].includes(report.status)) return;
    const slot = await this.slots.take(report.schoolId, job.id);
    if (!slot) return job.postpone(SLOT_RETRY_MS);
    try {
      await this.run(report);
    } catch (error) {
      await this.fail(report, job, error as Error);
    } finally {
      await slot.release();
    }
  }

  private async run(report: Report): Promise<void> {
    report.status = 'running';
    report.startedAt = this.clock.now();
    report.attempts += 1;
    report.progress = 5;
    await this.em.flush();
    const definition = this.catalog.get(report.type);
    const school = await this.em.findOneOrFail(School, report.schoolId);
    const progress = async (percent: number) => {
      // Progress is written outside the snapshot transaction, so a poller sees it at once.
      await this.em
        .getConnection()
        .execute('update reports set progress = ? where id = ?', [percent, report.id]);
    };
    const options = {
      generatedAt: this.clock.now(),
      timeZone: school.timeZone,
      draft: report.params.draft === true,
    };
    const built = await this.em.transactional(
      async (em) => {
        const context = { em, builtAt: this.clock.now(), progress };
        // A type with its own paper form renders its PDF itself (ReportDefinition.renderPdf).
        if (report.format === 'pdf' && definition.renderPdf) {
          return { pdf: await definition.renderPdf(report.params, context, options) };
        }
        return { document: await definition.build(report.params, context) };
      },
      { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
    );
    await progress(80);
    const content =
      built.pdf?.content ?? (await renderReport(built.document!, report.format, options));
    const pages = built.pdf?.pages ?? null;
    const stored = await this.files.write(
      `${report.schoolId}/${report.cacheKey}.${EXTENSIONS[report.format]}`,
      content,
    );
    const finishedAt = this.clock.now();
    Object.assign(report, {
      status: 'done',
      progress: 100,
      fileKey: stored.key,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      pages,
      finishedAt,
      expiresAt: new Date(finishedAt.getTime() + this.config.reports.retentionDays * DAY_MS),
    });
    await this.em.flush();
  }

  private async fail(report: Report, job: RunningJob, error: Error): Promise<never> {
    const final = job.attempt >= job.maxAttempts || error instanceof UnrecoverableError;
    this.logger.warn(
      { reportId: report.id, attempt: job.attempt, final, err: error },
      'report failed',
    );
    this.em.clear();
    const fresh = await this.em.findOneOrFail(Report, report.id);
    fresh.status = final ? 'failed' : 'queued';
    fresh.progress = 0;
    if (final) {
      fresh.finishedAt = this.clock.now();
      fresh.problem = problemOf(error);
    }
    await this.em.flush();
    throw error;
  }
}

/** What the report's `problem` says: the reason, never a stack trace. */
function problemOf(error: Error): ReportProblem {
  return {
    code: ErrorCode.reportFailed,
    title: 'The report could not be built',
    detail: error.message,
  };
}

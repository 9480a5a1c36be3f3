import { createHash } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { subject } from '@casl/ability';
import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../core/auth/actor';
import { isStaffRole } from '../../core/auth/roles';
import { Clock } from '../../core/clock/clock';
import { ErrorCode } from '../../core/http/error-codes';
import { FieldErrors } from '../../core/http/field-errors';
import { findPage, mapPage, type Page, type PageQueryDto } from '../../core/http/pagination';
import { ProblemException } from '../../core/http/problem';
import { accessibleWhere } from '../../core/policy/accessible-where';
import { findVisible } from '../../core/policy/scoped-find';
import type { AppAbility } from '../../core/policy/subjects';
import { JobName } from '../../core/queue/jobs';
import { QueueService } from '../../core/queue/queue.service';
import type { RequestReportDto } from './dto/request-report.dto';
import { ReportDto } from './dto/report.dto';
import { Report } from './entities/report.entity';
import { EXTENSIONS } from './render/formats';
import { ReportCatalogService } from './report-catalog.service';
import { reportRun } from './reports.policy';
import { DATA_VERSION_SQL } from './report-data-version.sql';
import type { ReportTarget } from './report-types/report-definition';
import { REPORT_SPECS, type ParamName } from './report-types/report-type-names';
import { ReportFilesService } from './storage/report-files.service';

/** A cached file is reused only while it has at least this long to live. */
const REUSE_MARGIN_MS = 10 * 60 * 1000;

/**
 * Reports as the API offers them (R1–R14, J9): ask for one (checked, then queued for the
 * worker or answered from an equal report over unchanged data), follow it, download its file.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly queue: QueueService,
    private readonly catalog: ReportCatalogService,
    private readonly files: ReportFilesService,
  ) {}

  async request(ability: AppAbility, actor: Actor, input: RequestReportDto): Promise<ReportDto> {
    const definition = this.catalog.get(input.type);
    checkRequest(input);
    const resolved = await definition.resolve(input.params, actor);
    assertMayRun(ability, actor, input.type, resolved.target);
    if (resolved.refusal) throw resolved.refusal;

    const cacheKey = await this.cacheKeyOf(input, resolved.params, resolved.target.schoolId);
    const fileName = `${resolved.fileTitle}.${EXTENSIONS[input.format]}`;
    const base = {
      schoolId: resolved.target.schoolId,
      type: input.type,
      format: input.format,
      params: resolved.params,
      classId: resolved.target.classId,
      studentId: resolved.target.studentId,
      requestedBy: actor.accountId,
      cacheKey,
      fileName,
    };
    const reusable = await this.reusable(cacheKey);
    if (reusable) {
      const report = this.em.create(Report, {
        ...base,
        status: 'done',
        progress: 100,
        cached: true,
        finishedAt: this.clock.now(),
        fileKey: reusable.fileKey,
        sizeBytes: reusable.sizeBytes,
        sha256: reusable.sha256,
        pages: reusable.pages,
        expiresAt: reusable.expiresAt,
      });
      await this.em.flush();
      return ReportDto.from(report);
    }
    const report = this.em.create(Report, base);
    await this.em.flush();
    try {
      await this.queue.enqueue(JobName.BuildReport, { reportId: report.id }, { jobId: report.id });
    } catch (error) {
      // Never leave a row `queued` that no worker will ever pick up.
      report.status = 'failed';
      report.problem = {
        code: ErrorCode.reportFailed,
        title: 'The report could not be queued',
        detail: (error as Error).message,
      };
      await this.em.flush();
      throw error;
    }
    return ReportDto.from(report);
  }

  async list(ability: AppAbility, page: PageQueryDto): Promise<Page<ReportDto>> {
    const reports = await findPage(
      this.em,
      Report,
      accessibleWhere<Report>(ability, 'read', 'Report'),
      page,
      'desc',
    );
    return mapPage(reports, ReportDto.from);
  }

  async get(ability: AppAbility, id: string): Promise<ReportDto> {
    return ReportDto.from(await findVisible(this.em, Report, id, ability, 'Report'));
  }

  /**
   * The report's file. The run rule is checked again: a teacher who no longer teaches the
   * class, or lost the role, no longer gets the file (404, as for any report not theirs).
   */
  async file(ability: AppAbility, id: string): Promise<{ report: Report; stream: ReadStream }> {
    const report = await findVisible(this.em, Report, id, ability, 'Report');
    if (!ability.can('create', reportRun(report.type, report))) {
      throw ProblemException.notFound(`Report ${id}`);
    }
    if (
      report.status === 'expired' ||
      (report.status === 'done' && !(await this.files.exists(report.fileKey!)))
    ) {
      throw new ProblemException(
        HttpStatus.GONE,
        ErrorCode.reportExpired,
        'Gone',
        `The file of report ${id} was deleted after the retention period: request the report again.`,
      );
    }
    if (report.status !== 'done') {
      throw ProblemException.conflict(
        ErrorCode.reportNotReady,
        report.status === 'failed'
          ? `Report ${id} failed and has no file: ${report.problem?.detail ?? 'see its problem'}.`
          : `Report ${id} is ${report.status}: poll GET /v1/reports/${id} until it is done.`,
      );
    }
    return { report, stream: this.files.open(report.fileKey!) };
  }

  /** Type, format, parameters and the school's data version: equal keys, equal files. */
  private async cacheKeyOf(
    input: RequestReportDto,
    params: Record<string, unknown>,
    schoolId: string,
  ): Promise<string> {
    const [{ version }] = await this.em
      .getConnection()
      .execute<{ version: string }[]>(DATA_VERSION_SQL, [schoolId, schoolId]);
    const canonical = JSON.stringify([
      input.type,
      input.format,
      Object.entries(params).sort(([a], [b]) => a.localeCompare(b)),
      version,
    ]);
    return createHash('sha256').update(canonical).digest('hex');
  }

  private async reusable(cacheKey: string): Promise<Report | null> {
    const candidate = await this.em.findOne(
      Report,
      {
        cacheKey,
        status: 'done',
        expiresAt: { $gt: new Date(this.clock.now().getTime() + REUSE_MARGIN_MS) },
      },
      { orderBy: { expiresAt: 'desc' } },
    );
    return candidate && (await this.files.exists(candidate.fileKey!)) ? candidate : null;
  }
}

/** 400 for a format the type has not, a parameter it needs missing or one it does not take. */
function checkRequest(input: RequestReportDto): void {
  const spec = REPORT_SPECS[input.type];
  const errors = new FieldErrors();
  if (!spec.formats.includes(input.format)) {
    errors.add('format', `a ${input.type} report comes as ${spec.formats.join(', ')}`);
  }
  const taken = new Set<ParamName>([...spec.required, ...spec.optional]);
  for (const name of spec.required) {
    if (input.params[name] === undefined) {
      errors.add(`params.${name}`, `${name} is required for a ${input.type} report`);
    }
  }
  for (const [name, value] of Object.entries(input.params)) {
    if (value !== undefined && !taken.has(name as ParamName)) {
      errors.add(`params.${name}`, `a ${input.type} report does not take ${name}`);
    }
  }
  errors.throwIfAny();
}

/**
 * 403 for staff who may see the class (or, for a school-wide report, work in the school) but
 * whose roles do not run this report about it; 404 for everyone else, students and parents
 * included, as for any object they cannot see.
 */
function assertMayRun(ability: AppAbility, actor: Actor, type: string, target: ReportTarget): void {
  if (ability.can('create', reportRun(type, target))) return;
  const staffHere = actor.grants.some(
    (grant) => grant.schoolId === target.schoolId && isStaffRole(grant.role),
  );
  const seesTarget = target.classId
    ? ability.can('read', subject('SchoolClass', { id: target.classId, schoolId: target.schoolId }))
    : true;
  if (staffHere && seesTarget) {
    throw ProblemException.forbidden(
      `Your roles in this school do not run ${type} reports${target.classId ? ' for this class' : ' for the whole school'}.`,
    );
  }
  throw ProblemException.notFound(
    target.classId ? `Class ${target.classId}` : `School ${target.schoolId}`,
  );
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../../core/auth/actor';
import type { ProblemException } from '../../../core/http/problem';
import type { ReportParamsDto } from '../dto/request-report.dto';
import type { ReportParams } from '../entities/report.entity';
import type { RenderOptions } from '../render/formats';
import type { ReportDocument } from '../render/report-document';
import type { ReportType } from './report-type-names';

/** What a report is about, as the permission rules see it. */
export interface ReportTarget {
  schoolId: string;
  /** Null for a school-wide report. */
  classId: string | null;
  studentId: string | null;
}

/** A request checked against the data: whom it is about, its parameters with defaults filled. */
export interface ResolvedReport {
  target: ReportTarget;
  params: ReportParams;
  /** The file's name without extension, in Russian: «Посещаемость 7А 2026-10». */
  fileTitle: string;
  /**
   * Why the request cannot run now although it is well formed (a 409, e.g. a period not yet
   * closed). Thrown only after the run rule passed, so a caller who may not run the report
   * learns nothing about the data.
   */
  refusal?: ProblemException;
}

/** What building a report may use, in the worker. */
export interface BuildContext {
  /** In a read-only transaction: the whole report reads one snapshot of the data. */
  em: EntityManager;
  /** When the report is built (the application's clock), for its subtitle. */
  builtAt: Date;
  progress: (percent: number) => Promise<void>;
}

/**
 * How one report type (REPORT_SPECS) is resolved and built. The API resolves a request with it (400 for bad parameters, 404 for
 * objects that do not exist) before anything is queued; the worker builds the document.
 */
export interface ReportDefinition {
  readonly type: ReportType;
  resolve(params: ReportParamsDto, actor: Actor): Promise<ResolvedReport>;
  build(params: ReportParams, context: BuildContext): Promise<ReportDocument>;
  /**
   * A paper form that the generic document cannot express (the printed journal) renders its
   * PDF itself: when present, the builder calls it instead of build() + renderReport() for the
   * `pdf` format, inside the same snapshot transaction.
   */
  renderPdf?(
    params: ReportParams,
    context: BuildContext,
    options: RenderOptions,
  ): Promise<RenderedPdf>;
}

/** A PDF rendered by its report type, and how many pages (sheets) it has. */
export interface RenderedPdf {
  content: Buffer;
  pages: number;
}

/** The provider token of the list of every definition. */
export const REPORT_DEFINITIONS = Symbol('reportDefinitions');

import { ApiProperty } from '@nestjs/swagger';
import { REPORT_FORMATS, type ReportFormat } from '../render/formats';
import { REPORT_TYPES, type ReportType } from '../report-types/report-type-names';
import {
  REPORT_STATUSES,
  type Report,
  type ReportParams,
  type ReportStatus,
} from '../entities/report.entity';

export class ReportProblemDto {
  @ApiProperty({ example: 'report.failed' })
  code!: string;

  @ApiProperty({ example: 'The report could not be built' })
  title!: string;

  @ApiProperty({ example: 'canceling statement due to statement timeout' })
  detail!: string;
}

/** A report job: what was asked, how far it is, and its file once done. */
export class ReportDto {
  @ApiProperty({ format: 'uuid', example: '01936f0e-7c1a-7d3e-9a51-2f4b8c0d1e30' })
  id!: string;

  @ApiProperty({ enum: REPORT_TYPES, example: 'attendance-by-month' })
  type!: ReportType;

  @ApiProperty({ enum: REPORT_FORMATS, example: 'pdf' })
  format!: ReportFormat;

  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'boolean' }] },
    description: 'The parameters as checked, with defaults filled in (ids and dates only).',
    example: { classId: '01936f0e-7c1a-7d3e-9a51-2f4b8c0d1e20', month: '2026-10' },
  })
  params!: ReportParams;

  @ApiProperty({
    enum: REPORT_STATUSES,
    example: 'done',
    description:
      '`queued` → `running` → `done` or `failed`; a done report turns `expired` when its file is deleted after the retention period.',
  })
  status!: ReportStatus;

  @ApiProperty({ minimum: 0, maximum: 100, example: 100, description: 'Per cent, while running.' })
  progress!: number;

  @ApiProperty({
    example: false,
    description: 'True when an equal report over unchanged data was reused: no job ran.',
  })
  cached!: boolean;

  @ApiProperty({ format: 'date-time', example: '2026-11-25T09:00:00.000Z' })
  requestedAt!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-25T09:00:01.200Z',
  })
  finishedAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-12-02T09:00:01.200Z',
    description: 'When the file will be deleted.',
  })
  expiresAt!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Посещаемость 7А, октябрь 2026.pdf',
    description: 'The file’s name, as `GET /v1/reports/{id}/file` gives it.',
  })
  fileName!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 48213 })
  sizeBytes!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '9f2c4b1d0e8a7f6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a392817060f1e',
  })
  sha256!: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 12,
    description:
      'The PDF’s page count, for the types that record it (the printed journal); null otherwise.',
  })
  pages!: number | null;

  @ApiProperty({ type: ReportProblemDto, nullable: true, description: 'Why it failed.' })
  problem!: ReportProblemDto | null;

  static from(this: void, report: Report): ReportDto {
    return {
      id: report.id,
      type: report.type,
      format: report.format,
      params: report.params,
      status: report.status,
      progress: report.progress,
      cached: report.cached,
      requestedAt: report.createdAt.toISOString(),
      finishedAt: report.finishedAt?.toISOString() ?? null,
      expiresAt: report.expiresAt?.toISOString() ?? null,
      fileName: report.fileName,
      sizeBytes: report.sizeBytes,
      sha256: report.sha256,
      pages: report.pages,
      problem: report.problem,
    };
  }
}

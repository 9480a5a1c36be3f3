import { ApiProperty } from '@nestjs/swagger';
import type { StudyPeriod } from '../../academic-years/entities/study-period.entity';
import type { Report } from '../entities/report.entity';

export class PrintedPeriodDto {
  @ApiProperty({ format: 'uuid', example: '01936f0e-7c1a-7d3e-9a51-2f4b8c0d1e22' })
  id!: string;

  @ApiProperty({ example: '1 четверть' })
  name!: string;
}

/** One printed copy of a class's journal (J9): which version, who printed it and when. */
export class PrintedJournalDto {
  @ApiProperty({
    format: 'uuid',
    example: '01936f0e-7c1a-7d3e-9a51-2f4b8c0d1e30',
    description: 'The report whose file is this copy (`GET /v1/reports/{id}`).',
  })
  reportId!: string;

  @ApiProperty({
    type: PrintedPeriodDto,
    nullable: true,
    description: 'The study period printed; null when the whole year was.',
  })
  studyPeriod!: PrintedPeriodDto | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: null,
    description: 'The academic year, when the whole year was printed.',
  })
  academicYearId!: string | null;

  @ApiProperty({ example: false, description: 'A draft of an open period, stamped «Черновик».' })
  draft!: boolean;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 12,
    description: 'Pages (sheets), the N of the certification sheet.',
  })
  pages!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '9f2c4b1d0e8a7f6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a392817060f1e',
    description: 'SHA-256 of the PDF: tells which version a paper copy is.',
  })
  sha256!: string | null;

  @ApiProperty({
    format: 'uuid',
    example: '01936f0e-7c1a-7d3e-9a51-2f4b8c0d1e40',
    description: 'The account that printed it.',
  })
  printedBy!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-25T09:00:01.200Z' })
  printedAt!: string;

  static from(this: void, report: Report, periods: Map<string, StudyPeriod>): PrintedJournalDto {
    const period = periods.get(report.params.studyPeriodId as string);
    return {
      reportId: report.id,
      studyPeriod: period ? { id: period.id, name: period.name } : null,
      academicYearId: (report.params.academicYearId as string | undefined) ?? null,
      draft: report.params.draft === true,
      pages: report.pages,
      sha256: report.sha256,
      printedBy: report.requestedBy,
      printedAt: (report.finishedAt ?? report.createdAt).toISOString(),
    };
  }
}

import { renderCsv } from './csv';
import { renderPdf } from './pdf';
import type { ReportDocument } from './report-document';
import { renderXlsx } from './xlsx';

/** The formats a report is delivered in; JSON is the document itself, for front ends. */
export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** File name extensions, without the dot. */
export const EXTENSIONS: Record<ReportFormat, string> = {
  json: 'json',
  csv: 'csv',
  xlsx: 'xlsx',
  pdf: 'pdf',
};

export interface RenderOptions {
  /** PDF only: stamps «Черновик» on every page. */
  draft?: boolean;
  /** When the report was built: the PDF's footer and creation date, the workbook's creation. */
  generatedAt?: Date;
  /** The school's time zone for the PDF footer's time. */
  timeZone?: string;
}

/** The report in one format, as the bytes of the file to send. */
export function renderReport(
  doc: ReportDocument,
  format: ReportFormat,
  options: RenderOptions = {},
): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Promise.resolve(Buffer.from(JSON.stringify(doc), 'utf8'));
    case 'csv':
      return Promise.resolve(renderCsv(doc));
    case 'xlsx':
      return renderXlsx(doc, { generatedAt: options.generatedAt });
    case 'pdf':
      return renderPdf(doc, options);
  }
}

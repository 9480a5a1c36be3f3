import PDFDocument from 'pdfkit';
import { REPORT_FONTS } from './fonts';
import { drawTable, fitTable, measureTable, minTableWidth } from './pdf-table';
import type { ReportDocument } from './report-document';
import { russianDateTime } from '../../../core/calendar/russian-date-time';

type Pdf = PDFKit.PDFDocument;

export interface PdfOptions {
  /** Stamps «Черновик» across every page: the figures are not final. */
  draft?: boolean;
  /** Printed in every page's footer and stored as the PDF's creation date. */
  generatedAt?: Date;
  /** The school's IANA time zone, for the footer's time; UTC (and said so) without it. */
  timeZone?: string;
}

// A4 in points; the bottom margin holds the footer.
const A4 = { width: 595.28, height: 841.89 };
export const MARGINS = { top: 36, left: 36, right: 36, bottom: 46 };
const FOOTER_FROM_BOTTOM = 30;
const GREY = '#555555';
const WATERMARK = 'Черновик';
const WATERMARK_COLOR = '#b4b4b4';

/**
 * A new A4 document of the reports, with the DejaVu fonts registered (`regular`, `bold`) and
 * its pages kept in memory, so the footer can say how many there are once all are laid out.
 */
export function openReportPdf(title: string, options: PdfOptions): PDFKit.PDFDocument {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    autoFirstPage: false,
    bufferPages: true,
    lang: 'ru-RU',
    displayTitle: true,
    info: {
      Title: title,
      Creator: 'school-journal',
      Producer: 'school-journal',
      // pdfkit also derives the file's ID from this: a fixed date gives identical bytes.
      ...(options.generatedAt ? { CreationDate: options.generatedAt } : {}),
    },
  });
  pdf.registerFont('regular', REPORT_FONTS.regular);
  pdf.registerFont('bold', REPORT_FONTS.bold);
  return pdf;
}

/**
 * The report as an A4 PDF with the DejaVu fonts embedded: landscape when a table would not fit
 * a portrait page at the normal size, every page numbered «Страница N из M».
 */
export function renderPdf(doc: ReportDocument, options: PdfOptions = {}): Promise<Buffer> {
  const pdf = openReportPdf(doc.title, options);
  const done = collect(pdf);

  const tables = doc.tables.filter((table) => table.columns.length > 0);
  const measures = tables.map((table) => measureTable(pdf, table));
  const portraitWidth = A4.width - MARGINS.left - MARGINS.right;
  const landscape = measures.some((measure) => minTableWidth(measure) > portraitWidth);
  const page: PDFKit.PDFDocumentOptions = {
    size: 'A4',
    layout: landscape ? 'landscape' : 'portrait',
    margins: MARGINS,
  };
  const newPage = (): void => void pdf.addPage(page);
  newPage();
  const width = pdf.page.width - MARGINS.left - MARGINS.right;

  pdf.font('bold').fontSize(14).fillColor('black').text(doc.title, { width });
  pdf.moveDown(0.3).font('regular').fontSize(9.5).fillColor(GREY);
  doc.subtitle.forEach((line) => pdf.text(line, { width }));
  pdf.fillColor('black').moveDown(1);
  tables.forEach((table, index) => {
    drawTable(pdf, table, fitTable(measures[index], width), newPage);
  });
  if (doc.notes?.length) {
    pdf.font('regular').fontSize(8.5).fillColor(GREY);
    doc.notes.forEach((note) => pdf.text(note, MARGINS.left, pdf.y, { width }));
  }
  stampPages(pdf, options);
  pdf.end();
  return done;
}

/** The PDF's bytes once it has ended. */
export function collect(pdf: Pdf): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}

/** Footer (and watermark) on each page, now that the page count is known. */
export function stampPages(pdf: Pdf, options: PdfOptions): void {
  const { start, count } = pdf.bufferedPageRange();
  const generated = options.generatedAt && generatedLine(options.generatedAt, options.timeZone);
  for (let index = start; index < start + count; index++) {
    pdf.switchToPage(index);
    // Text below the bottom margin would make pdfkit start a new page: lift the margin meanwhile.
    const margin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    if (options.draft) watermark(pdf);
    const width = pdf.page.width - MARGINS.left - MARGINS.right;
    const y = pdf.page.height - FOOTER_FROM_BOTTOM;
    pdf.font('regular').fontSize(8).fillColor(GREY);
    if (generated) pdf.text(generated, MARGINS.left, y, { width, lineBreak: false });
    pdf.text(`Страница ${index - start + 1} из ${count}`, MARGINS.left, y, {
      width,
      align: 'right',
    });
    pdf.page.margins.bottom = margin;
  }
}

function generatedLine(at: Date, timeZone: string | undefined): string {
  return `Сформировано ${russianDateTime(at, timeZone ?? 'UTC')}${timeZone ? '' : ' UTC'}`;
}

/** A large light-grey «Черновик» along the page's diagonal, over the content. */
function watermark(pdf: Pdf): void {
  const { width, height } = pdf.page;
  const diagonal = Math.hypot(width, height);
  pdf.font('bold').fontSize(100);
  const size = (100 * diagonal * 0.6) / pdf.widthOfString(WATERMARK);
  pdf.fontSize(size);
  const textWidth = pdf.widthOfString(WATERMARK);
  const textHeight = pdf.currentLineHeight();
  pdf
    .save()
    .rotate((-Math.atan2(height, width) * 180) / Math.PI, { origin: [width / 2, height / 2] })
    .fillColor(WATERMARK_COLOR)
    .fillOpacity(0.35)
    .text(WATERMARK, (width - textWidth) / 2, (height - textHeight) / 2, { lineBreak: false })
    .restore();
}

import { sheetCount } from './number-words';
import { collect, MARGINS, openReportPdf, stampPages, type PdfOptions } from './pdf';
import { drawTable, fitTable, measureTable } from './pdf-table';
import { attendanceTable, spreadsOf, type PrintedJournal } from './printed-journal-pages';
import type { ReportTable } from './report-document';

type Pdf = PDFKit.PDFDocument;

// As the generic PDF's (pdf.ts): its footer is stamped at these margins.
const BLANK = '____________';
const NAME_BLANK = '________________________';

/**
 * The printed journal (J9) as the paper copy a school numbers and certifies: the title page
 * with the class teacher's certification (J13), per subject its spreads (left page: students ×
 * lesson dates with marks and absences, the period marks at the right; right page: each
 * lesson's topic, homework and teacher), the attendance totals, and last the certification
 * sheet. The sheet is one page laid out after all others, so the N it states is the PDF's own
 * page count, itself included. Every page is numbered; a draft is stamped «Черновик».
 */
export async function renderPrintedJournal(
  journal: PrintedJournal,
  options: PdfOptions = {},
): Promise<{ content: Buffer; pages: number }> {
  const pdf = openReportPdf(
    `Классный журнал ${journal.className}, ${journal.periodLabel}`,
    options,
  );
  const done = collect(pdf);
  const portrait = (): void =>
    void pdf.addPage({ size: 'A4', layout: 'portrait', margins: MARGINS });
  const landscape = (): void =>
    void pdf.addPage({ size: 'A4', layout: 'landscape', margins: MARGINS });

  portrait();
  titlePage(pdf, journal);
  for (const subject of journal.subjects) {
    for (const spread of spreadsOf(journal, subject)) {
      landscape();
      heading(pdf, spread.subject, `Успеваемость и посещаемость, ${spread.range}`);
      table(pdf, spread.left, landscape);
      landscape();
      heading(pdf, spread.subject, `Пройденный материал и домашние задания, ${spread.range}`);
      table(pdf, spread.right, landscape);
    }
  }
  portrait();
  heading(pdf, 'Итоги посещаемости', `${journal.className}, ${journal.periodLabel}`);
  if (journal.subjects.length === 0) pdf.text('Уроков за период не было.').moveDown();
  table(pdf, attendanceTable(journal), portrait);
  portrait();
  const pages = pdf.bufferedPageRange().count;
  certificationSheet(pdf, journal, pages);
  stampPages(pdf, options);
  pdf.end();
  return { content: await done, pages };
}

function table(pdf: Pdf, content: ReportTable, newPage: () => void): void {
  const width = pdf.page.width - MARGINS.left - MARGINS.right;
  drawTable(pdf, content, fitTable(measureTable(pdf, content), width), newPage);
}

function heading(pdf: Pdf, title: string, line: string): void {
  const width = pdf.page.width - MARGINS.left - MARGINS.right;
  pdf
    .font('bold')
    .fontSize(13)
    .fillColor('black')
    .text(title, MARGINS.left, MARGINS.top, { width });
  pdf.font('regular').fontSize(9.5).text(line, { width }).moveDown(0.6);
}

/** Centred lines from `top` down. */
function centred(pdf: Pdf, top: number, lines: [string, 'regular' | 'bold', number][]): void {
  const width = pdf.page.width - MARGINS.left - MARGINS.right;
  pdf.y = top;
  for (const [text, font, size] of lines) {
    pdf.font(font).fontSize(size).fillColor('black');
    pdf.text(text, MARGINS.left, pdf.y, { width, align: 'center' }).moveDown(0.5);
  }
}

function titlePage(pdf: Pdf, journal: PrintedJournal): void {
  centred(pdf, 110, [[journal.school, 'regular', 13]]);
  centred(pdf, 240, [
    ['Классный журнал', 'bold', 28],
    [`${journal.className} класс`, 'bold', 18],
    [`Учебный год: ${journal.yearName}`, 'regular', 13],
    [`Период: ${journal.periodLabel}`, 'regular', 13],
    [`Классный руководитель: ${journal.classTeacher ?? NAME_BLANK}`, 'regular', 13],
  ]);
  const width = pdf.page.width - MARGINS.left - MARGINS.right;
  pdf.font('regular').fontSize(10.5);
  pdf.text(
    `Журнал проверен. Классный руководитель ${BLANK} (подпись) ${BLANK} (дата)`,
    MARGINS.left,
    660,
    { width },
  );
}

function certificationSheet(pdf: Pdf, journal: PrintedJournal, pages: number): void {
  const width = pdf.page.width - MARGINS.left - MARGINS.right;
  centred(pdf, 150, [['Лист заверения', 'bold', 15]]);
  pdf.font('regular').fontSize(11.5);
  const line = (text: string, gap = 1.5): void =>
    void pdf.text(text, MARGINS.left, pdf.y, { width }).moveDown(gap);
  pdf.y = 230;
  line(`Классный журнал ${journal.className} класса, ${journal.yearName}, ${journal.periodLabel}.`);
  line(`Прошито, пронумеровано и скреплено печатью ${sheetCount(pages)}.`, 3);
  line(`Директор ${BLANK} (подпись) ${journal.director ?? NAME_BLANK}`);
  line(`Классный руководитель ${BLANK} (подпись) ${journal.classTeacher ?? NAME_BLANK}`);
  line('М.П.');
  line(`Дата: ${journal.certifiedOn}`);
}

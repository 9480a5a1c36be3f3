import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { russianDateTime } from '../../../core/calendar/russian-date-time';

/** One cut-out slip: everything a student or parent needs for their first login. */
export interface Slip {
  schoolName: string;
  className: string;
  fullName: string;
  role: 'student' | 'parent';
  /** A parent's children in the class. */
  children: string[];
  login: string;
  code: string;
  expiresAt: Date;
}

// Resolved through the package so it works from src/ (tests) and dist/ alike.
const FONTS = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT = {
  regular: join(FONTS, 'DejaVuSans.ttf'),
  bold: join(FONTS, 'DejaVuSans-Bold.ttf'),
  mono: join(FONTS, 'DejaVuSansMono-Bold.ttf'),
};

const SLIPS_PER_PAGE = 4;
const MARGIN = 36;
const PADDING = 14;
const GREY = '#555555';

/** An A4 PDF with four slips per page and dashed cut lines between them. */
export function renderCredentialSlips(
  slips: Slip[],
  timeZone: string,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    autoFirstPage: false,
    compress: options.compress ?? true,
    info: { Title: 'Доступ к электронному дневнику', Producer: 'school-journal' },
  });
  doc.registerFont('regular', FONT.regular);
  doc.registerFont('bold', FONT.bold);
  doc.registerFont('mono', FONT.mono);
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  if (slips.length === 0) {
    doc.addPage();
    doc
      .font('regular')
      .fontSize(12)
      .text('Нет учеников и родителей, которым нужно выдать доступ.', MARGIN, MARGIN);
  }
  slips.forEach((slip, index) => {
    const slot = index % SLIPS_PER_PAGE;
    if (slot === 0) doc.addPage();
    const height = (doc.page.height - 2 * MARGIN) / SLIPS_PER_PAGE;
    const top = MARGIN + slot * height;
    if (slot > 0) cutLine(doc, top);
    drawSlip(doc, slip, top, timeZone);
  });
  doc.end();
  return done;
}

function cutLine(doc: PDFKit.PDFDocument, y: number): void {
  doc
    .save()
    .moveTo(MARGIN, y)
    .lineTo(doc.page.width - MARGIN, y)
    .lineWidth(0.5)
    .dash(4, { space: 3 })
    .strokeColor(GREY)
    .stroke()
    .restore();
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(GREY)
    .text('✂', MARGIN - 14, y - 6, { lineBreak: false });
}

function drawSlip(doc: PDFKit.PDFDocument, slip: Slip, top: number, timeZone: string): void {
  const left = MARGIN + PADDING;
  const width = doc.page.width - 2 * (MARGIN + PADDING);
  const until = russianDateTime(slip.expiresAt, timeZone);
  doc
    .fillColor(GREY)
    .font('regular')
    .fontSize(9)
    .text(`${slip.schoolName} · ${slip.className} класс`, left, top + PADDING, { width })
    .fillColor('black')
    .moveDown(0.3)
    .font('bold')
    .fontSize(14)
    .text(slip.fullName, { width })
    .font('regular')
    .fontSize(10)
    .text(
      slip.role === 'student'
        ? 'Обучающийся'
        : `Родитель (законный представитель): ${slip.children.join(', ')}`,
      { width },
    )
    .moveDown(0.5);
  labelled(doc, 'Логин:', slip.login, left);
  labelled(doc, 'Одноразовый код:', slip.code, left);
  doc
    .moveDown(0.4)
    .font('regular')
    .fontSize(9)
    .text(
      `Откройте электронный дневник, выберите «Первый вход» и задайте пароль, указав логин ` +
        `и одноразовый код. Код действует до ${until} и подходит только один раз. ` +
        `Не передавайте его другим людям; если код не подошёл, попросите новый у классного руководителя.`,
      left,
      doc.y,
      { width },
    );
}

function labelled(doc: PDFKit.PDFDocument, label: string, value: string, left: number): void {
  const y = doc.y;
  doc
    .font('regular')
    .fontSize(10)
    .text(label, left, y + 2, { lineBreak: false });
  doc
    .font('mono')
    .fontSize(13)
    .text(value, left + 110, y, { lineBreak: false });
  doc.x = left;
  doc.y = y + 18;
}

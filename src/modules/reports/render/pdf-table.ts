import { formatCell, isNumericKind } from './cell-format';
import type { ReportFont } from './fonts';
import type { CellValue, ReportTable } from './report-document';

type Pdf = PDFKit.PDFDocument;
type Align = 'left' | 'right';

// Widths are measured once at the base size and scaled: a glyph's width is linear in the size.
export const BASE_SIZE = 9;
const MIN_SIZE = 6;
const SIZE_STEP = 0.5;
const PAD_X = 3;
const PAD_Y = 2;
// At the base size: text longer than TEXT_CAP wraps, a header longer than HEADER_CAP wraps,
// and a single word longer than WORD_CAP is broken rather than widening its column.
const TEXT_CAP = 200;
const HEADER_CAP = 110;
const WORD_CAP = 80;
const LINE_COLOR = '#9a9a9a';
const HEADER_FILL = '#e6e6e6';
const TOTALS_FILL = '#f2f2f2';
const TITLE_SIZE = 11;
const NO_ROWS = 'Нет данных';
const GAP_AFTER = 14;

/**
 * A column's widths in points, narrowest first: `tight` fits its cells' longest word (the
 * header's words may break), `min` the header's longest word too, `content` each cell on one
 * line (the header may wrap), `desired` the header on one line as well.
 */
export interface ColumnMeasure {
  tight: number;
  min: number;
  content: number;
  desired: number;
}
type Level = keyof ColumnMeasure;
const LEVELS: Level[] = ['min', 'content', 'desired']; // `tight` only as a last resort

export interface TableLayout {
  fontSize: number;
  widths: number[];
}

/** Measures each column's header and cells at the base size, padding included. */
export function measureTable(pdf: Pdf, table: ReportTable): ColumnMeasure[] {
  const lines = table.totals ? [...table.rows, table.totals] : table.rows;
  return table.columns.map((column, index) => {
    pdf.font('bold').fontSize(BASE_SIZE);
    const headerWord = longestWord(pdf, column.title);
    const headerLine = Math.min(longestLine(pdf, column.title), HEADER_CAP);
    // A table without rows says so in one cell spanning it, here measured into the first column.
    let line = lines.length === 0 && index === 0 ? pdf.font('regular').widthOfString(NO_ROWS) : 0;
    let word = 0;
    lines.forEach((row, at) => {
      pdf.font(table.totals && at === lines.length - 1 ? 'bold' : 'regular');
      const text = formatCell(row[column.key], column.kind);
      line = Math.max(line, longestLine(pdf, text));
      if (!isNumericKind(column.kind)) word = Math.max(word, longestWord(pdf, text));
    });
    // Figures never wrap; text wraps at spaces, long words break.
    const tight = isNumericKind(column.kind) ? line : Math.min(word, WORD_CAP);
    const min = Math.max(headerWord, tight);
    const content = Math.max(min, Math.min(line, TEXT_CAP));
    const desired = Math.max(content, headerLine);
    // +1: a cell exactly as wide as its text may still wrap on a rounding error.
    const pad = (width: number): number => width + 2 * PAD_X + 1;
    return { tight: pad(tight), min: pad(min), content: pad(content), desired: pad(desired) };
  });
}

/** The width a table needs at the base size before anything has to shrink. */
export function minTableWidth(measures: ColumnMeasure[]): number {
  return sum(measures.map((measure) => measure.min));
}

/**
 * Column widths within `width`: the widest level that fits, plus a share of the room left in
 * proportion to what each column lacks for the next level (headers wrap before cells do). When
 * even the minimums do not fit, the font shrinks step by step; at the smallest size the
 * header's words may break, and past that the columns are squeezed (cells break mid-word).
 */
export function fitTable(measures: ColumnMeasure[], width: number): TableLayout {
  for (let size = BASE_SIZE; size >= MIN_SIZE; size -= SIZE_STEP) {
    const widths = spread(scaled(measures, size), width, LEVELS);
    if (widths) return { fontSize: size, widths };
  }
  const smallest = scaled(measures, MIN_SIZE);
  const tight = smallest.map((measure) => measure.tight);
  const widths =
    spread(smallest, width, ['tight', ...LEVELS]) ?? tight.map((w) => (w * width) / sum(tight));
  return { fontSize: MIN_SIZE, widths };
}

function scaled(measures: ColumnMeasure[], size: number): ColumnMeasure[] {
  const k = size / BASE_SIZE;
  const scale = (w: number): number => (w - 2 * PAD_X - 1) * k + 2 * PAD_X + 1;
  return measures.map((m) => ({
    tight: scale(m.tight),
    min: scale(m.min),
    content: scale(m.content),
    desired: scale(m.desired),
  }));
}

function spread(measures: ColumnMeasure[], width: number, levels: Level[]): number[] | undefined {
  const at = (level: Level): number[] => measures.map((measure) => measure[level]);
  const fitting = levels.filter((level) => sum(at(level)) <= width).pop();
  if (!fitting) return undefined;
  const next = levels[levels.indexOf(fitting) + 1];
  if (!next) return at(fitting);
  const [base, goal] = [at(fitting), at(next)];
  const share = (width - sum(base)) / (sum(goal) - sum(base));
  return base.map((w, index) => w + share * (goal[index] - w));
}

interface Line {
  cells: string[];
  font: ReportFont;
  fill?: string;
}

/**
 * Draws the table from the current position down, starting a new page (`newPage`) whenever
 * the next row would cross the bottom margin and repeating the header there. A row is never
 * split; the title stays with the header and first row.
 */
export function drawTable(pdf: Pdf, table: ReportTable, layout: TableLayout, newPage: () => void) {
  const { fontSize, widths } = layout;
  const left = pdf.page.margins.left;
  const align = table.columns.map((column): Align =>
    isNumericKind(column.kind) ? 'right' : 'left',
  );
  const cells = (row: Record<string, CellValue>): string[] =>
    table.columns.map((column) => formatCell(row[column.key], column.kind));
  const header: Line = {
    cells: table.columns.map((c) => c.title),
    font: 'bold',
    fill: HEADER_FILL,
  };
  const body: Line[] = table.rows.map((row) => ({ cells: cells(row), font: 'regular' }));
  if (table.totals) body.push({ cells: cells(table.totals), font: 'bold', fill: TOTALS_FILL });
  const bottom = (): number => pdf.page.height - pdf.page.margins.bottom;
  const height = (line: Line, spans = widths): number => {
    pdf.font(line.font).fontSize(fontSize);
    const tallest = line.cells.reduce(
      (most, text, index) =>
        Math.max(most, text ? pdf.heightOfString(text, { width: spans[index] - 2 * PAD_X }) : 0),
      pdf.currentLineHeight(true),
    );
    return tallest + 2 * PAD_Y;
  };
  const headerRow = height(header);
  const empty: Line = { cells: [NO_ROWS], font: 'regular' };
  const full = [sum(widths)];
  const pageWidth = pdf.page.width - left - pdf.page.margins.right;

  pdf.font('bold').fontSize(TITLE_SIZE);
  const title = table.title ? pdf.heightOfString(table.title, { width: pageWidth }) + 4 : 0;
  const first = body.length > 0 ? height(body[0]) : height(empty, full);
  if (pdf.y + title + headerRow + first > bottom()) newPage();
  if (table.title) {
    pdf.font('bold').fontSize(TITLE_SIZE).fillColor('black');
    pdf.text(table.title, left, pdf.y, { width: pageWidth });
    pdf.y += 4;
  }
  const draw = (line: Line, rowHeight: number, spans = widths): void => {
    const top = pdf.y;
    drawRow(pdf, line, { left, top, height: rowHeight, widths: spans, align, fontSize });
    pdf.y = top + rowHeight; // text() moved it to below the cell's last line
  };
  draw(header, headerRow);
  body.forEach((line) => {
    // A row taller than a whole page is cut at the page's end rather than run off it.
    const rowHeight = Math.min(height(line), bottom() - pdf.page.margins.top - headerRow);
    if (pdf.y + rowHeight > bottom()) {
      newPage();
      draw(header, headerRow);
    }
    draw(line, rowHeight);
  });
  if (body.length === 0) draw(empty, first, full);
  pdf.x = left;
  pdf.y += GAP_AFTER;
}

interface RowBox {
  left: number;
  top: number;
  height: number;
  widths: number[];
  align: Align[];
  fontSize: number;
}

function drawRow(pdf: Pdf, line: Line, box: RowBox): void {
  let x = box.left;
  line.cells.forEach((text, index) => {
    const width = box.widths[index];
    pdf.lineWidth(0.5).rect(x, box.top, width, box.height);
    if (line.fill) pdf.fillAndStroke(line.fill, LINE_COLOR);
    else pdf.strokeColor(LINE_COLOR).stroke();
    if (text) {
      pdf
        .fillColor('black')
        .font(line.font)
        .fontSize(box.fontSize)
        // `height` clips to the cell: pdfkit would otherwise flow an overlong cell onto a new page.
        .text(text, x + PAD_X, box.top + PAD_Y, {
          width: width - 2 * PAD_X,
          height: box.height - PAD_Y,
          align: box.align[index],
        });
    }
    x += width;
  });
}

function longestLine(pdf: Pdf, text: string): number {
  return text.split('\n').reduce((most, line) => Math.max(most, pdf.widthOfString(line)), 0);
}

function longestWord(pdf: Pdf, text: string): number {
  return text.split(/\s+/).reduce((most, word) => Math.max(most, pdf.widthOfString(word)), 0);
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

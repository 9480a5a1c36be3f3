import { dirname, join } from 'node:path';

// Resolved through the package so it works from src/ (tests) and dist/ alike. DejaVu covers
// Cyrillic; the PDF standard fonts do not.
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** The TrueType files the report PDFs embed (as subsets) for their regular and bold text. */
export const REPORT_FONTS = {
  regular: join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
} as const;

export type ReportFont = keyof typeof REPORT_FONTS;

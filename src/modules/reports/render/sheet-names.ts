import type { ReportTable } from './report-document';

// Excel's rules for a sheet name: at most 31 characters, none of []:*?/\, no apostrophe at
// either end, unique regardless of case, and not «History» (it keeps that one for itself).
const MAX_LENGTH = 31;
const FORBIDDEN = /[[\]:*?/\\]/g;
const RESERVED = ['history'];

/** A valid, unique sheet name for each table: its title, or «Отчёт» / «Таблица N». */
export function sheetNames(tables: ReportTable[]): string[] {
  const taken = new Set(RESERVED);
  return tables.map((table, index) => {
    const fallback = tables.length === 1 ? 'Отчёт' : `Таблица ${index + 1}`;
    const base = clean(table.title ?? '') || fallback;
    let name = truncate(base, MAX_LENGTH);
    for (let copy = 2; taken.has(name.toLowerCase()); copy++) {
      const suffix = ` (${copy})`;
      name = truncate(base, MAX_LENGTH - suffix.length) + suffix;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

function clean(title: string): string {
  return title
    .replace(FORBIDDEN, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s']+|[\s']+$/g, '');
}

/** Cut by code points (never halving a surrogate pair) to at most `max` UTF-16 units. */
function truncate(text: string, max: number): string {
  let result = '';
  for (const char of text) {
    if (result.length + char.length > max) break;
    result += char;
  }
  return result.replace(/[\s']+$/, '');
}

/*
 * Whole numbers in Russian words, as the certification sheet of a printed journal writes its
 * sheet count: «12 (двенадцать) листов». Masculine forms (лист is masculine), thousands
 * feminine («две тысячи»); 1000 is «тысяча», not «одна тысяча», as counts are said.
 */

const UNITS = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const UNITS_FEMININE = ['', 'одна', 'две', ...UNITS.slice(3)];
const TEENS = [
  'десять',
  'одиннадцать',
  'двенадцать',
  'тринадцать',
  'четырнадцать',
  'пятнадцать',
  'шестнадцать',
  'семнадцать',
  'восемнадцать',
  'девятнадцать',
];
const TENS = [
  '',
  '',
  'двадцать',
  'тридцать',
  'сорок',
  'пятьдесят',
  'шестьдесят',
  'семьдесят',
  'восемьдесят',
  'девяносто',
];
const HUNDREDS = [
  '',
  'сто',
  'двести',
  'триста',
  'четыреста',
  'пятьсот',
  'шестьсот',
  'семьсот',
  'восемьсот',
  'девятьсот',
];

/** The noun form after a count: `forms` = [1 лист, 2 листа, 5 листов]. */
export function pluralRu(count: number, forms: readonly [string, string, string]): string {
  const lastTwo = count % 100;
  const last = count % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return forms[2];
  if (last === 1) return forms[0];
  if (last >= 2 && last <= 4) return forms[1];
  return forms[2];
}

/** 0–999 in words; empty for 0. */
function belowThousand(n: number, units: readonly string[]): string[] {
  const words = [HUNDREDS[Math.floor(n / 100)]];
  const rest = n % 100;
  if (rest >= 10 && rest < 20) words.push(TEENS[rest - 10]);
  else words.push(TENS[Math.floor(rest / 10)], units[rest % 10]);
  return words.filter(Boolean);
}

/** 0 … 999 999 in words: «сто два», «двадцать один», «две тысячи пять». */
export function numberInWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) {
    throw new RangeError(`numberInWords takes a whole number 0…999999, not ${n}`);
  }
  if (n === 0) return 'ноль';
  const thousands = Math.floor(n / 1000);
  const words: string[] = [];
  if (thousands === 1) words.push('тысяча');
  else if (thousands > 1) {
    words.push(
      ...belowThousand(thousands, UNITS_FEMININE),
      pluralRu(thousands, ['тысяча', 'тысячи', 'тысяч']),
    );
  }
  words.push(...belowThousand(n % 1000, UNITS));
  return words.join(' ');
}

const SHEETS = ['лист', 'листа', 'листов'] as const;

/** «12 (двенадцать) листов», «21 (двадцать один) лист», «102 (сто два) листа». */
export const sheetCount = (n: number): string =>
  `${n} (${numberInWords(n)}) ${pluralRu(n, SHEETS)}`;

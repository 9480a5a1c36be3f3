import type { EntityManager } from '@mikro-orm/postgresql';
import { LOGIN_PATTERN } from '../../accounts/dto/account.dto';

/** Russian letters as in passports (ICAO 9303 style, without diacritics): «Щукина» → «shchukina». */
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

export function transliterate(text: string): string {
  return [...text.toLowerCase()]
    .map((char) => CYRILLIC[char] ?? (/[a-z0-9]/.test(char) ? char : ''))
    .join('');
}

/** «Иванова», «Мария» → `ivanova.m`; names with nothing to transliterate fall back to `user`. */
export function baseLogin(lastName: string, firstName: string): string {
  const last = transliterate(lastName).slice(0, 40) || 'user';
  // The whole first letter: «Жанна» → `zh`, «Юлия» → `yu`.
  const initial = transliterate([...firstName.trim()][0] ?? '');
  const login = initial ? `${last}.${initial}` : last;
  return LOGIN_PATTERN.test(login) ? login : `${login}.user`.replace(/^\./, '');
}

/**
 * The first free login of `base`, `base2`, `base3`, … Logins taken earlier in the same batch
 * are flushed already, so the database sees them; `reserved` covers the rest.
 */
export async function freeLogin(
  em: EntityManager,
  base: string,
  reserved: ReadonlySet<string> = new Set(),
): Promise<string> {
  const escaped = base.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await em.execute<{ login: string }[]>(
    'select login from accounts where login = ? or login like ?',
    [base, `${escaped}%`],
  );
  const taken = new Set(rows.map((row) => row.login));
  for (let suffix = 1; ; suffix++) {
    const candidate = suffix === 1 ? base : `${base}${suffix}`;
    if (!taken.has(candidate) && !reserved.has(candidate)) return candidate;
  }
}

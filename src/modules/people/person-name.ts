/**
 * The form names are searched in: lower case, «ё» as «е», single spaces. Russian names are
 * written with and without «ё» (Фёдоров, Федоров); a search must find both.
 */
export function searchableName(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((part): part is string => !!part)
    .join(' ')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Named {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
}

/** Alphabetical by full name («ё» as «е», as in search), then by id for a stable order. */
export const byName = (a: Named, b: Named): number =>
  sortKey(a).localeCompare(sortKey(b), 'ru') || a.id.localeCompare(b.id);

const sortKey = (p: Named) => searchableName(p.lastName, p.firstName, p.middleName);

/** «Иванова Мария Петровна» */
export const fullName = (p: {
  lastName: string;
  firstName: string;
  middleName: string | null;
}): string => [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');

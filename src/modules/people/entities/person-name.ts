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

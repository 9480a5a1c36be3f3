/** `part` of `whole` in per cent, one decimal (as the reports show shares); null of nothing. */
export const percentOf = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((1000 * part) / whole) / 10;

/** `total` per one of `count`, two decimals (per student, per lesson); null of nothing. */
export const perOne = (total: number, count: number): number | null =>
  count === 0 ? null : Math.round((100 * total) / count) / 100;

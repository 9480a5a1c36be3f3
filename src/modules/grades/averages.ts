import type { GradingScaleValue } from '../reference-data/entities/grading-scale.entity';

/** A mark as averages see it: its score (null: does not count) and its mark type's weight. */
export interface ScoredMark {
  score: number | null;
  weight: number;
}

export interface Averages {
  /** Σ score / n over the marks with a score; null when there is none. */
  average: number | null;
  /** Σ(score × weight) / Σ weight over the marks with a score; null when there is none. */
  weightedAverage: number | null;
}

/**
 * Scores and weights have at most two decimals (numeric(5,2) / numeric(4,2)), so both are
 * exact integers once multiplied by 100. Math.round absorbs the binary representation error
 * of the incoming number (3.3 * 100 = 329.99999999999994).
 */
function hundredths(x: number): number {
  return Math.round(x * 100);
}

/**
 * numerator / denominator (both non-negative integers, denominator > 0) rounded half up to an
 * integer, in integer arithmetic: floor((2n + d) / 2d).
 */
function divideHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/**
 * Plain and weighted average of marks (J4), both rounded to 2 decimals half up; marks without
 * a score (зачёт, н/а) do not count. Computed exactly in integers (hundredths of scores and
 * weights), so the result equals PostgreSQL's
 * `round(sum(score * weight) / sum(weight), 2)` and `round(avg(score), 2)` on numeric columns
 * (round(numeric, s) rounds half away from zero; averages are never negative).
 */
export function averages(marks: readonly ScoredMark[]): Averages {
  const scored = marks.filter((m): m is { score: number; weight: number } => m.score !== null);
  if (scored.length === 0) {
    return { average: null, weightedAverage: null };
  }
  let scoreSum = 0; // hundredths
  let weightedSum = 0; // score hundredths × weight hundredths
  let weightSum = 0; // hundredths
  for (const mark of scored) {
    const score = hundredths(mark.score);
    const weight = hundredths(mark.weight);
    scoreSum += score;
    weightedSum += score * weight;
    weightSum += weight;
  }
  const average = divideHalfUp(scoreSum, scored.length) / 100;
  const weightedAverage = weightSum > 0 ? divideHalfUp(weightedSum, weightSum) / 100 : null;
  return { average, weightedAverage };
}

/**
 * The mark an average suggests (period mark suggestion, forecast): the scale value whose score
 * is nearest to the average, ties going to the higher score. On the five-point scale (scores
 * 5..1) this is exactly "the average rounded half up": 2.5 → 3, 3.49 → 3, 4.5 → 5.
 * Null when there is no average or the scale has no scores (pass/fail).
 * Compared in hundredths (integers), so 2.5 is a true tie.
 */
export function suggestMark(
  average: number | null,
  scale: readonly GradingScaleValue[],
): string | null {
  if (average === null) return null;
  const target = hundredths(average);
  let best: { value: string; score: number; distance: number } | null = null;
  for (const item of scale) {
    if (item.score === null) continue;
    const score = hundredths(item.score);
    const distance = Math.abs(score - target);
    if (
      best === null ||
      distance < best.distance ||
      (distance === best.distance && score > best.score)
    ) {
      best = { value: item.value, score, distance };
    }
  }
  return best?.value ?? null;
}

import type { EntityManager } from '@mikro-orm/postgresql';
import {
  GradingScale,
  type GradingScaleValue,
} from '../reference-data/entities/grading-scale.entity';
import { SUBJECT_SCALE_SQL } from './grading-scales.sql';

/** What marking needs of a scale: its name (for messages) and its values. */
export type MarkingScale = Pick<GradingScale, 'name' | 'values'>;

/** The scale a subject is marked on (J3): the subject's own scale, else the school's default. */
export async function gradingScaleOf(
  em: EntityManager,
  schoolId: string,
  subjectId: string,
): Promise<MarkingScale> {
  const [row] = await em
    .getConnection()
    .execute<{ scale: MarkingScale | null }[]>(SUBJECT_SCALE_SQL, [schoolId, subjectId, schoolId]);
  return scaleOrFail(row?.scale ?? null, schoolId);
}

/** Every school has a default scale; a school without one is broken data, not a user error. */
export function scaleOrFail(scale: MarkingScale | null, schoolId: string): MarkingScale {
  if (!scale) throw new Error(`School ${schoolId} has no default grading scale`);
  return scale;
}

/**
 * The same rule for many subjects at once (reports): one query for the school's scales, then
 * a subject's `gradingScaleId` (null: the default) gives its values.
 */
export async function subjectScalesOf(
  em: EntityManager,
  schoolId: string,
): Promise<(gradingScaleId: string | null) => GradingScaleValue[]> {
  const scales = await em.find(GradingScale, { schoolId });
  const byId = new Map(scales.map((scale) => [scale.id, scale.values]));
  const fallback = scales.find((scale) => scale.isDefault)?.values ?? [];
  return (gradingScaleId) => (gradingScaleId ? (byId.get(gradingScaleId) ?? fallback) : fallback);
}

/** The scale's value written exactly as `value` (surrounding spaces ignored). */
export function scaleValue(
  scale: Pick<GradingScale, 'values'>,
  value: string,
): GradingScaleValue | undefined {
  const wanted = value.trim();
  return scale.values.find((v) => v.value === wanted);
}

/** The validation message for a value that is not on the scale. */
export function scaleValueMessage(scale: MarkingScale): string {
  return `must be one of ${scale.values.map((v) => v.value).join(', ')} (scale «${scale.name}»)`;
}

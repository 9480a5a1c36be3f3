import type { EntityManager } from '@mikro-orm/postgresql';
import {
  GradingScale,
  type GradingScaleValue,
} from '../reference-data/entities/grading-scale.entity';

/**
 * The scale a subject is marked on (J3): the subject's own scale, else the school's default.
 * One query: the subject's scale and the default are fetched together; the subject's wins.
 */
export async function gradingScaleOf(
  em: EntityManager,
  schoolId: string,
  subjectId: string,
): Promise<GradingScale> {
  const scales = await em
    .createQueryBuilder(GradingScale, 'gs')
    .where({ schoolId })
    .andWhere(
      '(gs.is_default or gs.id = (select s.grading_scale_id from subjects s where s.id = ? and s.school_id = ?))',
      [subjectId, schoolId],
    )
    .getResultList();
  const scale = scales.find((s) => !s.isDefault) ?? scales[0];
  if (!scale) {
    throw new Error(`School ${schoolId} has no default grading scale`);
  }
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
export function scaleValue(scale: GradingScale, value: string): GradingScaleValue | undefined {
  const wanted = value.trim();
  return scale.values.find((v) => v.value === wanted);
}

/** The validation message for a value that is not on the scale. */
export function scaleValueMessage(scale: GradingScale): string {
  return `must be one of ${scale.values.map((v) => v.value).join(', ')} (scale «${scale.name}»)`;
}

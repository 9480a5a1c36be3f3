import { Entity, Property, Unique, type Opt } from '@mikro-orm/core';
import { ReferenceItem } from './reference-item';

/**
 * Values every period mark may take whatever the scale (J4): not attested, exempt. No scale
 * may define them, so a period mark's value always says which it is.
 */
export const NOT_ATTESTED = 'н/а';
export const EXEMPT = 'осв';
export const RESERVED_MARK_VALUES: readonly string[] = [NOT_ATTESTED, EXEMPT];

/** One value of a grading scale: what the teacher writes and what it counts for. */
export interface GradingScaleValue {
  /** As written in the journal: «5», «зачёт». */
  value: string;
  /** What the value counts for in averages; null when it does not count (pass/fail). */
  score: number | null;
}

/**
 * The values marks are given in (J3): five-point by default, pass/fail, or a school's own.
 * A subject without a scale of its own is marked on the school's default scale.
 */
@Entity({ tableName: 'grading_scales' })
@Unique({
  name: 'grading_scales_school_name_unique',
  expression:
    'create unique index grading_scales_school_name_unique on grading_scales (school_id, lower(name))',
})
@Unique({
  name: 'grading_scales_one_default',
  expression:
    'create unique index grading_scales_one_default on grading_scales (school_id) where is_default',
})
export class GradingScale extends ReferenceItem {
  @Property({ type: 'jsonb' })
  values!: GradingScaleValue[];

  /** The scale of every subject that names none. Exactly one per school. */
  @Property({ type: 'boolean' })
  isDefault: Opt<boolean> = false;
}

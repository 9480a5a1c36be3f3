import { Check, Entity, Property, Unique } from '@mikro-orm/core';
import { ReferenceItem } from './reference-item';

/** What a mark was given for (ответ на уроке, контрольная работа…), with its weight. */
@Entity({ tableName: 'mark_types' })
@Unique({
  name: 'mark_types_school_name_unique',
  expression:
    'create unique index mark_types_school_name_unique on mark_types (school_id, lower(name))',
})
@Check({ name: 'mark_types_weight_range', expression: 'weight > 0 and weight <= 10' })
@Check({
  name: 'mark_types_check_within_days_range',
  expression: 'check_within_days is null or (check_within_days >= 1 and check_within_days <= 30)',
})
export class MarkType extends ReferenceItem {
  @Property({ type: 'text' })
  shortName!: string;

  /** Weight in the weighted average of current marks. */
  @Property({ type: 'decimal', precision: 4, scale: 2 })
  weight!: string;

  /**
   * Work that takes long to check (dictation, test, control work) is marked within this
   * many days of the lesson (seed 004); later marks are flagged as late. Null: no term.
   */
  @Property({ type: 'smallint', nullable: true })
  checkWithinDays: number | null = null;
}

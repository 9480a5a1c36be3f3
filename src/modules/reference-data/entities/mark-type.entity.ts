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
export class MarkType extends ReferenceItem {
  @Property({ type: 'text' })
  shortName!: string;

  /** Weight in the weighted average of current marks. */
  @Property({ type: 'decimal', precision: 4, scale: 2 })
  weight!: string;
}

import { Entity, Property, Unique } from '@mikro-orm/core';
import { ReferenceItem } from './reference-item';

/** A mark in the attendance column: Б ill, У excused, Н unexcused, О late (seed 003 §5.2.2). */
@Entity({ tableName: 'absence_reasons' })
@Unique({
  name: 'absence_reasons_school_code_unique',
  expression:
    'create unique index absence_reasons_school_code_unique on absence_reasons (school_id, code)',
})
export class AbsenceReason extends ReferenceItem {
  /** The letter written in the journal, e.g. «Н». */
  @Property({ type: 'text' })
  code!: string;

  /** Whether the absence counts as excused in attendance reports. */
  @Property({ type: 'boolean' })
  excused!: boolean;
}

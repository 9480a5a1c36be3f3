import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { GradingScale } from './grading-scale.entity';
import { ReferenceItem } from './reference-item';

/** A school subject (предмет), e.g. «Русский язык». */
@Entity({ tableName: 'subjects' })
@Unique({
  name: 'subjects_school_name_unique',
  expression:
    'create unique index subjects_school_name_unique on subjects (school_id, lower(name))',
})
export class Subject extends ReferenceItem {
  /** As printed in timetables and journal headers, e.g. «Рус. яз.». */
  @Property({ type: 'text' })
  shortName!: string;

  /** Null: the school's default scale. ОРКСЭ, for one, is often pass/fail. */
  @ManyToOne(() => GradingScale, {
    mapToPk: true,
    fieldName: 'grading_scale_id',
    nullable: true,
    deleteRule: 'restrict',
  })
  gradingScaleId: string | null = null;
}

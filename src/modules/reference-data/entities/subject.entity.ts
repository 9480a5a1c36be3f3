import { Entity, Property, Unique } from '@mikro-orm/core';
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
}

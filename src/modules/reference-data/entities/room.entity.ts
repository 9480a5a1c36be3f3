import { Check, Entity, Property, Unique } from '@mikro-orm/core';
import { ReferenceItem } from './reference-item';

/** A room (кабинет) lessons take place in. */
@Entity({ tableName: 'rooms' })
@Unique({
  name: 'rooms_school_name_unique',
  expression: 'create unique index rooms_school_name_unique on rooms (school_id, lower(name))',
})
@Check({ name: 'rooms_capacity_positive', expression: 'capacity is null or capacity > 0' })
export class Room extends ReferenceItem {
  @Property({ type: 'integer', nullable: true })
  capacity: number | null = null;
}

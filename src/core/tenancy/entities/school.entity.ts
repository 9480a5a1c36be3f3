import { Check, Entity, Index, ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { BaseEntity } from '../../database/base.entity';
import { Region } from './region.entity';

/** A school: the tenant. Every school-owned row carries its `school_id`. */
@Entity({ tableName: 'schools' })
@Index({ properties: ['regionId'] })
@Check({ name: 'schools_week_days', expression: 'week_days >= 5 and week_days <= 6' })
export class School extends BaseEntity {
  @ManyToOne(() => Region, { mapToPk: true, fieldName: 'region_id', deleteRule: 'restrict' })
  regionId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  shortName!: string;

  /** IANA time zone: a school day and its lesson times are local to it. */
  @Property({ type: 'text' })
  timeZone: Opt<string> = 'Europe/Moscow';

  /** A five- or six-day school week (O1): which weekdays the timetable may use. */
  @Property({ type: 'smallint' })
  weekDays: Opt<number> = 5;
}

import { Entity, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../database/base.entity';

/** A region (субъект РФ or a municipality) that groups schools under one education authority. */
@Entity({ tableName: 'regions' })
export class Region extends BaseEntity {
  @Property({ type: 'text' })
  name!: string;

  /** Short stable code used by integrations, e.g. `77` or `msk-zao`. */
  @Property({ type: 'text' })
  @Unique()
  code!: string;
}

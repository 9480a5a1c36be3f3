import { Collection, Entity, Enum, ManyToOne, OneToMany, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';
import type { Movement } from './movement.entity';

export const MOVEMENT_KINDS = ['admission', 'transfer', 'withdrawal'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** An order (приказ) on student movement (P4): numbered, dated, with its basis. */
@Entity({ tableName: 'movement_orders' })
@Unique({
  name: 'movement_orders_school_number_date_unique',
  properties: ['schoolId', 'number', 'datedOn'],
})
export class MovementOrder extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  /** As written on the order, e.g. «45-у». */
  @Property({ type: 'text' })
  number!: string;

  @Property({ type: 'date' })
  datedOn!: string;

  @Enum({ items: () => MOVEMENT_KINDS, type: 'text' })
  kind!: MovementKind;

  /** Основание: e.g. «заявление родителя от 28.08.2026». */
  @Property({ type: 'text' })
  basis!: string;

  /** The account that entered the order. */
  @Property({ type: 'uuid' })
  createdBy!: string;

  @OneToMany('Movement', 'order')
  movements = new Collection<Movement>(this);
}

import { Check, Entity, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';
import { Person } from '../../people/entities/person.entity';
import { MovementOrder } from './movement-order.entity';
import { SchoolClass } from './school-class.entity';

/** One student's line of a movement order: from which class to which, from which date. */
@Entity({ tableName: 'movements' })
@Index({ properties: ['student'] })
@Index({ properties: ['order'] })
@Check({
  name: 'movements_has_a_class',
  expression: 'from_class_id is not null or to_class_id is not null',
})
export class Movement extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @ManyToOne(() => MovementOrder, { deleteRule: 'restrict' })
  order!: Rel<MovementOrder>;

  @ManyToOne(() => Person, { deleteRule: 'restrict' })
  student!: Rel<Person>;

  @ManyToOne(() => SchoolClass, { nullable: true, deleteRule: 'restrict' })
  fromClass: Rel<SchoolClass> | null = null;

  @ManyToOne(() => SchoolClass, { nullable: true, deleteRule: 'restrict' })
  toClass: Rel<SchoolClass> | null = null;

  /** The first day in the new class, or the first day no longer a student. */
  @Property({ type: 'date' })
  effectiveOn!: string;

  /** Withdrawals: where the student goes (another school, another region…). */
  @Property({ type: 'text', nullable: true })
  destination: string | null = null;
}

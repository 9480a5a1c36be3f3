import { Check, Entity, Enum, ManyToOne, OneToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';
import { Person } from './person.entity';

/** Physical education groups (медицинская группа для занятий физкультурой). */
export const PE_GROUPS = ['main', 'preparatory', 'special_a', 'special_b', 'exempt'] as const;
export type PeGroup = (typeof PE_GROUPS)[number];

/** A student's health data (P6): need-to-know, kept apart from the card. */
@Entity({ tableName: 'health_records' })
@Check({
  name: 'health_records_group_range',
  expression: 'health_group >= 1 and health_group <= 5',
})
export class HealthRecord extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @OneToOne(() => Person, { owner: true, deleteRule: 'cascade', unique: true })
  person!: Rel<Person>;

  /** Группа здоровья, 1–5. */
  @Property({ type: 'smallint', nullable: true })
  healthGroup: number | null = null;

  @Enum({ items: () => PE_GROUPS, type: 'text', nullable: true })
  peGroup: PeGroup | null = null;

  /** Chronic illnesses and conditions. */
  @Property({ type: 'text', nullable: true })
  conditions: string | null = null;

  /** Limits on physical load. */
  @Property({ type: 'text', nullable: true })
  loadLimits: string | null = null;

  @Property({ type: 'text', nullable: true })
  notes: string | null = null;
}

import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  Property,
  Unique,
  type Opt,
  type Rel,
} from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';
import { Person } from './person.entity';

export const RELATIONS = [
  'mother',
  'father',
  'grandmother',
  'grandfather',
  'guardian',
  'trustee',
  'other',
] as const;
export type Relation = (typeof RELATIONS)[number];

/** A parent (legal representative) of a student (P2): many-to-many, with the relation. */
@Entity({ tableName: 'guardianships' })
@Unique({ name: 'guardianships_student_parent_unique', properties: ['student', 'parent'] })
@Index({ properties: ['parent'] })
export class Guardianship extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  student!: Rel<Person>;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  parent!: Rel<Person>;

  @Enum({ items: () => RELATIONS, type: 'text' })
  relation!: Relation;

  /** Whether this parent is a legal representative (законный представитель). */
  @Property({ type: 'boolean' })
  legalRepresentative: Opt<boolean> = true;
}

import {
  Check,
  Unique,
  Entity,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Rel,
  type Opt,
} from '@mikro-orm/core';
import { uuidv7 } from '../../database/uuid';
import { Region } from '../../tenancy/entities/region.entity';
import { School } from '../../tenancy/entities/school.entity';
import { ROLES, type Role } from '../roles';
import { Account } from './account.entity';

/**
 * A role an account holds in one school, or — for region roles such as `authority` — in a
 * whole region (then `schoolId` is null).
 */
@Entity({ tableName: 'role_assignments' })
@Index({ properties: ['schoolId', 'role'] })
@Index({ properties: ['regionId', 'role'] })
@Index({ properties: ['account'] })
@Unique({
  name: 'role_assignments_school_unique',
  expression:
    'create unique index role_assignments_school_unique on role_assignments (account_id, school_id, role) where school_id is not null',
})
@Unique({
  name: 'role_assignments_region_unique',
  expression:
    'create unique index role_assignments_region_unique on role_assignments (account_id, region_id, role) where school_id is null',
})
// Region roles have no school; every other role belongs to exactly one school.
@Check({ name: 'role_assignments_scope', expression: "(role = 'authority') = (school_id is null)" })
export class RoleAssignment {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  account!: Rel<Account>;

  @Enum({ items: () => ROLES, type: 'text' })
  role!: Role;

  @ManyToOne(() => School, {
    mapToPk: true,
    fieldName: 'school_id',
    nullable: true,
    deleteRule: 'restrict',
  })
  schoolId: string | null = null;

  @ManyToOne(() => Region, { mapToPk: true, fieldName: 'region_id', deleteRule: 'restrict' })
  regionId!: string;

  @Property({ type: 'timestamptz' })
  // eslint-disable-next-line no-restricted-syntax -- the row's own write time (docs/architecture.md#the-clock)
  createdAt: Opt<Date> = new Date();
}

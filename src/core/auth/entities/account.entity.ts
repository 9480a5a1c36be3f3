import {
  Check,
  Collection,
  Entity,
  Enum,
  OneToMany,
  Property,
  Unique,
  type Opt,
} from '@mikro-orm/core';
import { BaseEntity } from '../../database/base.entity';
import type { RoleAssignment } from './role-assignment.entity';

export const ACCOUNT_STATUSES = ['pending', 'active', 'disabled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/**
 * A login. One person has one account, whatever schools they work or study in; what the
 * account may do comes from its role assignments, each in a school (or a region).
 */
@Entity({ tableName: 'accounts' })
@Check({ name: 'accounts_login_lower', expression: 'login = lower(login)' })
export class Account extends BaseEntity {
  /** Stored lower-case: logins are compared case-insensitively. */
  @Property({ type: 'text' })
  @Unique()
  login!: string;

  @Property({ type: 'text' })
  displayName!: string;

  @Property({ type: 'text', nullable: true })
  email: string | null = null;

  /** argon2id hash; null until the holder sets a password with an activation code. */
  @Property({ type: 'text', nullable: true, hidden: true, lazy: true })
  passwordHash: string | null = null;

  @Enum({ items: () => ACCOUNT_STATUSES, type: 'text' })
  status: Opt<AccountStatus> = 'pending';

  /** Operators of the platform create regions, schools and their first admins, nothing else. */
  @Property({ type: 'boolean' })
  isPlatformOperator: Opt<boolean> = false;

  @Property({ type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null = null;

  /** The last login or session refresh (refreshes count at most every 15 minutes). */
  @Property({ type: 'timestamptz', nullable: true })
  lastSeenAt: Date | null = null;

  @OneToMany('RoleAssignment', 'account', { orphanRemoval: true })
  roleAssignments = new Collection<RoleAssignment>(this);
}

import {
  Entity,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Rel,
  Unique,
  type Opt,
} from '@mikro-orm/core';
import { uuidv7 } from '../../database/uuid';
import { NotAudited } from '../../database/not-audited';
import { Account } from './account.entity';

/**
 * One opaque refresh token (only its SHA-256 is stored). Tokens rotated from one login
 * form a family: presenting a rotated token again revokes the whole family.
 */
@NotAudited()
@Entity({ tableName: 'refresh_tokens' })
@Index({ properties: ['familyId'] })
@Index({ properties: ['account'] })
export class RefreshToken {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  familyId!: string;

  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  account!: Rel<Account>;

  @Property({ type: 'text', hidden: true })
  @Unique()
  tokenHash!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  rotatedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  // eslint-disable-next-line no-restricted-syntax -- the row's own write time (docs/architecture.md#the-clock)
  createdAt: Opt<Date> = new Date();
}

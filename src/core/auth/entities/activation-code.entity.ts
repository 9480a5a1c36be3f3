import {
  Entity,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Rel,
  type Opt,
} from '@mikro-orm/core';
import { uuidv7 } from '../../database/uuid';
import { Account } from './account.entity';

/**
 * A one-time code with which an account holder sets their password. Only its hash is kept;
 * issuing a new code voids the previous one. Issuing is audited (without the hash).
 */
@Entity({ tableName: 'activation_codes' })
@Index({ properties: ['account', 'createdAt'] })
export class ActivationCode {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  account!: Rel<Account>;

  @Property({ type: 'text', hidden: true })
  codeHash!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  usedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  voidedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  issuedBy: string | null = null;

  @Property({ type: 'timestamptz' })
  // eslint-disable-next-line no-restricted-syntax -- the row's own write time (docs/architecture.md#the-clock)
  createdAt: Opt<Date> = new Date();
}

import { Entity, Enum, Index, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { uuidv7 } from '../../database/uuid';
import { NotAudited } from '../../database/not-audited';

export const LOGIN_RESULTS = [
  'success',
  'wrong_password',
  'unknown_login',
  'disabled',
  'not_activated',
  'throttled',
] as const;
export type LoginResult = (typeof LOGIN_RESULTS)[number];

/** Every attempt to log in, successful or not (usage monitoring P8, access audit B3). */
@NotAudited()
@Entity({ tableName: 'login_attempts' })
@Index({ properties: ['accountId', 'occurredAt'] })
@Index({ properties: ['occurredAt'] })
export class LoginAttempt {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  /** Null when the login names no account. */
  @Property({ type: 'uuid', nullable: true })
  accountId: string | null = null;

  @Property({ type: 'text' })
  login!: string;

  @Enum({ items: () => LOGIN_RESULTS, type: 'text' })
  result!: LoginResult;

  @Property({ type: 'text', nullable: true })
  ip: string | null = null;

  @Property({ type: 'text', nullable: true })
  userAgent: string | null = null;

  @Property({ type: 'timestamptz' })
  // eslint-disable-next-line no-restricted-syntax -- the row's own write time (docs/architecture.md#the-clock)
  occurredAt: Opt<Date> = new Date();
}

import { PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { uuidv7 } from './uuid';

/* eslint-disable no-restricted-syntax -- a row's own write time is the real instant it was
   written, like the database's history rows; dates a rule depends on come from the Clock
   (docs/architecture.md#the-clock). */

/** Columns every table has: a time-ordered UUID and creation/update times. */
export abstract class BaseEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}

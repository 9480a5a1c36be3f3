import { PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { uuidv7 } from './uuid';

/** Columns every table has: a time-ordered UUID and creation/update times. */
export abstract class BaseEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}

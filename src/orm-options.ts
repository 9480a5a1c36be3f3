import type { Options } from '@mikro-orm/postgresql';
import { createOrmOptions, type DatabaseSettings } from './core/database/orm-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** The ORM configuration of this application: core's settings, our entities and migrations. */
export const appOrmOptions = (settings: DatabaseSettings): Options =>
  createOrmOptions(settings, { entities: ENTITIES, migrations: MIGRATIONS });

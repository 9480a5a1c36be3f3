import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { MIGRATIONS } from '../../migrations';
import { AuditSubscriber } from '../audit/audit.subscriber';
import { ENTITIES } from './entities';
import { RetryingEntityManager } from './retrying-entity-manager';
import { TransactionSettingsSubscriber } from './transaction-settings.subscriber';

export interface DatabaseSettings {
  databaseUrl: string;
  databasePoolMax: number;
}

/** One ORM configuration for the API, the worker, the CLI and the tests. */
export function createOrmOptions(settings: DatabaseSettings): Options {
  return defineConfig({
    clientUrl: settings.databaseUrl,
    entities: ENTITIES,
    entityManager: RetryingEntityManager,
    subscribers: [new AuditSubscriber(), new TransactionSettingsSubscriber()],
    extensions: [Migrator],
    migrations: {
      migrationsList: MIGRATIONS,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    pool: { min: 0, max: settings.databasePoolMax },
    forceUtcTimezone: true,
    // Entities are listed explicitly; a forgotten one fails at boot rather than at first use.
    discovery: { warnWhenNoEntities: true, requireEntitiesArray: true },
    allowGlobalContext: false,
    debug: false,
  });
}

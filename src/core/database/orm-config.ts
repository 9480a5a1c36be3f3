import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { AuditSubscriber } from '../audit/audit.subscriber';
import { colourWanted } from '../logging/colour';
import { RetryingEntityManager } from './retrying-entity-manager';
import { TransactionSettingsSubscriber } from './transaction-settings.subscriber';

export interface DatabaseSettings {
  databaseUrl: string;
  databasePoolMax: number;
}

/** What the application above core/ brings: its entities and its migrations, in order. */
export interface DatabaseSchema {
  entities: NonNullable<Options['entities']>;
  migrations: NonNullable<NonNullable<Options['migrations']>['migrationsList']>;
}

/**
 * One ORM configuration for the API, the worker, the CLI and the tests. The entities and
 * migrations come from the caller (src/orm-options.ts), as core/ never imports a feature.
 */
export function createOrmOptions(settings: DatabaseSettings, schema: DatabaseSchema): Options {
  return defineConfig({
    clientUrl: settings.databaseUrl,
    entities: schema.entities,
    entityManager: RetryingEntityManager,
    subscribers: [new AuditSubscriber(), new TransactionSettingsSubscriber()],
    extensions: [Migrator],
    migrations: {
      migrationsList: schema.migrations,
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
    // The migrator's "[migrator] Processing …" lines: colour codes only on a terminal.
    colors: colourWanted(process.stdout),
  });
}

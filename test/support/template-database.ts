import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { appOrmOptions } from '../../src/orm-options';
import { databaseUrl, templateDatabase, TEST_DATABASE_URL } from './test-env';

/** Any fixed number: test files running in parallel take this lock to build the template once. */
const TEMPLATE_LOCK = 720_451;

/** Creates and migrates this run's template database unless another test file already did. */
export async function ensureTemplateDatabase(): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    const name = templateDatabase();
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount) return;
    await client.query(`create database ${name}`);
    const orm = await MikroORM.init({
      ...appOrmOptions({ databaseUrl: databaseUrl(name), databasePoolMax: 1 }),
      logger: () => undefined,
    });
    try {
      await orm.getMigrator().up();
    } finally {
      await orm.close(true);
    }
  } finally {
    await client.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK]).catch(() => undefined);
    await client.end();
  }
}

import { randomBytes } from 'node:crypto';

/**
 * Names this run's template database. The template itself is migrated by the first test
 * file that needs it (see template-database.ts): MikroORM must not be initialised in
 * Jest's global setup, whose realm differs from the tests' (mikro-orm#3783).
 */
export default function globalSetup(): void {
  process.env.JEST_RUN_ID = `${process.pid}_${randomBytes(3).toString('hex')}`;
}

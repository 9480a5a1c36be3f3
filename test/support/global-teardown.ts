import { adminQuery } from './admin-db';
import { templateDatabase } from './test-env';

export default async function globalTeardown(): Promise<void> {
  await adminQuery(`drop database if exists ${templateDatabase()} with (force)`);
}

import { MikroORM } from '@mikro-orm/postgresql';
import { startTestApp, type TestApp } from './support/test-app';

describe('migrations and entities agree', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('leaves nothing for the schema generator to change after all migrations ran', async () => {
    const diff = await t.app.get(MikroORM).schema.getUpdateSchemaSQL({ wrap: false, safe: false });
    expect(diff.trim()).toBe('');
  });
});

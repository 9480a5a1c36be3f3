import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { moscowInstant, testToday } from './support/test-clock';
import { createTestDatabase } from './support/test-app';

const cli = join(__dirname, '..', 'dist', 'cli.js');

describe('command line', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const run = (...args: string[]) => {
    if (!existsSync(cli))
      throw new Error(`${cli} is missing: run "npm run build" first (make test does)`);
    return spawnSync(process.execPath, [cli, ...args], {
      // The demo seed places its school year around "today": the test date, not the real one.
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: database.url,
        CLOCK_PINNED_AT: moscowInstant(testToday()),
      },
      encoding: 'utf8',
      timeout: 60000,
    });
  };
  const query = async (sql: string) => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('migrate reports an up-to-date schema', () => {
    const result = run('migrate');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('schema is up to date');
  });

  it('create-operator makes an active platform operator with a normalised login', async () => {
    const result = run(
      'create-operator',
      '--login',
      ' Chief.Operator ',
      '--password',
      'operator-password-1',
    );
    expect(result.status).toBe(0);
    expect(
      await query(
        `select login, status, is_platform_operator from accounts where login = 'chief.operator'`,
      ),
    ).toEqual([{ login: 'chief.operator', status: 'active', is_platform_operator: true }]);
    const refused = run('create-operator', '--login', 'x', '--password', 'short');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('create-operator needs --login');
  });

  it('seed-demo seeds both demo schools once, and later changes nothing', async () => {
    expect(run('seed-demo').stdout).toMatch(
      /seed-demo: МБОУ СОШ № 1: [\d.]+ s\n.*\nseeded the demo region in [\d.]+ s/,
    );
    const census = () =>
      query(
        `select s.short_name, (select count(*)::int from classes c where c.school_id = s.id) as classes,
                (select count(*)::int from role_assignments r where r.school_id = s.id) as accounts,
                (select count(*)::int from marks m where m.school_id = s.id) as marks
           from schools s order by 1`,
      );
    const first = await census();
    expect(first.map(({ short_name, classes }) => ({ short_name, classes }))).toEqual([
      { short_name: 'МБОУ Гимназия № 2', classes: 12 },
      { short_name: 'МБОУ СОШ № 1', classes: 12 },
    ]);
    const second = run('seed-demo');
    expect([second.status, second.stdout]).toEqual([
      0,
      'the demo region exists already: nothing to do\n',
    ]);
    expect(await census()).toEqual(first);
  });

  it('seed-demo refuses to run in production', () => {
    const result = spawnSync(process.execPath, [cli, 'seed-demo'], {
      env: { PATH: process.env.PATH, DATABASE_URL: database.url, NODE_ENV: 'production' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('refuses to run with NODE_ENV=production');
  });
});

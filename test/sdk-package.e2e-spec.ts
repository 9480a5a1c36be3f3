import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Account } from '../src/core/auth/entities/account.entity';
import type { School } from '../src/core/tenancy/entities/school.entity';
import type { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import { createJournalClient, type JournalClient, unwrap } from '../openapi/sdk';
import { createPerson } from './support/classes-fixtures';
import { contractMiddleware } from './support/contract-hooks';
import {
  asRole,
  createSchool,
  createUser,
  TEST_PASSWORD,
  type TestUser,
} from './support/factories';
import { CLEAN, createImportClass, createImportYear, toCsv } from './support/import-fixtures';
import { createJournalWorld, type JournalWorld } from './support/journal-fixtures';
import { linkParent } from './support/people-fixtures-credentials';
import { startTestApp, type TestApp } from './support/test-app';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..');
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The SDK as its users get it: packed into a tarball (scripts/build-sdk.mjs, as `make sdk`),
 * installed with no registry into an empty folder outside the repository, and its example
 * scripts run there by `node`, each as its own process, against a listening API. The checks
 * are what an admin would look at: the class list in the API, the slips' text, the CSV.
 */
describe('the SDK package and its example scripts', () => {
  let t: TestApp;
  let baseUrl: string;
  let work: string;
  let consumer: string;
  let examples: string;

  /** Runs an example as `user`, as a separate process; answers what it printed. */
  async function example(user: TestUser, script: string, args: string[]) {
    try {
      return await run(process.execPath, [join(examples, script), ...args], {
        cwd: consumer,
        env: {
          PATH: process.env.PATH,
          JOURNAL_URL: baseUrl,
          JOURNAL_LOGIN: user.login,
          JOURNAL_PASSWORD: TEST_PASSWORD,
        },
        timeout: 30_000,
      });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`${script} failed: ${String(error)}\n${stdout ?? ''}\n${stderr ?? ''}`);
    }
  }

  /** A client of the test's own (in-process source), to look at what the examples did. */
  const clientOf = (user: TestUser): JournalClient => {
    const client = createJournalClient(baseUrl, { accessToken: user.token });
    client.use(contractMiddleware);
    return client;
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'journal-sdk-'));
    const built = execFileSync(
      process.execPath,
      [join(ROOT, 'scripts', 'build-sdk.mjs'), join(work, 'build')],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const tarball = built.trim().split('\n').at(-1)!;
    expect(tarball).toMatch(/school-journal-sdk-0\.1\.0\.tgz$/);

    // An empty project, an empty npm cache and --offline: everything must come from the tarball.
    consumer = join(work, 'consumer');
    execFileSync('mkdir', ['-p', consumer]);
    await writeFile(join(consumer, 'package.json'), '{ "name": "admin-scripts", "private": true }');
    execFileSync(
      'npm',
      ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
      {
        cwd: consumer,
        env: { ...process.env, npm_config_cache: join(work, 'npm-cache') },
        stdio: 'pipe',
      },
    );
    examples = join(consumer, 'node_modules', '@school-journal', 'sdk', 'examples');

    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = await t.app.getUrl();
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('installs offline from the tarball, and loads by its name from CommonJS and ESM', async () => {
    const manifest = JSON.parse(
      await readFile(
        join(consumer, 'node_modules', '@school-journal', 'sdk', 'package.json'),
        'utf8',
      ),
    );
    expect(manifest).toMatchObject({ name: '@school-journal/sdk', version: '0.1.0' });
    const names = ['JournalClient', 'JournalApiError', 'unwrap', 'idempotencyKey', 'ifMatch'];
    const cjs = await run(
      process.execPath,
      [
        '-e',
        `const sdk = require('@school-journal/sdk'); console.log(${JSON.stringify(names)}.map((n) => typeof sdk[n]).join())`,
      ],
      { cwd: consumer },
    );
    const esm = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import * as sdk from '@school-journal/sdk'; console.log(${JSON.stringify(names)}.map((n) => typeof sdk[n]).join())`,
      ],
      { cwd: consumer },
    );
    expect(cjs.stdout.trim()).toBe('function,function,function,function,function');
    expect(esm.stdout.trim()).toBe(cjs.stdout.trim());
  });

  describe('a class list, imported then given credentials', () => {
    let school: School;
    let admin: TestUser;
    let schoolClass: SchoolClass;

    beforeAll(async () => {
      school = await createSchool(t, undefined, 'Гимназия № 5');
      admin = await asRole(t, 'admin', school);
      schoolClass = await createImportClass(t, await createImportYear(t, school), 7, 'Б');
    });

    it('import-class-list.mjs checks, then imports a CSV file; a second run creates nothing', async () => {
      const file = join(work, '7b.csv');
      await writeFile(file, toCsv(CLEAN));
      const args = [schoolClass.id, file, '--commit', '--enrolled-on', '2026-09-01'];

      const first = await example(admin, 'import-class-list.mjs', args);
      expect(first.stdout).toContain(
        'row 2: new Иванов Пётр Сергеевич; parents: new Иванова Мария Петровна (mother)',
      );
      expect(first.stdout).toContain('imported: 3 rows: 3 new students, 0 existing, 3 new parents');

      const students = await unwrap(
        clientOf(admin).GET('/v1/classes/{id}/students', {
          params: { path: { id: schoolClass.id }, query: { on: '2026-09-01' } },
        }),
      );
      expect(students.items.map((student) => student.fullName)).toEqual([
        'Иванов Пётр Сергеевич',
        'Иванова Анна Сергеевна',
        'Смирнова Ольга',
      ]);

      const again = await example(admin, 'import-class-list.mjs', args);
      expect(again.stdout).toContain('imported: 3 rows: 0 new students, 3 existing, 0 new parents');
    });

    it('import-class-list.mjs stops on a file with errors, naming the rows', async () => {
      const file = join(work, 'bad.csv');
      await writeFile(file, toCsv([CLEAN[0], ['Петров', 'Олег', '', '32.01.2014', 'М']]));
      await expect(
        example(admin, 'import-class-list.mjs', [schoolClass.id, file, '--commit']),
      ).rejects.toThrow(/error in «Дата рождения»[\s\S]*1 rows have errors/);
    });

    it('print-credential-slips.mjs saves a PDF holding every new login', async () => {
      const output = join(work, 'slips.pdf');
      const { stdout } = await example(admin, 'print-credential-slips.mjs', [
        schoolClass.id,
        output,
      ]);
      expect(stdout).toMatch(/^saved \d+ bytes to /);

      const pdf = await readFile(output);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const { stdout: text } = await run('pdftotext', ['-layout', output, '-']);

      // The accounts the slips were printed for: the three students and their three parents.
      const client = clientOf(admin);
      const logins: string[] = [];
      for (const role of ['student', 'parent'] as const) {
        for await (const account of client.paginate('/v1/accounts', {
          params: { query: { schoolId: school.id, role, limit: 2 } },
        })) {
          logins.push(account.login);
        }
      }
      expect(logins).toHaveLength(6);
      for (const login of logins) expect(text).toContain(login);
      expect(text).toContain('Иванов Пётр Сергеевич');
    });
  });

  describe('a class with marks and parents (the journal world)', () => {
    let w: JournalWorld;

    beforeAll(async () => {
      w = await createJournalWorld(t);
    });

    it('export-period-marks.mjs writes the quarter marks as a UTF-8 «;» CSV', async () => {
      const [anton, vera, gleb] = w.students;
      const [q1, q2] = w.periods;
      const give = async (
        teacher: TestUser,
        subjectId: string,
        studyPeriodId: string,
        marks: { studentId: string; value: string }[],
      ) =>
        unwrap(
          clientOf(teacher).PUT('/v1/classes/{id}/period-marks', {
            params: { path: { id: w.schoolClass.id } },
            body: { subjectId, kind: 'period', studyPeriodId, marks },
          }),
        );
      await give(w.teacher.user, w.math.id, q1.id, [
        { studentId: anton.id, value: '5' },
        { studentId: vera.id, value: '4' },
        { studentId: gleb.id, value: 'н/а' },
      ]);
      await give(w.otherTeacher.user, w.russian.id, q1.id, [
        { studentId: anton.id, value: '4' },
        { studentId: vera.id, value: '3' },
      ]);
      // Another quarter's mark stays out of the first quarter's export.
      await give(w.teacher.user, w.math.id, q2.id, [{ studentId: gleb.id, value: '2' }]);

      const output = join(work, 'marks-q1.csv');
      const byName = await example(w.admin, 'export-period-marks.mjs', [
        w.schoolClass.id,
        '--period',
        '1 четверть',
        '--out',
        output,
      ]);
      expect(byName.stdout).toContain('1 четверть: 3 students, 2 subjects, 5 marks');
      expect(await readFile(output, 'utf8')).toBe(
        '\uFEFF' +
          [
            'Ученик;Математика;Русский язык',
            'Алексеев Антон;5;4',
            'Борисова Вера;4;3',
            'Васильев Глеб;н/а;',
            '',
          ].join('\r\n'),
      );

      // By the period's id, to standard output.
      const byId = await example(w.admin, 'export-period-marks.mjs', [
        w.schoolClass.id,
        '--period',
        q2.id,
      ]);
      expect(byId.stdout.split('\r\n')).toEqual([
        '\uFEFFУченик;Математика;Русский язык',
        'Алексеев Антон;;',
        'Борисова Вера;;',
        'Васильев Глеб;2;',
        '',
      ]);
    });

    it('inactive-parents.mjs lists the parents of a class, and of a school, not seen for N days', async () => {
      const [, vera, gleb] = w.students;
      const seen = async (name: string, daysAgo: number) => {
        const user = await createUser(t, { roles: [{ role: 'parent', school: w.school }] });
        const at = new Date(t.clock.now().getTime() - daysAgo * DAY_MS);
        await t
          .em()
          .nativeUpdate(Account, { id: user.account.id }, { lastLoginAt: at, lastSeenAt: at });
        const [lastName, firstName] = name.split(' ');
        return {
          user,
          card: await createPerson(t, w.school, 'parent', {
            lastName,
            firstName,
            accountId: user.account.id,
          }),
        };
      };
      const recent = await seen('Борисов Олег', 2);
      const away = await seen('Васильев Пётр', 45);
      await linkParent(t, recent.card, vera);
      await linkParent(t, away.card, gleb);
      const noAccount = await createPerson(t, w.school, 'parent', {
        lastName: 'Васильева',
        firstName: 'Ирина',
      });
      await linkParent(t, noAccount, gleb);

      const byClass = await example(w.admin, 'inactive-parents.mjs', [
        '--class',
        w.schoolClass.id,
        '--days',
        '30',
      ]);
      const rows = byClass.stdout.trim().split('\n');
      expect(rows[0]).toBe('Класс;Родитель;Логин;Причина;Последний раз;Дети');
      expect(rows.slice(1).sort()).toEqual(
        [
          `7А;Алексеева Имя;${w.parentUser.login};ни разу не входил(а);;Алексеев Антон`,
          `7А;Васильев Пётр;${away.user.login};давно не заходил(а);${new Date(t.clock.now().getTime() - 45 * DAY_MS).toISOString().slice(0, 10)};Васильев Глеб`,
          '7А;Васильева Ирина;;нет учётной записи;;Васильев Глеб',
        ].sort(),
      );

      const bySchool = await example(w.admin, 'inactive-parents.mjs', ['--school', w.school.id]);
      const lines = bySchool.stdout.trim().split('\n');
      expect(lines[0]).toBe('Родитель;Логин;Последний раз;Дней');
      const logins = lines.slice(1).map((line) => line.split(';')[1]);
      expect(logins).toEqual(expect.arrayContaining([w.parentUser.login, away.user.login]));
      expect(logins).not.toContain(recent.user.login);
    });
  });
});

import fc from 'fast-check';
import request from 'supertest';
import { ErrorCode } from '../src/core/http/error-codes';
import { ContractArbitraries, type GeneratedRequest } from './support/contract-arbitraries';
import { committedContract, type ContractOperation } from './support/contract-validator';
import { createUser, type TestUser } from './support/factories';
import { createJournalWorld } from './support/journal-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Every operation of the committed contract, called by several roles with requests drawn
 * from its schemas (valid ones and ones malformed in one part). Whatever the input, the API
 * answers no 5xx, every error is problem+json with a known `code`, no body leaks a stack or
 * SQL, and every answer is one the operation documents (with the documented body).
 * `make test` runs FUZZ_RUNS (4) requests per operation from FUZZ_SEED (20261202);
 * `make fuzz` runs more.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
jest.setTimeout(Math.max(60_000, RUNS * 4_000));

const CODES = new Set<string>(Object.values(ErrorCode));
const STACK = /\n\s+at .+:\d+:\d+|node_modules|\/src\/|\.ts:\d+/;
const SQL =
  /\b(select .+ from|insert into|update .+ set|delete from)\b|violates .+ constraint|syntax error at or near|relation "|duplicate key value/i;

interface Finding {
  what: string;
  request: string;
  status: number;
  body: string;
}

/** Everything wrong with one answer, in words a reader of the report understands. */
function judge(
  req: GeneratedRequest,
  status: number,
  contentType: string | undefined,
  text: string,
): string[] {
  const wrong: string[] = [];
  if (status >= 500) wrong.push(`${status} answer`);
  if (status >= 400) {
    let code: unknown;
    try {
      code = (JSON.parse(text) as { code?: unknown }).code;
    } catch {
      code = undefined;
    }
    if (!contentType?.startsWith('application/problem+json'))
      wrong.push(`error as ${contentType ?? 'no content type'}`);
    if (typeof code !== 'string' || !CODES.has(code))
      wrong.push(`error code ${String(code)} is not in error-codes.ts`);
  }
  if (STACK.test(text)) wrong.push('stack trace in the body');
  if (SQL.test(text)) wrong.push('SQL text in the body');
  wrong.push(...committedContract().problems(req.method, req.url, { status, contentType, text }));
  return wrong;
}

describe('every operation of the contract, with generated input and several roles', () => {
  let t: TestApp;
  let callers: Record<string, TestUser | undefined>;
  let arbitraries: ContractArbitraries;
  const findings: Finding[] = [];
  const tally = new Map<string, number>();

  beforeAll(async () => {
    t = await startTestApp();
    const world = await createJournalWorld(t);
    callers = {
      anonymous: undefined,
      operator: await createUser(t, { platformOperator: true }),
      admin: world.admin,
      teacher: world.teacher.user,
      student: world.studentUser,
    };
    const ids = [
      world.school.id,
      world.school.regionId,
      world.year.id,
      ...world.periods.map((period) => period.id),
      world.schoolClass.id,
      world.math.id,
      world.teacher.person.id,
      world.students[0].id,
      world.mathLessons[0].id,
      Object.values(world.markTypes)[0].id,
      Object.values(world.reasons)[0].id,
      world.admin.account.id,
      world.teacher.user.account.id,
    ];
    arbitraries = new ContractArbitraries(committedContract().document, ids);
  });

  afterAll(async () => {
    await t.close();
    console.warn(
      `contract fuzz: seed ${SEED}, ${RUNS} runs per operation; answers by status ${JSON.stringify(Object.fromEntries(tally))}`,
    );
  });

  const operations = Object.entries(committedContract().document.paths).flatMap(
    ([template, item]) =>
      Object.entries(item).map(
        ([method, operation]) =>
          [`${method.toUpperCase()} ${template}`, method, template, operation] as const,
      ),
  );

  it.each(operations)('%s', async (_name, method, template, operation: ContractOperation) => {
    const before = findings.length;
    await fc.assert(
      fc.asyncProperty(
        arbitraries.request(method.toUpperCase(), template, operation),
        fc.constantFrom(...Object.keys(callers)),
        async (req, role) => {
          const caller = callers[role];
          const server = request(t.app.getHttpServer());
          let call = server[method as 'get'](req.url)
            .set(req.headers)
            .buffer(true)
            .parse((res, done) => {
              let text = '';
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => (text += chunk));
              res.on('end', () => done(null, text));
            });
          if (caller) call = call.set(caller.auth);
          if (req.body !== undefined)
            call = call.set('content-type', 'application/json').send(JSON.stringify(req.body));
          const res = await call;
          tally.set(`${res.status}`, (tally.get(`${res.status}`) ?? 0) + 1);
          const text = typeof res.body === 'string' ? res.body : '';
          const wrong = judge(req, res.status, res.headers['content-type'], text);
          const described = `${role} ${req.method} ${req.url}${req.body === undefined ? '' : ` ${JSON.stringify(req.body).slice(0, 300)}`}`;
          for (const what of wrong) {
            findings.push({
              what,
              request: described,
              status: res.status,
              body: text.slice(0, 300),
            });
          }
        },
      ),
      {
        seed: SEED + operations.findIndex(([, m, p]) => m === method && p === template),
        numRuns: RUNS,
      },
    );
    expect(findings.slice(before)).toEqual([]);
  });
});

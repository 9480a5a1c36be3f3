import { buildOpenApiDocument } from '../src/core/http/openapi';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

interface Operation {
  operationId: string;
  security?: unknown[];
}

describe('authentication is required everywhere but on public routes', () => {
  let t: TestApp;
  let operations: { method: string; path: string; operation: Operation }[];

  beforeAll(async () => {
    t = await startTestApp();
    const document = buildOpenApiDocument(t.app);
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({
        method,
        // Any well-formed id will do: authentication comes before anything else.
        path: path.replace(/\{[^}]+\}/g, '01890000-0000-7000-8000-000000000000'),
        operation,
      })),
    );
  });
  afterAll(() => t.close());

  it('finds the protected routes in the contract', () => {
    const names = operations
      .filter((o) => o.operation.security?.length)
      .map((o) => o.operation.operationId);
    expect(names).toEqual(
      expect.arrayContaining([
        'getMe',
        'listAccounts',
        'createAccount',
        'listAuditEvents',
        'createSchool',
      ]),
    );
    const open = operations
      .filter((o) => !o.operation.security?.length)
      .map((o) => o.operation.operationId);
    expect(open.sort()).toEqual(['activate', 'getHealth', 'login', 'logout', 'refresh']);
  });

  it('answers 401 problem+json to every protected route called without a token', async () => {
    const protectedOperations = operations.filter((o) => o.operation.security?.length);
    expect(protectedOperations.length).toBeGreaterThan(15);
    for (const { method, path, operation } of protectedOperations) {
      const response = await t.http()[method as 'get'](path).send({});
      try {
        expectProblem(response, 401, 'auth.unauthenticated');
      } catch (error) {
        throw new Error(
          `${operation.operationId} (${method.toUpperCase()} ${path}) answered ${response.status}: ${String(error)}`,
        );
      }
    }
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../src/local/demo-accounts';

/**
 * What every operation of the committed contract must say (`make contract` separately
 * checks that the file is exactly what the code produces).
 */
interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { in: string; name: string }[];
  responses: Record<string, Response | { $ref: string }>;
}
interface Response {
  content?: Record<string, unknown>;
  headers?: Record<string, unknown>;
}
interface Schema {
  properties?: Record<
    string,
    { example?: unknown; $ref?: string; items?: { $ref?: string }; allOf?: unknown[] }
  >;
}

const document = JSON.parse(
  readFileSync(join(__dirname, '..', 'openapi', 'openapi.json'), 'utf8'),
) as {
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; responses: Record<string, Response> };
};
/** A response as written, or the shared one it refers to (`#/components/responses/…`). */
const resolved = (response: Response | { $ref: string } | undefined): Response | undefined =>
  response && '$ref' in response
    ? document.components.responses[response.$ref.replace('#/components/responses/', '')]
    : response;
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(
    ([method, operation]) => [`${method.toUpperCase()} ${path}`, path, operation] as const,
  ),
);

describe('the OpenAPI contract', () => {
  it.each(operations)(
    '%s says who may call it, what it answers and how it fails',
    (_, path, operation) => {
      expect(operation.operationId).toMatch(/^[a-z][A-Za-z]+$/);
      expect(operation.summary).toEqual(expect.any(String));
      expect(operation.tags).toHaveLength(1);
      expect(document.tags.map((tag) => tag.name)).toContain(operation.tags![0]);
      expect(Array.isArray(operation.security)).toBe(true);
      const statuses = Object.keys(operation.responses);
      expect(statuses.some((status) => /^2\d\d$/.test(status))).toBe(true);
      const problems = [
        '400',
        '429',
        ...(operation.security!.length ? ['401'] : []),
        ...(path.includes('{id}') ? ['404'] : []),
      ];
      for (const status of problems) {
        expect(Object.keys(resolved(operation.responses[status])?.content ?? {})).toEqual([
          'application/problem+json',
        ]);
      }
      // Rate limits apply to every operation; the 429 says when to come back.
      expect(Object.keys(resolved(operation.responses['429'])?.headers ?? {}).sort()).toEqual([
        'RateLimit',
        'RateLimit-Policy',
        'Retry-After',
      ]);
    },
  );

  it('gives every property of every schema an example (or a schema that has them)', () => {
    const missing = Object.entries(document.components.schemas).flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {})
        .filter(
          ([, property]) =>
            property.example === undefined &&
            !property.$ref &&
            !property.items?.$ref &&
            !property.allOf,
        )
        .map(([property]) => `${name}.${property}`),
    );
    expect(missing).toEqual([]);
  });

  it('holds no working credential in any example (tools play the examples)', () => {
    const text = readFileSync(join(__dirname, '..', 'openapi', 'openapi.json'), 'utf8');
    expect(text).not.toContain(DEMO_PASSWORD);
  });
});

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
  parameters?: { in: string; name: string; schema?: Walked }[];
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

type Walked = Record<string, unknown> & {
  $ref?: string;
  type?: string;
  properties?: Record<string, Walked>;
  items?: Walked;
  allOf?: Walked[];
};
const schemas = document.components.schemas as Record<string, Walked>;
const resolve = (schema: Walked): Walked =>
  schema.$ref ? schemas[schema.$ref.split('/').pop()!] : schema;

/** Every object schema a request body can hold, nested ones included, by where it sits. */
function bodyObjects(schema: Walked, where: string, out = new Map<string, Walked>()) {
  const named = schema.$ref ? schema.$ref.split('/').pop()! : undefined;
  const resolved = resolve(schema);
  const key = named ?? where;
  if (out.has(key)) return out;
  if (resolved.type === 'object' || resolved.properties) out.set(key, resolved);
  for (const [name, property] of Object.entries(resolved.properties ?? {}))
    bodyObjects(property, `${key}.${name}`, out);
  if (resolved.items) bodyObjects(resolved.items, `${key}[]`, out);
  for (const part of resolved.allOf ?? []) bodyObjects(part, key, out);
  return out;
}

describe('the contract states what the validation refuses', () => {
  it('closes every request body: unknown fields are refused with 400', () => {
    const open = operations.flatMap(([name, , operation]) => {
      const body = (operation as { requestBody?: { content: Record<string, { schema: Walked }> } })
        .requestBody?.content['application/json'];
      if (!body) return [];
      return [...bodyObjects(body.schema, name)]
        .filter(([, schema]) => schema.additionalProperties !== false)
        .map(([where]) => `${name}: ${where}`);
    });
    expect(open).toEqual([]);
  });

  it('says what every path parameter must look like (a UUID, a date or a bounded integer)', () => {
    const loose = operations.flatMap(([name, , operation]) =>
      (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'path')
        .filter(({ schema }) => {
          if (schema?.type === 'integer') return schema.minimum === undefined;
          return !['uuid', 'date'].includes(schema?.format as string);
        })
        .map((parameter) => `${name} {${parameter.name}}`),
    );
    expect(loose).toEqual([]);
  });

  it('pages with an integer limit and states the Idempotency-Key format', () => {
    const parameters = operations.flatMap(([, , operation]) => operation.parameters ?? []) as {
      name: string;
      in: string;
      schema: Walked;
    }[];
    const limits = parameters.filter((p) => p.in === 'query' && p.name === 'limit');
    expect(limits.length).toBeGreaterThan(5);
    for (const limit of limits)
      expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 200 });
    const keys = parameters.filter((p) => p.name === 'Idempotency-Key');
    expect(keys.length).toBeGreaterThan(5);
    for (const key of keys)
      expect(key.schema).toMatchObject({
        minLength: 1,
        maxLength: 255,
        pattern: expect.any(String),
      });
  });

  it('bounds every string a client sends in a body (length, format, pattern or a list)', () => {
    const unbounded = operations.flatMap(([name, , operation]) => {
      const body = (operation as { requestBody?: { content: Record<string, { schema: Walked }> } })
        .requestBody?.content['application/json'];
      if (!body) return [];
      return [...bodyObjects(body.schema, name)].flatMap(([where, schema]) =>
        Object.entries(schema.properties ?? {})
          .map(
            ([property, value]) =>
              [property, value.type === 'array' ? value.items! : value] as const,
          )
          .filter(
            ([, value]) =>
              value.type === 'string' &&
              value.maxLength === undefined &&
              value.format === undefined &&
              value.pattern === undefined &&
              value.enum === undefined,
          )
          .map(([property]) => `${where}.${property}`),
      );
    });
    expect(unbounded).toEqual([]);
  });
});

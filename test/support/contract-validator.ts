import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of an OpenAPI 3.0 document the checks read. */
export interface ContractDocument {
  paths: Record<string, Record<string, ContractOperation>>;
  components: {
    schemas: Record<string, unknown>;
    responses?: Record<string, ContractResponse>;
  };
}
export interface ContractResponse {
  content?: Record<string, { schema?: ContractSchema }>;
}
export interface ContractOperation {
  operationId?: string;
  parameters?: { in: string; name: string; required?: boolean; schema?: ContractSchema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: ContractSchema }> };
  responses: Record<string, ContractResponse>;
  security?: unknown[];
}
export type ContractSchema = Record<string, unknown>;

/** What the checks need of an answer, whatever client produced it. */
export interface ObservedResponse {
  status: number;
  contentType: string | undefined;
  /** The raw body text, when it is text (JSON or not). */
  text: string | undefined;
}

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  operation: ContractOperation;
}

const SCHEMA_BASE = 'https://contract.invalid/schemas/';

/**
 * OpenAPI 3.0 schemas as JSON Schema for ajv: `nullable: true` becomes "or null" and refs
 * to components point at the schemas registered under SCHEMA_BASE.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'example' || key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', SCHEMA_BASE);
    } else if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, property]) => [name, toJsonSchema(property)]),
      );
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  // OpenAPI 3.0 writes an exclusive bound as a flag beside minimum/maximum.
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[flag] === true) {
      out[flag] = out[bound];
      delete out[bound];
    } else if (out[flag] === false) delete out[flag];
  }
  return (schema as { nullable?: boolean }).nullable ? { anyOf: [out, { type: 'null' }] } : out;
}

/** Every answer of the API, checked against the operation the committed contract gives it. */
export class ContractValidator {
  private readonly routes: Route[];
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly document: ContractDocument) {
    this.ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
    // 'full' checks real calendar dates and times, not just their shape.
    addFormats(this.ajv, { mode: 'full' });
    this.ajv.addFormat('binary', true);
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      this.ajv.addSchema(toJsonSchema(schema) as object, SCHEMA_BASE + name);
    }
    // Literal segments win over parameters (`/v1/me/password` before `/v1/me/{id}`).
    this.routes = Object.entries(document.paths)
      .flatMap(([template, item]) =>
        Object.entries(item).map(([method, operation]) => ({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(
            `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`,
          ),
          operation,
        })),
      )
      .sort((a, b) => paramCount(a.template) - paramCount(b.template));
  }

  static fromCommittedContract(): ContractValidator {
    const file = join(__dirname, '..', '..', 'openapi', 'openapi.json');
    const document = JSON.parse(readFileSync(file, 'utf8')) as ContractDocument;
    return new ContractValidator(withSharedResponses(document));
  }

  /** The operation a request is for, or undefined for paths outside the contract. */
  match(method: string, url: string): Route | undefined {
    const path = new URL(url, 'http://api.invalid').pathname;
    return this.routes.find((route) => route.method === method && route.pattern.test(path));
  }

  /** Every way an answer breaks the contract; empty when it keeps it. */
  problems(method: string, url: string, response: ObservedResponse): string[] {
    const route = this.match(method.toUpperCase(), url);
    // Not an operation of the contract (e.g. /health, /docs, or a route that does not
    // exist): nothing to compare with.
    if (!route || method.toUpperCase() === 'HEAD') return [];
    const documented = route.operation.responses[String(response.status)];
    if (!documented) {
      return [
        `status ${response.status} is not documented (documented: ${Object.keys(route.operation.responses).join(', ')})`,
      ];
    }
    const contentTypes = Object.keys(documented.content ?? {});
    const mediaType = response.contentType?.split(';')[0].trim().toLowerCase();
    if (!contentTypes.length) {
      return response.text ? [`a body was sent where none is documented`] : [];
    }
    if (!mediaType || !contentTypes.includes(mediaType)) {
      return [`content type ${mediaType ?? '(none)'} is not one of ${contentTypes.join(', ')}`];
    }
    const schema = documented.content![mediaType].schema;
    if (!schema || !/[/+]json$/.test(mediaType)) return [];
    let body: unknown;
    try {
      body = JSON.parse(response.text ?? '');
    } catch {
      return ['the body is not JSON'];
    }
    const validate = this.validatorFor(
      `${route.method} ${route.template} ${response.status}`,
      schema,
    );
    return validate(body) ? [] : (validate.errors ?? []).map(describeError);
  }

  /** Throws a readable error naming the operation when the answer breaks the contract. */
  assert(method: string, url: string, response: ObservedResponse): void {
    const problems = this.problems(method, url, response);
    if (!problems.length) return;
    const route = this.match(method.toUpperCase(), url)!;
    throw new Error(
      [
        `Response breaks the contract: ${route.operation.operationId} (${route.method} ${route.template}) answered ${response.status} to ${method.toUpperCase()} ${url}`,
        ...problems.map((problem) => `  - ${problem}`),
        `  body: ${(response.text ?? '').slice(0, 500)}`,
      ].join('\n'),
    );
  }

  /** Compiles every response schema at once, so a schema ajv cannot read fails early. */
  compileAll(): number {
    let count = 0;
    for (const route of this.routes) {
      for (const [status, response] of Object.entries(route.operation.responses)) {
        for (const [mediaType, { schema }] of Object.entries(response.content ?? {})) {
          if (!schema || !/[/+]json$/.test(mediaType)) continue;
          this.validatorFor(`${route.method} ${route.template} ${status}`, schema);
          count += 1;
        }
      }
    }
    return count;
  }

  private validatorFor(key: string, schema: ContractSchema): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as object);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

/**
 * The contract says the answers every operation shares once (`#/components/responses/…`);
 * the checks want each operation's answers in place.
 */
function withSharedResponses(document: ContractDocument): ContractDocument {
  const shared = document.components.responses ?? {};
  const resolve = (response: ContractResponse & { $ref?: string }): ContractResponse =>
    response.$ref ? shared[response.$ref.replace('#/components/responses/', '')] : response;
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      operation.responses = Object.fromEntries(
        Object.entries(operation.responses).map(([status, response]) => [
          status,
          resolve(response),
        ]),
      );
    }
  }
  return document;
}

function paramCount(template: string): number {
  return (template.match(/\{/g) ?? []).length;
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath || '(body)';
  const detail =
    error.keyword === 'additionalProperties'
      ? `${error.message} (${(error.params as { additionalProperty: string }).additionalProperty})`
      : error.message;
  return `${where}: ${detail} [${error.schemaPath}]`;
}

/** One validator per test file: compiling the contract's schemas is not free. */
let shared: ContractValidator | undefined;
export function committedContract(): ContractValidator {
  shared ??= ContractValidator.fromCommittedContract();
  return shared;
}

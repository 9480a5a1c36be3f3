import fc from 'fast-check';
import type { ContractDocument, ContractOperation, ContractSchema } from './contract-validator';

/**
 * fast-check generators driven by the committed contract: values a schema allows, values it
 * refuses, and whole requests of an operation. Ids come from `knownIds` (objects that exist)
 * as well as random UUIDs, so requests reach the handlers and not only the 404 path.
 */

type Schema = ContractSchema & {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  multipleOf?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
};

export interface GeneratedRequest {
  method: string;
  /** The path with its parameters filled in and the query string. */
  url: string;
  body?: unknown;
  headers: Record<string, string>;
  /** Whether every part of the request keeps the contract. */
  valid: boolean;
}

const NUL = '\u0000';
/** Characters of real input: Cyrillic, Latin, digits, punctuation, spaces. */
const TEXT_UNIT = fc.constantFrom(
  ...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВЯЁ abcxyzXYZ0123456789-.,№«»_/',
);

const noHeaders: Record<string, string> = {};

function day(offset: number): string {
  return new Date(Date.UTC(2026, 8, 1 + offset)).toISOString().slice(0, 10);
}

export class ContractArbitraries {
  constructor(
    private readonly document: ContractDocument,
    private readonly knownIds: string[],
  ) {}

  private resolve(schema: Schema): Schema {
    if (schema.$ref)
      return this.resolve(
        this.document.components.schemas[schema.$ref.split('/').pop()!] as Schema,
      );
    if (schema.allOf?.length === 1) {
      const { allOf, ...rest } = schema;
      return { ...this.resolve(allOf[0]), ...rest };
    }
    return schema;
  }

  private uuid(): fc.Arbitrary<string> {
    return this.knownIds.length
      ? fc.oneof({ arbitrary: fc.constantFrom(...this.knownIds), weight: 3 }, fc.uuid())
      : fc.uuid();
  }

  /** A value the schema allows (NUL characters and exponent numbers left out). */
  valid(input: Schema, depth = 0): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    const value = this.validNotNull(schema, depth);
    return schema.nullable ? fc.oneof({ arbitrary: value, weight: 4 }, fc.constant(null)) : value;
  }

  private validNotNull(schema: Schema, depth: number): fc.Arbitrary<unknown> {
    if (schema.enum) return fc.constantFrom(...schema.enum);
    switch (schema.type) {
      case 'string':
        return this.validString(schema);
      case 'integer': {
        const min = (schema.minimum ?? -1000) + (schema.exclusiveMinimum ? 1 : 0);
        return fc.integer({ min, max: schema.maximum ?? Math.max(min, 1000) });
      }
      case 'number': {
        const step = schema.multipleOf ?? 0.25;
        const min = Math.ceil((schema.minimum ?? -1000) / step) + (schema.exclusiveMinimum ? 1 : 0);
        const max = Math.floor((schema.maximum ?? 1000) / step);
        const places = Math.max(0, -Math.floor(Math.log10(step)) + 1);
        return fc.integer({ min, max }).map((k) => Number((k * step).toFixed(places)));
      }
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const items = this.valid(schema.items ?? {}, depth + 1);
        const constraints = {
          minLength: schema.minItems ?? 0,
          maxLength: Math.min(schema.maxItems ?? 4, Math.max(schema.minItems ?? 0, 4)),
        };
        return schema.uniqueItems
          ? fc.uniqueArray(items, { ...constraints, selector: (item) => JSON.stringify(item) })
          : fc.array(items, constraints);
      }
      default:
        return this.validObject(schema, depth);
    }
  }

  private validString(schema: Schema): fc.Arbitrary<string> {
    const min = schema.minLength ?? 0;
    const max = schema.maxLength ?? 200;
    const fits = (value: string) =>
      value.length >= min && value.length <= max && !value.includes(NUL);
    switch (schema.format) {
      case 'uuid':
        return this.uuid();
      case 'date':
        return fc.integer({ min: -400, max: 400 }).map(day);
      case 'date-time':
        return fc.integer({ min: -400, max: 400 }).map((offset) => `${day(offset)}T08:30:00.000Z`);
      case 'email':
        return fc.stringMatching(/^[a-z]{1,12}\.[a-z]{1,12}@example\.org$/);
    }
    if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
    const longest = Math.max(min, Math.min(max, 60));
    return fc.oneof(
      fc.string({ unit: TEXT_UNIT, minLength: min, maxLength: longest }),
      fc.string({ minLength: min, maxLength: longest, unit: 'grapheme' }).filter(fits),
    );
  }

  private validObject(schema: Schema, depth: number): fc.Arbitrary<unknown> {
    const properties = schema.properties ?? {};
    if (!Object.keys(properties).length || depth > 4) return fc.constant({});
    return fc.record(
      Object.fromEntries(
        Object.entries(properties).map(([name, property]) => [
          name,
          this.valid(property, depth + 1),
        ]),
      ),
      { requiredKeys: (schema.required ?? []).filter((name) => name in properties) },
    );
  }

  /** A value the schema refuses (and, now and then, the known 500s of issue 12). */
  malformed(input: Schema, depth = 0): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    const wrong = fc.constantFrom<unknown>(
      42,
      -1,
      'x',
      true,
      [],
      {},
      '',
      1.5,
      ...(schema.nullable ? [] : [null]),
    );
    const specific: fc.Arbitrary<unknown>[] = [];
    if (schema.type === 'string') {
      if (schema.maxLength !== undefined)
        specific.push(fc.constant('я'.repeat(schema.maxLength + 1)));
      if (schema.minLength) specific.push(fc.constant(''));
      if (schema.format || schema.pattern)
        specific.push(
          fc.constantFrom('not valid', '2026-02-30', '00000000-0000-0000-0000-00000000000g'),
        );
      specific.push(fc.constant(`текст${NUL}`));
    }
    if (schema.type === 'integer' || schema.type === 'number') {
      if (schema.maximum !== undefined) specific.push(fc.constant(schema.maximum + 1));
      if (schema.minimum !== undefined) specific.push(fc.constant(schema.minimum - 1));
      if (schema.type === 'integer') specific.push(fc.constant(2.5));
      specific.push(fc.constantFrom(1e-10, 5e-324, 1e21, '5'));
    }
    if (schema.type === 'array') {
      if (schema.maxItems !== undefined)
        specific.push(
          fc.array(this.valid(schema.items ?? {}, depth + 1), {
            minLength: schema.maxItems + 1,
            maxLength: schema.maxItems + 1,
          }),
        );
      if (depth < 3)
        specific.push(this.malformed(schema.items ?? {}, depth + 1).map((item) => [item]));
    }
    const properties = Object.keys(schema.properties ?? {});
    if (properties.length && depth < 3) {
      const valid = this.validObject(schema, depth) as fc.Arbitrary<Record<string, unknown>>;
      specific.push(valid.map((object) => ({ ...object, unknownField: 1 })));
      if (schema.required?.length)
        specific.push(
          fc.tuple(valid, fc.constantFrom(...schema.required)).map(([object, name]) => {
            const { [name]: _dropped, ...rest } = object;
            return rest;
          }),
        );
      specific.push(
        fc
          .constantFrom(...properties)
          .chain((name) =>
            fc
              .tuple(valid, this.malformed(schema.properties![name], depth + 1))
              .map(([object, bad]) => ({ ...object, [name]: bad })),
          ),
      );
    }
    return specific.length
      ? fc.oneof(
          { arbitrary: wrong, weight: 1 },
          ...specific.map((arbitrary) => ({ arbitrary, weight: 2 })),
        )
      : wrong;
  }

  /** A request of one operation: valid in every part, or malformed in one of them. */
  request(
    method: string,
    template: string,
    operation: ContractOperation,
  ): fc.Arbitrary<GeneratedRequest> {
    const parameters = operation.parameters ?? [];
    const path = parameters.filter((p) => p.in === 'path');
    const query = parameters.filter((p) => p.in === 'query');
    const idempotent = parameters.some((p) => p.name === 'Idempotency-Key');
    const bodySchema = operation.requestBody?.content['application/json']?.schema;
    const pathValue = (p: (typeof path)[number], valid: boolean) =>
      valid
        ? this.valid(p.schema ?? { type: 'string' })
        : fc.constantFrom('not-a-uuid', '12345', '2026-02-30', 'a'.repeat(101), '%ZZ', '..');
    const queryValue = (p: (typeof query)[number], valid: boolean) =>
      valid
        ? this.valid(p.schema ?? { type: 'string' })
        : this.malformed(p.schema ?? { type: 'string' });
    return fc
      .constantFrom('valid', 'path', 'query', 'body', 'header')
      .filter((broken) => broken !== 'path' || path.length > 0)
      .filter((broken) => broken !== 'query' || query.length > 0)
      .filter((broken) => broken !== 'body' || !!bodySchema)
      .filter((broken) => broken !== 'header' || idempotent)
      .chain((broken) =>
        fc.record({
          broken: fc.constant(broken),
          path: fc.tuple(...path.map((p) => pathValue(p, broken !== 'path'))),
          query: fc.tuple(
            ...query.map((p) => {
              const value = queryValue(p, broken !== 'query');
              return p.required && broken !== 'query'
                ? value
                : fc.option(value, { nil: undefined, freq: 2 });
            }),
            broken === 'query'
              ? fc.option(fc.constant('x'), { nil: undefined, freq: 2 })
              : fc.constant(undefined),
          ),
          body: bodySchema
            ? broken === 'body'
              ? this.malformed(bodySchema)
              : this.valid(bodySchema)
            : fc.constant(undefined),
          key: idempotent
            ? broken === 'header'
              ? fc.constantFrom('a b', 'k'.repeat(256), '')
              : fc.option(fc.stringMatching(/^[\x21-\x7e]{1,64}$/), { nil: undefined })
            : fc.constant(undefined),
        }),
      )
      .map(({ broken, path: pathValues, query: queryValues, body, key }) => {
        let url = template;
        path.forEach((p, index) => {
          const value = String(pathValues[index]);
          url = url.replace(
            `{${p.name}}`,
            value === '%ZZ' || value === '..' ? value : encodeURIComponent(value),
          );
        });
        const search = new URLSearchParams();
        query.forEach((p, index) => {
          const value = queryValues[index];
          if (value !== undefined)
            search.append(p.name, typeof value === 'string' ? value : JSON.stringify(value));
        });
        if (queryValues[query.length] !== undefined) search.append('unknownParameter', 'x');
        const queryString = search.toString();
        return {
          method,
          url: queryString ? `${url}?${queryString}` : url,
          body,
          headers: key === undefined ? noHeaders : { 'Idempotency-Key': key },
          // A query value drawn as "absent" for a required parameter is malformed too.
          valid:
            broken === 'valid' &&
            query.every((p, index) => !p.required || queryValues[index] !== undefined),
        };
      });
  }
}

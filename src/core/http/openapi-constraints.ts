import type { INestApplication, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

// class-transformer keeps `@Type(() => Nested)` here and exports no typings for it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: {
    findTypeMetadata(target: Type, property: string): { typeFunction(): unknown } | undefined;
  };
};

/**
 * The contract states what the validation pipe enforces, read from the same decorators, so
 * the two cannot drift: `buildOpenApiDocument()` calls `applyValidationConstraints()` after
 * @nestjs/swagger has done its part. A validator this file does not know fails the build of
 * the document: describe it here (or with `describeValidator` beside a custom one).
 */

type Keywords = Partial<SchemaObject>;
type Translate = (constraints: unknown[]) => Keywords;

const pattern = (regexp: unknown): Keywords =>
  regexp instanceof RegExp ? { pattern: regexp.source } : { pattern: String(regexp) };

const VALIDATORS: Record<string, Translate> = {
  isString: () => ({ type: 'string' }),
  isBoolean: () => ({ type: 'boolean' }),
  isInt: () => ({ type: 'integer' }),
  isNumber: ([options]) => {
    const places = (options as { maxDecimalPlaces?: number } | undefined)?.maxDecimalPlaces;
    return places === undefined
      ? { type: 'number' }
      : { type: 'number', multipleOf: 10 ** -places };
  },
  isArray: () => ({ type: 'array' }),
  isUuid: () => ({ type: 'string', format: 'uuid' }),
  isEmail: () => ({ type: 'string', format: 'email' }),
  isDateString: () => ({ type: 'string', format: 'date-time' }),
  min: ([value]) => ({ minimum: value as number }),
  max: ([value]) => ({ maximum: value as number }),
  isPositive: () => ({ minimum: 0, exclusiveMinimum: true }),
  isLength: ([min, max]) => ({
    minLength: min as number,
    ...(max === undefined ? {} : { maxLength: max as number }),
  }),
  minLength: ([value]) => ({ minLength: value as number }),
  maxLength: ([value]) => ({ maxLength: value as number }),
  matches: ([regexp]) => pattern(regexp),
  isIn: ([values]) => ({ enum: values as unknown[] }),
  arrayMinSize: ([value]) => ({ minItems: value as number }),
  arrayMaxSize: ([value]) => ({ maxItems: value as number }),
  arrayUnique: () => ({ uniqueItems: true }),
};

/** The schema counterpart of a validator of our own (`registerDecorator({ name })`). */
export function describeValidator(name: string, keywords: Keywords | Translate): void {
  VALIDATORS[name] = typeof keywords === 'function' ? keywords : () => keywords;
}

/** A pipe of a path parameter that says what it accepts (`IdParam`, `DateParam`). */
export interface DescribedPipe {
  readonly openApiSchema: SchemaObject;
}
const isDescribedPipe = (pipe: unknown): pipe is DescribedPipe =>
  typeof pipe === 'object' && pipe !== null && 'openApiSchema' in pipe;

interface PropertyRule {
  required: boolean;
  own: Keywords;
  items: Keywords;
}

/** What the validators of one class say about each property. */
function propertyRules(target: Type): Map<string, PropertyRule> {
  const metadata: ValidationMetadata[] = getMetadataStorage().getTargetValidationMetadatas(
    target,
    '',
    true,
    false,
  );
  const rules = new Map<string, PropertyRule>();
  for (const meta of metadata) {
    const rule = rules.get(meta.propertyName) ?? { required: true, own: {}, items: {} };
    rules.set(meta.propertyName, rule);
    // IsOptional and ValidateIf (OptionalNotNull) are the only conditions we use.
    if (meta.type === 'conditionalValidation') rule.required = false;
    if (meta.type !== 'customValidation') continue;
    const translate = meta.name ? VALIDATORS[meta.name] : undefined;
    if (!translate) {
      throw new Error(
        `OpenAPI: validator ${meta.name ?? '(unnamed)'} on ${target.name}.${meta.propertyName} has no schema counterpart (core/http/openapi-constraints.ts)`,
      );
    }
    Object.assign(meta.each ? rule.items : rule.own, translate(meta.constraints ?? []));
  }
  return rules;
}

const refName = (schema: SchemaObject | ReferenceObject | undefined): string | undefined => {
  if (!schema) return undefined;
  if ('$ref' in schema) return schema.$ref.split('/').pop();
  return refName(schema.items ?? schema.allOf?.[0]);
};

function constrain(schema: SchemaObject, rule: PropertyRule): void {
  Object.assign(schema, rule.own);
  if (schema.type === 'array' && schema.items && !('$ref' in schema.items)) {
    Object.assign(schema.items, rule.items);
  }
}

/** A request-body schema and the schemas nested in it: closed, with the validators' rules. */
function constrainBody(document: OpenAPIObject, target: Type, name: string, seen: Set<string>) {
  const schema = document.components?.schemas?.[name] as SchemaObject | undefined;
  if (!schema || seen.has(name)) return;
  seen.add(name);
  // forbidNonWhitelisted: a field the DTO does not declare is refused with 400.
  schema.additionalProperties = false;
  const rules = propertyRules(target);
  const required: string[] = [];
  for (const [property, propertySchema] of Object.entries(schema.properties ?? {})) {
    const rule = rules.get(property);
    if (!rule) {
      throw new Error(
        `OpenAPI: ${target.name}.${property} is documented but has no validator, so the pipe refuses it`,
      );
    }
    if (rule.required) required.push(property);
    const nested = refName(propertySchema);
    if (nested) {
      const type = defaultMetadataStorage.findTypeMetadata(target, property)?.typeFunction();
      if (type) constrainBody(document, type as Type, nested, seen);
    } else {
      constrain(propertySchema as SchemaObject, rule);
    }
  }
  for (const property of rules.keys()) {
    if (!schema.properties?.[property]) {
      throw new Error(`OpenAPI: ${target.name}.${property} is validated but not documented`);
    }
  }
  if (required.length) schema.required = required;
  else delete schema.required;
}

interface RouteArgument {
  index: number;
  data?: string;
  pipes?: unknown[];
}

/** operationId (the handler's name) → what its parameters are validated with. */
function handlerArguments(app: INestApplication) {
  const handlers = new Map<string, { type: RouteParamtypes; arg: RouteArgument; cls?: Type }[]>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const metatype = wrapper.metatype as Type | null;
      if (!metatype) continue;
      for (const method of Object.getOwnPropertyNames(metatype.prototype as object)) {
        const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, method) as
          Record<string, RouteArgument> | undefined;
        if (!args) continue;
        const prototype = metatype.prototype as object;
        const types = (Reflect.getMetadata('design:paramtypes', prototype, method) ?? []) as Type[];
        handlers.set(
          method,
          Object.entries(args).map(([key, arg]) => ({
            type: Number(key.split(':')[0]),
            arg,
            cls: types[arg.index],
          })),
        );
      }
    }
  }
  return handlers;
}

const isDto = (cls: Type | undefined): cls is Type =>
  !!cls && ![String, Number, Boolean, Object, Array].includes(cls as never);

/** Writes what the pipes enforce into the document's parameters and request bodies. */
export function applyValidationConstraints(app: INestApplication, document: OpenAPIObject): void {
  const handlers = handlerArguments(app);
  const seen = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item as Record<string, OperationObject>)) {
      const handler = operation?.operationId ? handlers.get(operation.operationId) : undefined;
      if (!handler) continue;
      const parameters = (operation.parameters ?? []) as ParameterObject[];
      for (const { type, arg, cls } of handler) {
        if (type === RouteParamtypes.PARAM && arg.data) {
          const pipe = arg.pipes?.find(isDescribedPipe);
          const parameter = parameters.find((p) => p.in === 'path' && p.name === arg.data);
          if (pipe && parameter) parameter.schema = { ...pipe.openApiSchema };
        } else if (type === RouteParamtypes.QUERY && !arg.data && isDto(cls)) {
          for (const [name, rule] of propertyRules(cls)) {
            const parameter = parameters.find((p) => p.in === 'query' && p.name === name);
            if (!parameter) throw new Error(`OpenAPI: query ${cls.name}.${name} is not documented`);
            parameter.required = rule.required;
            constrain(parameter.schema as SchemaObject, rule);
          }
        } else if (type === RouteParamtypes.BODY && isDto(cls)) {
          const body = operation.requestBody;
          const name =
            body && 'content' in body
              ? refName(body.content['application/json']?.schema)
              : undefined;
          if (name) constrainBody(document, cls, name, seen);
        }
      }
    }
  }
}

import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { registerDecorator, ValidateIf } from 'class-validator';
import { describeValidator } from './openapi-constraints';
import { ProblemException, type FieldError } from './problem';

/** Flattens class-validator's tree into one entry per bad field, with its full path. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own: FieldError[] = error.constraints
      ? [{ field, messages: Object.values(error.constraints).map(humanize) }]
      : [];
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

function humanize(message: string): string {
  return message.replace(/^property (\S+) should not exist$/, 'unknown field $1 is not allowed');
}

const NUL = '\u0000';

/** Every string under `value` holding a NUL character, by its field path (named as validators do). */
function nulFields(value: unknown, path: string, name = path || 'value'): FieldError[] {
  if (typeof value === 'string') {
    return value.includes(NUL)
      ? [{ field: path || name, messages: [`${name} must not contain a NUL character`] }]
      : [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => nulFields(item, `${path}[${i}]`, name));
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    return Object.entries(value).flatMap(([key, item]) => [
      ...(key.includes(NUL) ? nulFields(key, path, name) : []),
      ...nulFields(item, path ? `${path}.${key}` : key, key),
    ]);
  }
  return [];
}

/**
 * PostgreSQL text cannot hold NUL, so a string with one would fail at the database as a
 * 500. Every body, query and path parameter passes here, DTO or not, before the DTO's rules.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Custom parameters (the actor, the ability) are ours, not the client's: nothing to walk.
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const errors = nulFields(value, metadata.data ?? '');
    if (errors.length > 0) throw ProblemException.invalid(errors);
    return super.transform(value, metadata);
  }
}

/**
 * Unknown fields are refused (not silently dropped), every bad field is reported at once,
 * and query strings are converted to the declared types.
 */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ProblemException.invalid(toFieldErrors(errors)),
  });
}

/**
 * A field a PATCH may leave out, but not set to null: unlike `@IsOptional()`, a null still
 * goes through the field's other validators (and fails them).
 */
export const OptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);

/** The longest free-text comment on a journal record (a mark, an absence, a period mark). */
export const COMMENT_MAX = 500;

/** Matches a string with something other than white space. */
export const NOT_BLANK = /\S/;

/** For `@Transform`: surrounding spaces of a string are dropped. */
export const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

/** For `@Transform`: a string is trimmed, and a blank one is no value (null). */
export const trimmedOrNull = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() || null : value;

/** True for a finite number that some decimal with at most `places` decimals parses to. */
export function hasAtMostDecimals(value: unknown, places: number): value is number {
  // toFixed is exact for every magnitude (it never throws, unlike counting the digits of
  // `String(value)`, which is `1e-10` for small numbers), and huge values are integers.
  return (
    typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(places)) === value
  );
}

/**
 * A JSON number with at most `places` decimals, in any notation (`0.5`, `5e-1`). Use it
 * instead of class-validator's `IsNumber({ maxDecimalPlaces })`, which throws (a 500) on
 * numbers written in exponent form. (Not class-validator's `IsDecimal`, which checks strings.)
 */
describeValidator('isDecimalNumber', ([places]) => ({
  type: 'number',
  multipleOf: 10 ** -(places as number),
}));
export function IsDecimalNumber(places: number): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDecimalNumber',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [places],
      validator: {
        validate: (value: unknown) => hasAtMostDecimals(value, places),
        defaultMessage: () =>
          `${String(propertyName)} must be a number with at most ${places} decimal places`,
      },
    });
}

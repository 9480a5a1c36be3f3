import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
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

/**
 * Unknown fields are refused (not silently dropped), every bad field is reported at once,
 * and query strings are converted to the declared types.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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

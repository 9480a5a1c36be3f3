import { Param, type PipeTransform } from '@nestjs/common';
import { isDateOnly } from './dates';
import type { DescribedPipe } from './openapi-constraints';
import { ProblemException } from './problem';

class DateOnlyPipe implements PipeTransform<unknown, string>, DescribedPipe {
  readonly openApiSchema = { type: 'string', format: 'date' } as const;

  constructor(private readonly name: string) {}

  transform(value: unknown): string {
    if (isDateOnly(value)) return value;
    throw ProblemException.invalid([
      { field: this.name, messages: [`${this.name} must be a date YYYY-MM-DD`] },
    ]);
  }
}

/** A calendar date path parameter (`YYYY-MM-DD`), `:date` unless named; 400 otherwise. */
export const DateParam = (name = 'date') => Param(name, new DateOnlyPipe(name));

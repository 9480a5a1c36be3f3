import { Param, ParseUUIDPipe } from '@nestjs/common';
import type { DescribedPipe } from './openapi-constraints';
import { ProblemException } from './problem';

/** Accepts a UUID (any version) and says so in the contract. */
class UuidParamPipe extends ParseUUIDPipe implements DescribedPipe {
  readonly openApiSchema = { type: 'string', format: 'uuid' } as const;

  constructor(name: string) {
    super({
      exceptionFactory: () =>
        ProblemException.invalid([{ field: name, messages: [`${name} must be a UUID`] }]),
    });
  }
}

/** A UUID path parameter, `:id` unless named (400 naming the field otherwise). */
export const IdParam = (name = 'id') => Param(name, new UuidParamPipe(name));

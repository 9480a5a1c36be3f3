import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from '../../core/http/problem';

/** A UUID path parameter other than `:id` (400 naming the parameter otherwise). */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        ProblemException.invalid([{ field: name, messages: [`${name} must be a UUID`] }]),
    }),
  );

import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from './problem';

/** A UUID path parameter, `:id` unless named (400 naming the field otherwise). */
export const IdParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        ProblemException.invalid([{ field: name, messages: [`${name} must be a UUID`] }]),
    }),
  );

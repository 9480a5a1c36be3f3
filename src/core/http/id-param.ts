import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from './problem';

/** The `:id` path parameter, which must be a UUID (400 naming the field otherwise). */
export const IdParam = () =>
  Param(
    'id',
    new ParseUUIDPipe({
      exceptionFactory: () =>
        ProblemException.invalid([{ field: 'id', messages: ['id must be a UUID'] }]),
    }),
  );

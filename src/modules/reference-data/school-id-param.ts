import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from '../../core/http/problem';

/** The `:schoolId` path parameter of a school's collections, which must be a UUID. */
export const SchoolIdParam = () =>
  Param(
    'schoolId',
    new ParseUUIDPipe({
      exceptionFactory: () =>
        ProblemException.invalid([{ field: 'schoolId', messages: ['schoolId must be a UUID'] }]),
    }),
  );

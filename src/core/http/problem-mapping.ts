import { HttpException, HttpStatus } from '@nestjs/common';
import {
  DriverException,
  NotNullConstraintViolationException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { ErrorCode, type ErrorCodeValue } from './error-codes';
import { ProblemException, problemType, type ProblemDocument } from './problem';

const CODE_BY_STATUS: Record<number, [ErrorCodeValue, string]> = {
  400: [ErrorCode.malformedRequest, 'Malformed request'],
  401: [ErrorCode.unauthenticated, 'Unauthenticated'],
  403: [ErrorCode.forbidden, 'Forbidden'],
  404: [ErrorCode.routeNotFound, 'No such route'],
  409: [ErrorCode.conflict, 'Conflict'],
  412: [ErrorCode.preconditionFailed, 'Precondition failed'],
  413: [ErrorCode.requestTooLarge, 'Request too large'],
  415: [ErrorCode.malformedRequest, 'Unsupported media type'],
  429: [ErrorCode.rateLimited, 'Too many requests'],
};

/** Raised by the journal's period-lock triggers (see the journal migration). */
export const PERIOD_LOCK_SQLSTATE = 'SJ409';

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/**
 * Turns anything thrown while serving a request into a problem document. Only errors we
 * recognise reveal their message; anything else is an opaque 500.
 */
export function toProblem(
  exception: unknown,
  instance: string,
  requestId: string,
): ProblemDocument {
  const problem = (
    status: number,
    code: ErrorCodeValue,
    title: string,
    detail?: string,
    extensions: Record<string, unknown> = {},
  ): ProblemDocument => ({
    type: problemType(code),
    title,
    status,
    code,
    detail,
    instance,
    requestId,
    ...extensions,
  });

  if (exception instanceof ProblemException) {
    const { code, title, detail, extensions } = exception;
    return problem(exception.getStatus(), code, title, detail, extensions);
  }
  if (exception instanceof DriverException && exception.code === PERIOD_LOCK_SQLSTATE) {
    // The database's period lock (J5) refused the write; its message names the period.
    // The trigger puts its explanation in `detail`; `message` carries the failed SQL.
    const { detail } = exception as DriverException & { detail?: string };
    return problem(HttpStatus.CONFLICT, ErrorCode.periodClosed, 'Conflict', detail);
  }
  if (exception instanceof UniqueConstraintViolationException) {
    return problem(
      HttpStatus.CONFLICT,
      ErrorCode.alreadyExists,
      'Already exists',
      'An object with the same unique value already exists.',
    );
  }
  if (exception instanceof NotNullConstraintViolationException) {
    return problem(
      HttpStatus.BAD_REQUEST,
      ErrorCode.invalidRequest,
      'Invalid request',
      'A required value is missing or null.',
    );
  }
  const status =
    exception instanceof HttpException
      ? exception.getStatus()
      : (exception as FastifyLikeError | undefined)?.statusCode;
  if (status && status >= 400 && status < 500) {
    const [code, title] = CODE_BY_STATUS[status] ?? [ErrorCode.malformedRequest, 'Bad request'];
    return problem(status, code, title, exception instanceof Error ? exception.message : undefined);
  }
  return problem(
    HttpStatus.INTERNAL_SERVER_ERROR,
    ErrorCode.internal,
    'Internal server error',
    `Something went wrong on our side. Quote request id ${requestId} when reporting it.`,
  );
}

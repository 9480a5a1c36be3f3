import { HttpException, HttpStatus } from '@nestjs/common';
import { databaseProblem } from './database-problems';
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
  const fromDatabase = databaseProblem(exception);
  if (fromDatabase) {
    const { status, code, title, detail, retryAfter } = fromDatabase;
    return problem(status, code, title, detail, retryAfter ? { retryAfter } : {});
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

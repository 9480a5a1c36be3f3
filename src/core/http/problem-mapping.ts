import { HttpException, HttpStatus } from '@nestjs/common';
import {
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
  const base = { instance, requestId };
  if (exception instanceof ProblemException) {
    return {
      type: problemType(exception.code),
      title: exception.title,
      status: exception.getStatus(),
      code: exception.code,
      detail: exception.detail,
      ...base,
      ...exception.extensions,
    };
  }
  if (exception instanceof UniqueConstraintViolationException) {
    return {
      type: problemType(ErrorCode.alreadyExists),
      title: 'Already exists',
      status: HttpStatus.CONFLICT,
      code: ErrorCode.alreadyExists,
      detail: 'An object with the same unique value already exists.',
      ...base,
    };
  }
  if (exception instanceof NotNullConstraintViolationException) {
    return {
      type: problemType(ErrorCode.invalidRequest),
      title: 'Invalid request',
      status: HttpStatus.BAD_REQUEST,
      code: ErrorCode.invalidRequest,
      detail: 'A required value is missing or null.',
      ...base,
    };
  }
  const status =
    exception instanceof HttpException
      ? exception.getStatus()
      : (exception as FastifyLikeError | undefined)?.statusCode;
  if (status && status >= 400 && status < 500) {
    const [code, title] = CODE_BY_STATUS[status] ?? [ErrorCode.malformedRequest, 'Bad request'];
    const message = exception instanceof Error ? exception.message : undefined;
    return { type: problemType(code), title, status, code, detail: message, ...base };
  }
  return {
    type: problemType(ErrorCode.internal),
    title: 'Internal server error',
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    code: ErrorCode.internal,
    detail: `Something went wrong on our side. Quote request id ${requestId} when reporting it.`,
    ...base,
  };
}

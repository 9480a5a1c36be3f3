import { HttpException, HttpStatus } from '@nestjs/common';
import { ErrorCode, type ErrorCodeValue } from './error-codes';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One invalid field of a request, by its path in the body or query (`roles[0].schoolId`). */
export interface FieldError {
  field: string;
  messages: string[];
}

/** An RFC 9457 problem document, with this API's stable `code` and the request id. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  code: ErrorCodeValue;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export function problemType(code: ErrorCodeValue): string {
  return `urn:school-journal:problem:${code}`;
}

/** Throw this from anywhere to answer with a problem document. */
export class ProblemException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: ErrorCodeValue,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    // A 4xx answers the client's mistake and is never logged: the stack trace, which is most
    // of what an exception costs, is only captured for a 5xx (the problem filter logs those).
    const stackTraceLimit = Error.stackTraceLimit;
    if (Number(status) < 500) Error.stackTraceLimit = 0;
    super({ code, title, detail }, status);
    Error.stackTraceLimit = stackTraceLimit;
  }

  static notFound(what = 'The resource'): ProblemException {
    return new ProblemException(
      HttpStatus.NOT_FOUND,
      ErrorCode.notFound,
      'Not found',
      `${what} does not exist or is not visible to you.`,
    );
  }

  static forbidden(detail: string): ProblemException {
    return new ProblemException(HttpStatus.FORBIDDEN, ErrorCode.forbidden, 'Forbidden', detail);
  }

  static conflict(code: ErrorCodeValue, detail: string): ProblemException {
    return new ProblemException(HttpStatus.CONFLICT, code, 'Conflict', detail);
  }

  static invalid(errors: FieldError[]): ProblemException {
    return new ProblemException(
      HttpStatus.BAD_REQUEST,
      ErrorCode.invalidRequest,
      'Invalid request',
      errors.map((e) => `${e.field}: ${e.messages.join('; ')}`).join(' | '),
      { errors },
    );
  }
}

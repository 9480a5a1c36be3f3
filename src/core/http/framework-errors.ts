import { HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ErrorCode } from './error-codes';
import { PROBLEM_CONTENT_TYPE, ProblemException } from './problem';
import { noteProblemCode } from './request-log';
import { toProblem } from './problem-mapping';

/** Fastify's default longest path parameter (left at its default); a longer one is refused before routing. */
const MAX_PARAM_LENGTH = 100;

/** The most of a refused URL an answer repeats (`instance`). */
const INSTANCE_MAX = 200;

/** Problems Fastify's router raises before any route, hook or filter of ours runs. */
function routerProblem(error: { code?: string }): unknown {
  switch (error.code) {
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new ProblemException(
        HttpStatus.URI_TOO_LONG,
        ErrorCode.uriTooLong,
        'URI too long',
        `A path segment is longer than ${MAX_PARAM_LENGTH} characters.`,
      );
    case 'FST_ERR_BAD_URL':
      return new ProblemException(
        HttpStatus.BAD_REQUEST,
        ErrorCode.malformedRequest,
        'Malformed request',
        'The URL is not validly percent-encoded.',
      );
    default:
      return error;
  }
}

/** Fastify's `frameworkErrors`: router errors as problem documents too. */
export function answerFrameworkError(
  error: Error & { code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const instance =
    request.url.length > INSTANCE_MAX ? `${request.url.slice(0, INSTANCE_MAX)}…` : request.url;
  const problem = toProblem(routerProblem(error), instance, request.id);
  noteProblemCode(request, problem.code);
  void reply
    .status(problem.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .header('x-request-id', request.id)
    .send(problem);
}

const CLIENT_ERRORS: Record<string, ProblemException> = {
  HPE_HEADER_OVERFLOW: new ProblemException(
    431 as HttpStatus,
    ErrorCode.headersTooLarge,
    'Request headers too large',
    'The request headers (with the URL) are larger than the server accepts.',
  ),
  ERR_HTTP_REQUEST_TIMEOUT: new ProblemException(
    HttpStatus.REQUEST_TIMEOUT,
    ErrorCode.requestTimeout,
    'Request timeout',
    'The request was not received in time.',
  ),
};

/**
 * Node's HTTP server answers a request it cannot parse (headers too large, a timeout, bad
 * syntax) itself, before Fastify sees it: this writes that answer as a problem document.
 * There is no parsed request, so there is no `instance`, and the connection is closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const requestId = randomUUID();
  const exception =
    CLIENT_ERRORS[error.code ?? ''] ??
    new ProblemException(
      HttpStatus.BAD_REQUEST,
      ErrorCode.malformedRequest,
      'Malformed request',
      'The request is not valid HTTP.',
    );
  const { instance: _, ...problem } = toProblem(exception, '', requestId);
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

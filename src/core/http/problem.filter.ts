import {
  Catch,
  HttpStatus,
  Logger,
  NotFoundException,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from './error-codes';
import { PROBLEM_CONTENT_TYPE, ProblemException } from './problem';
import { toProblem } from './problem-mapping';
import { noteProblemCode } from './request-log';
import type { RouteMethods } from './route-methods';

/** Every error leaves the API as `application/problem+json`. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(private readonly routes?: RouteMethods) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const allowed = this.allowedOtherwise(exception, request);
    if (allowed.length > 0) {
      void reply.header('allow', allowed.join(', '));
      exception = new ProblemException(
        HttpStatus.METHOD_NOT_ALLOWED,
        ErrorCode.methodNotAllowed,
        'Method not allowed',
        `${request.method} is not allowed here; this path answers ${allowed.join(', ')}.`,
      );
    }
    const problem = toProblem(exception, request.url, request.id);
    if (problem.status >= 500) this.logger.error(exception);
    noteProblemCode(request, problem.code);
    if (typeof problem.retryAfter === 'number')
      void reply.header('retry-after', String(problem.retryAfter));
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  /** For a request no route matched (Nest's not-found handler): the methods its path has. */
  private allowedOtherwise(exception: unknown, request: FastifyRequest): string[] {
    if (!this.routes || !(exception instanceof NotFoundException) || request.routeOptions.url) {
      return [];
    }
    const allowed = this.routes.allowedFor(request.url.split('?')[0]);
    return allowed.includes(request.method) ? [] : allowed;
  }
}

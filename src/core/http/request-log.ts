import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { RequestLogFields } from '../logging/pretty';

/** The `code` of the problem document each failed request answered with, until it is logged. */
const problemCodes = new WeakMap<FastifyRequest, string>();

/** Called by whatever answers a problem document (the problem filter, framework errors). */
export function noteProblemCode(request: FastifyRequest, code: string): void {
  problemCodes.set(request, code);
}

/**
 * `LOG_FORMAT=pretty`: one log record per request, written once the answer is sent, instead
 * of Fastify's two ("incoming request", "request completed"). The pretty destination prints
 * it as `GET /v1/me 200 3.1 ms`. Fastify's other request-time lines (errors of its own error
 * handler, broken response streams) are left as they are.
 *
 * This is Fastify's `logController` option with its `disableRequestLogging` part done by
 * hand; the top-level `disableRequestLogging` option is deprecated in Fastify 5 and would
 * print a deprecation warning at every start.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {
    // The one line is written when the request is complete.
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const fields: RequestLogFields = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      responseTime: reply.elapsedTime,
      problem: problemCodes.get(request),
    };
    if (error) reply.log.error({ ...fields, err: error }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }
}

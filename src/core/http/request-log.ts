import {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { RequestLogFields } from '../logging/pretty';
import { PROBLEM_CONTENT_TYPE } from './problem';

/** The `code` of the problem document each failed request answered with, until it is logged. */
const problemCodes = new WeakMap<FastifyRequest, string>();

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

/** Notes the `code` of every problem document answered, for the request's log line. */
export function rememberProblemCodes(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode >= 400) {
      const type = reply.getHeader('content-type');
      const code =
        typeof type === 'string' && type.startsWith(PROBLEM_CONTENT_TYPE)
          ? problemCodeOf(payload)
          : undefined;
      if (code) problemCodes.set(request, code);
    }
    done(null, payload);
  });
}

function problemCodeOf(payload: unknown): string | undefined {
  const text =
    typeof payload === 'string'
      ? payload
      : Buffer.isBuffer(payload)
        ? payload.toString('utf8')
        : undefined;
  if (!text) return undefined;
  try {
    const code = (JSON.parse(text) as { code?: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import type helmetFunction from 'helmet';

// The helmet that @fastify/helmet is built on, whatever version it brings.
const helmet = createRequire(require.resolve('@fastify/helmet'))('helmet') as typeof helmetFunction;

export type SecurityHeaderOptions = Parameters<typeof helmetFunction>[0];

/**
 * The headers helmet sets for `options`. With static options (no CSP nonces, no directive
 * computed per request) they are the same for every answer, so they are worked out once:
 * @fastify/helmet builds the helmet middleware again, and parses the CSP, for every request.
 */
export function securityHeadersOf(options: SecurityHeaderOptions): [string, string][] {
  const headers: [string, string][] = [];
  const response = {
    setHeader: (name: string, value: unknown) => headers.push([name, String(value)]),
    // Fastify never sets X-Powered-By, which helmet removes.
    removeHeader: () => undefined,
  };
  // Helmet throws on bad options (older versions passed the error to `next`).
  helmet(options)(
    {} as IncomingMessage,
    response as unknown as ServerResponse,
    (error?: unknown) => {
      if (error) throw error instanceof Error ? error : new Error('helmet refused its options');
    },
  );
  return headers;
}

/** Sends helmet's headers (security-related HTTP headers) with every answer. */
export function registerSecurityHeaders(
  fastify: FastifyInstance,
  options: SecurityHeaderOptions,
): void {
  const headers = securityHeadersOf(options);
  fastify.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}

import type { FastifyInstance } from 'fastify';

/**
 * Adds `Link: <…>; rel="next"` to a page of a list, for clients that follow links. A Fastify
 * hook on the body about to be serialised, rather than a global Nest interceptor: with no
 * global interceptor, Nest skips its interceptor chain (an Observable and an AsyncResource
 * per request) for every route that has none of its own.
 */
export function registerPageLinks(fastify: FastifyInstance): void {
  fastify.addHook('preSerialization', (request, reply, payload, done) => {
    const cursor = (payload as { nextCursor?: unknown } | null)?.nextCursor;
    if (typeof cursor === 'string') {
      const url = new URL(request.url, 'http://placeholder');
      url.searchParams.set('cursor', cursor);
      void reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
    }
    done(null, payload);
  });
}

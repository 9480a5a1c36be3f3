import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ErrorCode } from './error-codes';
import { ProblemException } from './problem';
import { HttpStatus } from '@nestjs/common';

/** A weak ETag of a representation: the hash of its JSON. */
export function etagOf(representation: unknown): string {
  const json = typeof representation === 'string' ? representation : JSON.stringify(representation);
  return `W/"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((candidate) => bare(candidate) === bare(etag));
}

/**
 * Gives every successful JSON GET an ETag and answers `If-None-Match` with 304, from the
 * body as it is about to be sent (so it is serialised once).
 */
export function registerConditionalGet(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || reply.statusCode !== 200 || typeof payload !== 'string') {
      return payload;
    }
    const etag = etagOf(payload);
    void reply.header('etag', etag);
    if (matches(request.headers['if-none-match'], etag)) {
      void reply.code(304);
      return '';
    }
    return payload;
  });
}

/**
 * Optimistic concurrency for updates: when the client sends `If-Match`, it must be the ETag
 * of the representation it last read, or the update is refused with 412.
 */
export function assertIfMatch(ifMatch: string | undefined, current: unknown): void {
  if (ifMatch === undefined) return;
  if (!matches(ifMatch, etagOf(current))) {
    throw new ProblemException(
      HttpStatus.PRECONDITION_FAILED,
      ErrorCode.preconditionFailed,
      'Precondition failed',
      'The object changed since you read it: read it again and reapply your change.',
    );
  }
}

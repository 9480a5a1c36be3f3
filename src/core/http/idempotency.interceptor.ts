import {
  HttpStatus,
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { catchError, from, mergeMap, of, throwError, type Observable } from 'rxjs';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { findIdentity } from '../auth/request-identity';
import { REDIS, redisKey } from '../redis/redis.module';
import { ErrorCode } from './error-codes';
import { ProblemException } from './problem';

/** How long an answer is remembered: retries of one create happen within minutes, not days. */
const KEY_TTL_SECONDS = 24 * 60 * 60;
/** How long a claim on a key lasts while its request runs; a crashed process frees it soon. */
const CLAIM_TTL_SECONDS = 60;
/** 1 to 255 visible ASCII characters (the contract states the same pattern). */
export const IDEMPOTENCY_KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

interface StoredOutcome {
  fingerprint: string;
  status?: number;
  body?: unknown;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

/**
 * `Idempotency-Key` on creates: the same key with the same body replays the first answer
 * (header `Idempotent-Replayed: true`); with another body it is a 409. Keys are scoped to
 * the caller and the route, and kept in Redis so every API replica sees them.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const header = request.headers['idempotency-key'];
    if (header === undefined) return next.handle();
    if (typeof header !== 'string' || !IDEMPOTENCY_KEY_FORMAT.test(header)) {
      throw ProblemException.invalid([
        { field: 'Idempotency-Key', messages: ['must be 1 to 255 visible ASCII characters'] },
      ]);
    }
    const caller = callerOf(request);
    const key = redisKey(
      this.config,
      'idempotency',
      sha256(`${caller}|${request.method}|${request.url}|${header}`),
    );
    const fingerprint = sha256(JSON.stringify(request.body ?? null));
    const claimed = await this.redis.set(
      key,
      JSON.stringify({ fingerprint }),
      'EX',
      CLAIM_TTL_SECONDS,
      'NX',
    );
    if (!claimed) return of(await this.replay(key, fingerprint, reply));

    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      HttpStatus.CREATED;
    return next.handle().pipe(
      mergeMap((body: unknown) =>
        from(
          this.redis
            .set(
              key,
              JSON.stringify({ fingerprint, status, body } satisfies StoredOutcome),
              'EX',
              KEY_TTL_SECONDS,
            )
            .then(() => body),
        ),
      ),
      catchError((error: unknown) =>
        // Forget the key: a failed create may be retried with the same key.
        from(this.redis.del(key)).pipe(mergeMap(() => throwError(() => error))),
      ),
    );
  }

  private async replay(key: string, fingerprint: string, reply: FastifyReply): Promise<unknown> {
    const stored = JSON.parse((await this.redis.get(key)) ?? 'null') as StoredOutcome | null;
    if (stored && stored.fingerprint !== fingerprint) {
      throw ProblemException.conflict(
        ErrorCode.idempotencyKeyReused,
        'This Idempotency-Key was already used with a different request body.',
      );
    }
    if (!stored || stored.status === undefined) {
      throw ProblemException.conflict(
        ErrorCode.idempotencyInProgress,
        'A request with this Idempotency-Key is still being processed; retry shortly.',
      );
    }
    void reply.status(stored.status).header('idempotent-replayed', 'true');
    return stored.body;
  }
}

/** Keys are per account, so two callers never see each other's answers. */
function callerOf(request: FastifyRequest): string {
  return findIdentity(request)?.actor.accountId ?? 'anonymous';
}

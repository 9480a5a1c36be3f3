import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type Redis from 'ioredis';
import type { AppConfig } from '../../config/config';
import type { Actor } from '../auth/actor';
import { tokenActorOf } from '../auth/request-identity';
import { redisKey } from '../redis/redis.module';
import { ErrorCode } from './error-codes';
import { ProblemException } from './problem';
import { RateLimitCounter } from './rate-limit-counter';

/** Every quota is counted over one window of this length, starting at the caller's first request. */
const WINDOW_SECONDS = 60;

/**
 * Who a request is counted against. A caller with a valid access token spends its account's
 * quota wherever it calls from, so a school behind one NAT address, or a vendor's server acting
 * for many users, is not throttled as one client. Only requests without a valid token fall back
 * to the client IP, as a coarse flood guard. API clients with quotas of their own will be a
 * third kind of caller here.
 */
export interface RateLimitPolicy {
  /** The policy's name in the `RateLimit` and `RateLimit-Policy` headers. */
  name: 'account' | 'anonymous';
  /** The caller within the policy. */
  caller: string;
  /** Requests allowed per window. */
  quota: number;
}

export function rateLimitPolicyOf(
  actor: Actor | undefined,
  ip: string,
  limits: AppConfig['rateLimit'],
): RateLimitPolicy {
  return actor
    ? { name: 'account', caller: actor.accountId, quota: limits.perAccountPerMinute }
    : { name: 'anonymous', caller: ip, quota: limits.anonymousPerIpPerMinute };
}

export interface RateLimitDependencies {
  config: AppConfig;
  redis: Redis;
  /** The actor of a valid bearer token, or undefined (see TokenService.verifyAccessToken). */
  verifyAccessToken(token: string): Actor | undefined;
}

/**
 * Per-caller rate limits, counted in Redis so every API replica shares them (through a
 * RateLimitCounter, which spares most requests the round trip). Every answer carries the
 * IETF httpapi draft's `RateLimit-Policy` and `RateLimit` fields; over the quota the answer
 * is 429 `rate_limit.exceeded` with `Retry-After`. When Redis cannot be reached the request
 * is let through: a limit is not worth an outage.
 */
export function registerRateLimit(fastify: FastifyInstance, deps: RateLimitDependencies): void {
  const counter = new RateLimitCounter(deps.redis, WINDOW_SECONDS * 1000, (error) =>
    fastify.log.warn({ err: error }, 'rate limit counts not shared: Redis unavailable'),
  );
  fastify.addHook('onClose', () => counter.close());
  const { rateLimit } = deps.config;
  // The policy headers are the same for every answer of a policy: made once.
  const policyHeaders = {
    account: `"account";q=${rateLimit.perAccountPerMinute};w=${WINDOW_SECONDS}`,
    anonymous: `"anonymous";q=${rateLimit.anonymousPerIpPerMinute};w=${WINDOW_SECONDS}`,
  };

  fastify.addHook('onRequest', async (request, reply) => {
    const actor = tokenActorOf(request, (token) => deps.verifyAccessToken(token));
    const policy = rateLimitPolicyOf(actor, request.ip, rateLimit);
    let count: number;
    let ttlMs: number;
    try {
      ({ count, ttlMs } = await counter.spend(
        redisKey(deps.config, 'rate-limit', policy.name, policy.caller),
        policy.quota,
      ));
    } catch (error) {
      request.log.warn({ err: error }, 'rate limit skipped: Redis unavailable');
      return;
    }
    const resetSeconds = Math.max(1, Math.ceil(ttlMs / 1000));
    const remaining = Math.max(0, policy.quota - count);
    void reply.header('ratelimit-policy', policyHeaders[policy.name]);
    void reply.header('ratelimit', `"${policy.name}";r=${remaining};t=${resetSeconds}`);
    if (count > policy.quota) {
      throw new ProblemException(
        HttpStatus.TOO_MANY_REQUESTS,
        ErrorCode.rateLimited,
        'Too many requests',
        policy.name === 'account'
          ? `This account's limit of ${policy.quota} requests per minute is used up; retry in ${resetSeconds} s.`
          : `The limit of ${policy.quota} requests per minute without a valid access token is used up for this address; retry in ${resetSeconds} s.`,
        { retryAfter: resetSeconds },
      );
    }
  });
}

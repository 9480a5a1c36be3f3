import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AppAbility } from '../policy/subjects';
import type { Actor } from './actor';

/** What the guards attach to an authenticated request. */
export interface RequestIdentity {
  actor: Actor;
  ability: AppAbility;
}

const IDENTITY = Symbol('identity');
const TOKEN_ACTOR = Symbol('token-actor');

/**
 * The actor of the request's `Authorization: Bearer` token, or undefined when there is none
 * or it is not valid. Verified once per request: the rate limit needs it before the auth guard.
 */
export function tokenActorOf(
  request: FastifyRequest,
  verify: (token: string) => Actor | undefined,
): Actor | undefined {
  const memo = request as unknown as Record<symbol, Actor | null | undefined>;
  if (memo[TOKEN_ACTOR] !== undefined) return memo[TOKEN_ACTOR] ?? undefined;
  const [scheme, token] = (request.headers.authorization ?? '').split(' ');
  const actor = scheme?.toLowerCase() === 'bearer' && token ? verify(token) : undefined;
  memo[TOKEN_ACTOR] = actor ?? null;
  return actor;
}

export function attachIdentity(request: FastifyRequest, identity: RequestIdentity): void {
  (request as unknown as Record<symbol, RequestIdentity>)[IDENTITY] = identity;
}

export function findIdentity(request: FastifyRequest): RequestIdentity | undefined {
  return (request as unknown as Record<symbol, RequestIdentity | undefined>)[IDENTITY];
}

export function identityOf(request: FastifyRequest): RequestIdentity {
  const identity = findIdentity(request);
  if (!identity) throw new Error('No identity on this request: is the handler @Public()?');
  return identity;
}

/** The caller's account and grants. */
export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor =>
    identityOf(context.switchToHttp().getRequest<FastifyRequest>()).actor,
);

/** What the caller may do, for scoping queries and checking objects. */
export const CurrentAbility = createParamDecorator(
  (_: unknown, context: ExecutionContext): AppAbility =>
    identityOf(context.switchToHttp().getRequest<FastifyRequest>()).ability,
);

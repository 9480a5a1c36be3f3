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

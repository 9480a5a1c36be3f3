import { HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '../http/error-codes';
import { ProblemException } from '../http/problem';
import { AbilityService } from '../policy/ability.service';
import { ActorScopesService } from '../policy/actor-scopes.service';
import { callContext } from '../request-context/call-context';
import { IS_PUBLIC } from './public.decorator';
import { attachIdentity, tokenActorOf } from './request-identity';
import { TokenService } from './token.service';

/**
 * First global guard: every route needs a valid bearer token unless it is `@Public()`.
 * It attaches the actor and their ability for the policy guard and the handler.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly abilities: AbilityService,
    private readonly scopes: ActorScopesService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const actor = tokenActorOf(request, (token) => this.tokens.verifyAccessToken(token));
    if (!actor) {
      throw new ProblemException(
        HttpStatus.UNAUTHORIZED,
        ErrorCode.unauthenticated,
        'Unauthenticated',
        'Send a valid access token: Authorization: Bearer <token>.',
      );
    }
    const scopes = await this.scopes.load(actor);
    attachIdentity(request, { actor, ability: this.abilities.abilityOf(actor, scopes) });
    const call = callContext.current();
    if (call) call.actor = actor;
    return true;
  }
}

import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC } from '../auth/public.decorator';
import { identityOf } from '../auth/request-identity';
import { ProblemException } from '../http/problem';
import { REQUIRED_PERMISSION, type RequiredPermission } from './can.decorator';

/**
 * Second global guard: checks the handler's `@Can(action, subject)` against the caller's
 * rules for the subject *type*. Which objects are affected is decided by the service, in SQL,
 * from the same rules. Reads always pass here: a caller without read rules gets an empty
 * list or a 404, never a hint that the object exists. Writes to an object the caller cannot
 * even read answer 404 for the same reason; otherwise a forbidden write answers 403.
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const required = this.reflector.get<RequiredPermission | undefined>(
      REQUIRED_PERMISSION,
      context.getHandler(),
    );
    // The startup check makes this unreachable; fail closed all the same.
    if (!required) throw ProblemException.forbidden('This operation declares no permission.');
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const { ability } = identityOf(request);
    if (required.action === 'read' || ability.can(required.action, required.subject)) return true;
    const targetsOneObject = typeof (request.params as Record<string, unknown>)?.id === 'string';
    if (targetsOneObject && !ability.can('read', required.subject))
      throw ProblemException.notFound();
    throw ProblemException.forbidden(`You may not ${required.action} ${required.subject} objects.`);
  }
}

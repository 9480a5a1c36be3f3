import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';
import type { Actor, Grant } from '../auth/actor';
import type { Role } from '../auth/roles';
import type { ActorScopes } from './actor-scopes';
import type { Action, Subject } from './subjects';

/** Conditions in the entity's MikroORM query language, e.g. `{ schoolId: grant.schoolId }`. */
export type Conditions = Record<string, unknown>;

export type Allow = (
  action: Action | readonly Action[],
  subject: Subject | readonly Subject[],
  conditions?: Conditions,
) => void;

/**
 * The rules one module contributes. Nothing is allowed unless some module's policy allows
 * it; rules are only ever additive (no `cannot`), so reading one policy file tells the
 * whole story of its subjects.
 */
export interface ModulePolicy {
  /** Rules for a role the actor holds, once per grant (role × school or region). */
  readonly roles?: Partial<
    Record<Role, (allow: Allow, grant: Grant, actor: Actor, scopes: ActorScopes) => void>
  >;
  /** Rules every signed-in account has, whatever its roles. */
  everyone?(allow: Allow, actor: Actor): void;
  /** Rules of platform operators, who manage regions and schools, not school data. */
  platformOperator?(allow: Allow, actor: Actor): void;
}

export const MODULE_POLICY = Symbol('modulePolicy');

/** Marks a provider as a module policy; the ability factory finds every one at boot. */
export function Policy(): ClassDecorator {
  return applyDecorators(Injectable(), SetMetadata(MODULE_POLICY, true));
}

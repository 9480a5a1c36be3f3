import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import type { Role } from '../auth/roles';

/**
 * How the caller's account relates to the people and classes of its schools, loaded per
 * request for the roles whose rights depend on it. Policies turn these id lists into plain
 * `$in` conditions, so one rule still filters a list in SQL and guards a single object.
 */
export interface ActorScopes {
  /** Person cards that are this account (a student's own card, a parent's, a staff card). */
  personIds: string[];
  /** Students whose parent (legal representative) this account is. */
  childIds: string[];
  /** Classes this account's own student card was ever enrolled in. */
  ownClassIds: string[];
  /** Classes this account's children were ever enrolled in. */
  childClassIds: string[];
  /** Classes this account leads as class teacher. */
  ledClassIds: string[];
  /** Classes this account teaches a subject in (or leads: a class teacher knows their class). */
  taughtClassIds: string[];
}

export const NO_SCOPES: ActorScopes = Object.freeze({
  personIds: [],
  childIds: [],
  ownClassIds: [],
  childClassIds: [],
  ledClassIds: [],
  taughtClassIds: [],
});

/** Roles whose rights reach only some people or classes of their school. */
export const SCOPED_ROLES: ReadonlySet<Role> = new Set(['teacher', 'student', 'parent']);

/** Loads (part of) an actor's scopes; the people module provides one. */
export interface ActorScopeSource {
  load(actor: Actor): Promise<Partial<ActorScopes>>;
}

export const ACTOR_SCOPE_SOURCE = Symbol('actorScopeSource');

/** Marks a provider as an ActorScopeSource; every one found at boot contributes. */
export function ScopeSource(): ClassDecorator {
  return applyDecorators(Injectable(), SetMetadata(ACTOR_SCOPE_SOURCE, true));
}

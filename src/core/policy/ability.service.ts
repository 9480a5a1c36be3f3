import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import type { Actor } from '../auth/actor';
import { providersMarkedWith } from '../discovery/marked-providers';
import { MODULE_POLICY, type Allow, type ModulePolicy } from './module-policy';
import { NO_SCOPES, type ActorScopes } from './actor-scopes';
import type { Action, AppAbility, Subject } from './subjects';

/** Builds what an actor may do from the rules of every module policy. */
@Injectable()
export class AbilityService implements OnModuleInit {
  private policies: ModulePolicy[] = [];
  /**
   * The ability last built for an actor object (TokenService answers the same frozen actor
   * for every request with the same token) and the scopes it was built from (the scope
   * cache answers the same object until it reloads them). Rules are a pure function of the
   * two, so while both are the same the ability is too.
   */
  private readonly built = new WeakMap<Actor, { scopes: ActorScopes; ability: AppAbility }>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    this.policies = providersMarkedWith<ModulePolicy>(this.discovery, MODULE_POLICY);
  }

  /** The actor's ability, built once per actor object and scopes object. */
  abilityOf(actor: Actor, scopes: ActorScopes): AppAbility {
    const known = this.built.get(actor);
    if (known?.scopes === scopes) return known.ability;
    const ability = this.createFor(actor, scopes);
    this.built.set(actor, { scopes, ability });
    return ability;
  }

  createFor(actor: Actor | undefined, scopes: ActorScopes = NO_SCOPES): AppAbility {
    const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
    const allow: Allow = (action, subject, conditions) => {
      builder.can(action as Action[], subject as Subject[], conditions as never);
    };
    if (actor) {
      for (const policy of this.policies) {
        policy.everyone?.(allow, actor);
        if (actor.isPlatformOperator) policy.platformOperator?.(allow, actor);
        for (const grant of actor.grants) policy.roles?.[grant.role]?.(allow, grant, actor, scopes);
      }
    }
    return builder.build();
  }
}

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
export class AbilityFactory implements OnModuleInit {
  private policies: ModulePolicy[] = [];

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    this.policies = providersMarkedWith<ModulePolicy>(this.discovery, MODULE_POLICY);
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

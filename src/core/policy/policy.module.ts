import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AbilityFactory } from './ability.factory';
import { ActorScopesLoader } from './actor-scopes';
import { RoutePermissionCheck } from './route-permission.check';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [AbilityFactory, ActorScopesLoader, RoutePermissionCheck],
  exports: [AbilityFactory, ActorScopesLoader],
})
export class PolicyModule {}

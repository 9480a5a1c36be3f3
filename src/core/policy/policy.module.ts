import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AbilityService } from './ability.service';
import { ActorScopesService } from './actor-scopes.service';
import { RoutePermissionCheckService } from './route-permission-check.service';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [AbilityService, ActorScopesService, RoutePermissionCheckService],
  exports: [AbilityService, ActorScopesService],
})
export class PolicyModule {}

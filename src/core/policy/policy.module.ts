import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AbilityFactory } from './ability.factory';
import { RoutePermissionCheck } from './route-permission.check';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [AbilityFactory, RoutePermissionCheck],
  exports: [AbilityFactory],
})
export class PolicyModule {}

import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { RegionsController, SchoolsController } from './tenancy.controller';
import { TenancyPolicy } from './tenancy.policy';
import { TenancyService } from './tenancy.service';

@Module({
  imports: [DiscoveryModule],
  controllers: [RegionsController, SchoolsController],
  providers: [TenancyService, TenancyPolicy],
  exports: [TenancyService],
})
export class TenancyModule {}

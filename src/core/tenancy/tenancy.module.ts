import { Module } from '@nestjs/common';
import { RegionsController, SchoolsController } from './tenancy.controller';
import { TenancyPolicy } from './tenancy.policy';
import { TenancyService } from './tenancy.service';

@Module({
  controllers: [RegionsController, SchoolsController],
  providers: [TenancyService, TenancyPolicy],
  exports: [TenancyService],
})
export class TenancyModule {}

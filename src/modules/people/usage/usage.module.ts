import { Module } from '@nestjs/common';
import { UsageController } from './usage.controller';
import { UsageService } from './usage.service';

/** Usage monitoring (P8): last logins of a school's accounts, inactive parents of a class. */
@Module({
  controllers: [UsageController],
  providers: [UsageService],
})
export class UsageModule {}

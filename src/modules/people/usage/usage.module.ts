import { Module } from '@nestjs/common';
import { ClassesModule } from '../../classes/classes.module';
import { UsageController } from './usage.controller';
import { UsageService } from './usage.service';

/** Usage monitoring (P8): last logins of a school's accounts, inactive parents of a class. */
@Module({
  imports: [ClassesModule],
  controllers: [UsageController],
  providers: [UsageService],
})
export class UsageModule {}

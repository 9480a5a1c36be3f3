import { Module } from '@nestjs/common';
import { AccountsController } from './accounts.controller';
import { AccountsPolicy } from './accounts.policy';
import { AccountsService } from './accounts.service';

@Module({
  controllers: [AccountsController],
  providers: [AccountsService, AccountsPolicy],
})
export class AccountsModule {}

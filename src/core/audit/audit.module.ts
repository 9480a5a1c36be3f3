import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditPolicy } from './audit.policy';
import { AuditService } from './audit.service';

@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditPolicy],
})
export class AuditModule {}

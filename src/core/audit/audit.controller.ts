import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentAbility } from '../auth/request-identity';
import { Endpoint } from '../http/endpoint.decorator';
import { PageOf, type Page } from '../http/pagination';
import type { AppAbility } from '../policy/subjects';
import { AuditEventDto, ListAuditEventsQueryDto } from './dto/audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Endpoint({
    summary: 'List changes made through the API, newest first',
    description: 'Who changed what, when, from which value to which, and why. Append-only.',
    permission: ['read', 'AuditEvent'],
    response: PageOf(AuditEventDto),
  })
  listAuditEvents(
    @CurrentAbility() ability: AppAbility,
    @Query() query: ListAuditEventsQueryDto,
  ): Promise<Page<AuditEventDto>> {
    return this.audit.list(ability, query);
  }
}

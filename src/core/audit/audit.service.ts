import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { findPage, mapPage, type Page } from '../http/pagination';
import { accessibleWhere } from '../policy/accessible-where';
import type { AppAbility } from '../policy/subjects';
import { AuditEvent } from './audit-event.entity';
import { AuditEventDto, type ListAuditEventsQueryDto } from './dto/audit.dto';

@Injectable()
export class AuditService {
  constructor(private readonly em: EntityManager) {}

  /** Newest first, filtered in SQL to the schools the caller may audit. */
  async list(ability: AppAbility, query: ListAuditEventsQueryDto): Promise<Page<AuditEventDto>> {
    const filters: FilterQuery<AuditEvent>[] = [
      accessibleWhere<AuditEvent>(ability, 'read', 'AuditEvent'),
    ];
    if (query.schoolId) filters.push({ schoolId: query.schoolId });
    if (query.entity) filters.push({ entity: query.entity });
    if (query.entityId) filters.push({ entityId: query.entityId });
    if (query.actorId) filters.push({ actorId: query.actorId });
    if (query.action) filters.push({ action: query.action });
    if (query.from) filters.push({ occurredAt: { $gte: new Date(query.from) } });
    if (query.to) filters.push({ occurredAt: { $lt: new Date(query.to) } });
    const page = await findPage(this.em, AuditEvent, { $and: filters }, query, 'desc');
    return mapPage(page, AuditEventDto.from);
  }
}

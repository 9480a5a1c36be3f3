import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQueryDto } from '../../http/pagination';
import { AUDIT_ACTIONS, type AuditAction, type AuditEvent } from '../audit-event.entity';

export class AuditEventDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b77' })
  id!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-22T08:01:02.000Z' })
  occurredAt!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b00',
  })
  actorId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b5a' })
  requestId!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b5a',
  })
  schoolId!: string | null;

  @ApiProperty({ example: 'Account' })
  entity!: string;

  @ApiProperty({ example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b01' })
  entityId!: string;

  @ApiProperty({ enum: AUDIT_ACTIONS, example: 'update' })
  action!: AuditAction;

  @ApiProperty({ type: Object, nullable: true, example: { status: 'active' } })
  before!: Record<string, unknown> | null;

  @ApiProperty({ type: Object, nullable: true, example: { status: 'disabled' } })
  after!: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true, example: 'Уволен, приказ № 45-к от 20.11.2026' })
  reason!: string | null;

  static from(event: AuditEvent): AuditEventDto {
    return {
      id: event.id,
      occurredAt: event.occurredAt.toISOString(),
      actorId: event.actorId,
      requestId: event.requestId,
      schoolId: event.schoolId,
      entity: event.entity,
      entityId: event.entityId,
      action: event.action,
      before: event.before,
      after: event.after,
      reason: event.reason,
    };
  }
}

export class ListAuditEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only events of this school.' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ example: 'Account', description: 'Entity name.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  entity?: string;

  @ApiPropertyOptional({ example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b01' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only changes made by this account.' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Events at or after this time.',
    example: '2026-11-01T00:00:00Z',
  })
  @IsOptional()
  @IsDateString()
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Events before this time.',
    example: '2026-12-01T00:00:00Z',
  })
  @IsOptional()
  @IsDateString()
  to?: string;
}

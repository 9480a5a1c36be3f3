import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DependencyHealthDto {
  @ApiProperty({ enum: ['up', 'degraded', 'down'], example: 'up' })
  status!: 'up' | 'degraded' | 'down';

  @ApiProperty({ description: 'Round-trip time of the check.', example: 2 })
  latencyMs!: number;

  @ApiPropertyOptional({ example: 'connect ECONNREFUSED 127.0.0.1:6379' })
  error?: string;

  @ApiPropertyOptional({ example: 'last verified backup 30 h ago (allowed: 360 h)' })
  detail?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Backups only: when the last verified backup finished.',
    example: '2026-11-21T03:00:41.000Z',
  })
  lastVerifiedAt?: string | null;
}

export class HealthDto {
  @ApiProperty({
    enum: ['ok', 'degraded', 'unavailable'],
    description:
      '`unavailable` (503) when a dependency is down; `degraded` (200) when, e.g., backups are overdue.',
    example: 'ok',
  })
  status!: 'ok' | 'degraded' | 'unavailable';

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/DependencyHealthDto' },
    description: 'One entry per dependency: `database`, `redis`, `backups`.',
    example: {
      database: { status: 'up', latencyMs: 2 },
      redis: { status: 'up', latencyMs: 1 },
      backups: { status: 'up', latencyMs: 3, lastVerifiedAt: '2026-11-21T03:00:41.000Z' },
    },
  })
  checks!: Record<string, DependencyHealthDto>;
}

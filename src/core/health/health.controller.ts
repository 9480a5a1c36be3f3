import {
  Controller,
  Get,
  Header,
  HttpStatus,
  Inject,
  Res,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ApiExcludeEndpoint, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyReply } from 'fastify';
import type Redis from 'ioredis';
import { providersMarkedWith } from '../discovery/marked-providers';
import { Endpoint } from '../http/endpoint.decorator';
import { REDIS } from '../redis/redis.module';
import { DependencyHealthDto, HealthDto } from './dto/health.dto';
import {
  HEALTH_INDICATOR,
  type HealthIndicator,
  type HealthIndicatorResult,
} from './health-indicator';
import { MetricsService } from './metrics.service';
import { Public } from '../auth/public.decorator';

const TIMEOUT_MS = 2000;

async function probe(check: () => Promise<unknown>): Promise<DependencyHealthDto> {
  const started = performance.now();
  try {
    const result = await Promise.race([
      check(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref(),
      ),
    ]);
    const reported = (
      result && typeof result === 'object' && 'status' in result ? result : { status: 'up' }
    ) as HealthIndicatorResult;
    return { ...reported, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      status: 'down',
      latencyMs: Math.round(performance.now() - started),
      error: (error as Error).message,
    };
  }
}

@ApiTags('operations')
@ApiExtraModels(DependencyHealthDto)
@Controller()
export class HealthController implements OnModuleInit {
  private indicators: HealthIndicator[] = [];

  constructor(
    private readonly em: EntityManager,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly metrics: MetricsService,
    private readonly discovery: DiscoveryService,
  ) {}

  onModuleInit(): void {
    this.indicators = providersMarkedWith<HealthIndicator>(this.discovery, HEALTH_INDICATOR);
  }

  @Get('health')
  @Endpoint({
    summary: 'Liveness and dependencies',
    description:
      '200 `ok` when every dependency is up; 200 `degraded` when one is degraded (e.g. the last verified backup is too old); 503 `unavailable` (same body) when one is down.',
    permission: 'public',
    response: HealthDto,
    extraResponses: [
      {
        status: HttpStatus.SERVICE_UNAVAILABLE,
        description: 'A dependency is down.',
        type: HealthDto,
      },
    ],
  })
  async getHealth(@Res() reply: FastifyReply): Promise<void> {
    const probes: [string, () => Promise<unknown>][] = [
      ['database', () => this.em.getConnection().execute('select 1')],
      ['redis', () => this.redis.ping()],
      ...this.indicators.map(
        (indicator) =>
          [indicator.name, () => indicator.check()] as [string, () => Promise<unknown>],
      ),
    ];
    const results = await Promise.all(probes.map(([, check]) => probe(check)));
    const checks = Object.fromEntries(probes.map(([name], index) => [name, results[index]]));
    const statuses = results.map((result) => result.status);
    const status = statuses.includes('down')
      ? 'unavailable'
      : statuses.includes('degraded')
        ? 'degraded'
        : 'ok';
    // Sent directly: the status depends on the checks, which a fixed @HttpCode cannot express.
    await reply
      .status(status === 'unavailable' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
      .send({ status, checks } satisfies HealthDto);
  }

  /** Prometheus text format; not part of the JSON contract. */
  @Get('metrics')
  @Public()
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  getMetrics(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

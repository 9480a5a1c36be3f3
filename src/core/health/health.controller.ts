import { Controller, Get, Header, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyReply } from 'fastify';
import type Redis from 'ioredis';
import { Endpoint } from '../http/endpoint.decorator';
import { REDIS } from '../redis/redis.module';
import { HealthDto, type DependencyHealthDto } from './health.dto';
import { MetricsService } from './metrics.service';
import { Public } from '../auth/public.decorator';

const TIMEOUT_MS = 2000;

async function probe(check: () => Promise<unknown>): Promise<DependencyHealthDto> {
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref(),
      ),
    ]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      status: 'down',
      latencyMs: Math.round(performance.now() - started),
      error: (error as Error).message,
    };
  }
}

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly em: EntityManager,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly metrics: MetricsService,
  ) {}

  @Get('health')
  @Endpoint({
    summary: 'Liveness and dependencies',
    description: '200 when PostgreSQL and Redis answer; 503 (same body) when one does not.',
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
    const [database, redis] = await Promise.all([
      probe(() => this.em.getConnection().execute('select 1')),
      probe(() => this.redis.ping()),
    ]);
    const healthy = database.status === 'up' && redis.status === 'up';
    const body: HealthDto = { status: healthy ? 'ok' : 'unavailable', checks: { database, redis } };
    // Sent directly: the status depends on the checks, which a fixed @HttpCode cannot express.
    await reply.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send(body);
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

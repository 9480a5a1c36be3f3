import { Inject, type OnModuleInit } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Gauge } from 'prom-client';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { Clock } from '../../core/clock/clock';
import {
  ReportsHealth,
  type HealthIndicator,
  type HealthIndicatorResult,
} from '../../core/health/health-indicator';
import { MetricsService } from '../../core/health/metrics.service';

/**
 * Reports how old the last verified backup is: `/health` turns degraded past
 * BACKUP_MAX_AGE_HOURS, and `/metrics` exposes the age for alerting.
 */
@ReportsHealth()
export class BackupHealth implements HealthIndicator, OnModuleInit {
  readonly name = 'backups';

  constructor(
    private readonly orm: MikroORM,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const lastVerifiedAt = () => this.lastVerifiedAt();
    const clock = this.clock;
    new Gauge({
      name: 'backup_last_verified_age_seconds',
      help: 'Seconds since the last backup with a verified copy finished (+Inf: none yet)',
      registers: [this.metrics.registry],
      async collect() {
        // A scrape must not fail because the database is down: NaN says "unknown".
        const last = await lastVerifiedAt().catch(() => undefined);
        if (last === undefined) return this.set(NaN);
        this.set(last ? (clock.now().getTime() - last.getTime()) / 1000 : Infinity);
      },
    });
  }

  async lastVerifiedAt(): Promise<Date | null> {
    const [row] = await this.orm.em
      .fork()
      .getConnection()
      .execute<{ last: Date | null }[]>(
        `select max(finished_at) as last from backups
          where status = 'succeeded' and copies @> '[{"state": "verified"}]'`,
      );
    return row?.last ? new Date(row.last) : null;
  }

  async check(): Promise<HealthIndicatorResult> {
    const last = await this.lastVerifiedAt();
    const allowed = this.config.backup.maxAgeHours;
    if (!last)
      return { status: 'degraded', detail: 'no verified backup yet', lastVerifiedAt: null };
    const ageHours = (this.clock.now().getTime() - last.getTime()) / 3_600_000;
    return {
      status: ageHours > allowed ? 'degraded' : 'up',
      detail: `last verified backup ${ageHours.toFixed(1)} h ago (allowed: ${allowed} h)`,
      lastVerifiedAt: last.toISOString(),
    };
  }
}

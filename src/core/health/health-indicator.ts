import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';

export interface HealthIndicatorResult {
  status: 'up' | 'degraded' | 'down';
  detail?: string;
  [extra: string]: unknown;
}

/** Something a module wants `/health` to report on, under `checks[name]`. */
export interface HealthIndicator {
  readonly name: string;
  check(): Promise<HealthIndicatorResult>;
}

export const HEALTH_INDICATOR = Symbol('healthIndicator');

/** Marks a provider as a health indicator; `/health` finds every one at boot. */
export function ReportsHealth(): ClassDecorator {
  return applyDecorators(Injectable(), SetMetadata(HEALTH_INDICATOR, true));
}

import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** The Prometheus registry of this process: Node's defaults plus HTTP request timings. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  /**
   * The histogram's child per method, route and status: looked up by one string instead of
   * prom-client checking and hashing the label object twice per request. Routes are the
   * registered patterns (or `unmatched`), so there are few.
   */
  private readonly byLabels = new Map<string, { observe(seconds: number): void }>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `${status} ${method} ${route}`;
    let child = this.byLabels.get(key);
    if (!child) {
      child = this.httpDuration.labels(method, route, String(status));
      this.byLabels.set(key, child);
    }
    child.observe(seconds);
  }
}

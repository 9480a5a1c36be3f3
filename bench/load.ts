import autocannon from 'autocannon';
import { percentile } from './percentile';
import { pacedLoad } from './paced-load';

/** One request of a scenario; `next()` is called for every request sent (rotation). */
export interface NextRequest {
  method?: 'GET' | 'PUT' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  seconds: number;
  requests: number;
  /** Answers with the expected status (2xx unless the scenario expects another). */
  ok: number;
  /** Answers with another status. */
  unexpected: number;
  /** Connection errors and timeouts. */
  errors: number;
  statusCodes: Record<string, number>;
  /** Expected answers per second. */
  rps: number;
  /** The offered rate of a fixed-rate run (requests/s), undefined at saturation. */
  rate?: number;
  /** At a fixed rate: the p99 from when each request was due (no coordinated omission). */
  p99Corrected?: number;
  /** Latency of every answer, in ms. */
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface LoadOptions {
  seconds: number;
  connections: number;
  /** Offered load in requests/s over all connections; none: as fast as answered (saturation). */
  rate?: number;
  /** The status a scenario answers when it works (200 unless given, e.g. 400 for a refusal). */
  expectStatus?: number;
}

/**
 * Runs autocannon against `origin`, every request made by `next()`, at saturation (each
 * connection sends its next request when the answer arrives); a fixed offered rate is an
 * open-loop run of `pacedLoad`.
 * Latencies are taken from every answer (autocannon's own histogram has no p95).
 */
export function load(
  origin: string,
  next: () => NextRequest,
  { seconds, connections, rate, expectStatus }: LoadOptions,
): Promise<LoadResult> {
  if (rate) return pacedLoad(origin, next, { seconds, rate, expectStatus });
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: origin,
        connections,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            setupRequest: (request) => {
              const { method = 'GET', path, headers = {}, body } = next();
              return {
                ...request,
                method,
                path,
                headers: body ? { ...headers, 'content-type': 'application/json' } : headers,
                body,
              };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        latencies.sort((a, b) => a - b);
        const ok = expectStatus ? (statusCodes[expectStatus] ?? 0) : result['2xx'];
        resolve({
          seconds: result.duration,
          requests: latencies.length,
          ok,
          unexpected: latencies.length - ok,
          errors: result.errors,
          statusCodes,
          rps: ok / result.duration,
          mean: latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1),
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          max: latencies.at(-1) ?? NaN,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    });
  });
}

import autocannon from 'autocannon';

/** One request of a scenario; `next()` is called for every request sent (rotation). */
export interface NextRequest {
  method?: 'GET' | 'PUT';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  seconds: number;
  requests: number;
  /** 2xx answers. */
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  statusCodes: Record<string, number>;
  /** 2xx answers per second. */
  rps: number;
  /** Latency of every answer, in ms. */
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

/**
 * Runs autocannon against `origin` for `seconds` with `connections` connections, every
 * request made by `next()`. Latencies are taken from every answer (autocannon's own
 * histogram has no p95).
 */
export function load(
  origin: string,
  next: () => NextRequest,
  seconds: number,
  connections: number,
): Promise<LoadResult> {
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
        const ok = result['2xx'];
        resolve({
          seconds: result.duration,
          requests: latencies.length,
          ok,
          non2xx: result.non2xx,
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

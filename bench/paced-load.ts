import http from 'node:http';
import { percentile } from './percentile';
import type { LoadResult, NextRequest } from './load';

/** More sockets than a server on 2 cores can use: beyond it, requests wait in the agent. */
const MAX_SOCKETS = 256;

/**
 * An open-loop load at a fixed arrival rate: request i is sent at start + i / rate whether or
 * not earlier ones were answered. (autocannon's `overallRate` is not that: each connection
 * sends its quota back to back at the start of every second, so "half the maximum" arrived as
 * bursts of 50 simultaneous requests and measured a queue.) `p99Corrected` runs from the
 * moment a request was due, so a server that falls behind is charged for the wait
 * (no coordinated omission); p50/p95/p99 run from when it was handed to the socket pool.
 */
export async function pacedLoad(
  origin: string,
  next: () => NextRequest,
  { seconds, rate, expectStatus }: { seconds: number; rate: number; expectStatus?: number },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
  const fromSend: number[] = [];
  const fromDue: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const total = Math.max(1, Math.round(rate * seconds));
  const start = performance.now();
  const dueAt = (i: number) => start + (i * 1000) / rate;

  const fire = (due: number) =>
    new Promise<void>((resolve) => {
      const { method = 'GET', path, headers = {}, body } = next();
      const sent = performance.now();
      const request = http.request(
        new URL(path, origin),
        {
          method,
          agent,
          timeout: 30_000,
          headers: body ? { ...headers, 'content-type': 'application/json' } : headers,
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            const done = performance.now();
            fromSend.push(done - sent);
            fromDue.push(done - due);
            const code = String(response.statusCode);
            statusCodes[code] = (statusCodes[code] ?? 0) + 1;
            resolve();
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.on('error', () => {
        errors += 1;
        resolve();
      });
      request.end(body);
    });

  await new Promise<void>((resolve) => {
    let sent = 0;
    const tick = () => {
      const now = performance.now();
      while (sent < total && dueAt(sent) <= now) inFlight.push(fire(dueAt(sent++)));
      if (sent >= total) return resolve();
      setTimeout(tick, Math.max(0, dueAt(sent) - performance.now()));
    };
    tick();
  });
  await Promise.all(inFlight);
  const took = (performance.now() - start) / 1000;
  agent.destroy();

  fromSend.sort((a, b) => a - b);
  fromDue.sort((a, b) => a - b);
  const ok = expectStatus
    ? (statusCodes[expectStatus] ?? 0)
    : Object.entries(statusCodes)
        .filter(([code]) => code.startsWith('2'))
        .reduce((sum, [, count]) => sum + count, 0);
  return {
    seconds: took,
    requests: fromSend.length,
    ok,
    unexpected: fromSend.length - ok,
    errors,
    statusCodes,
    rps: ok / took,
    rate,
    p99Corrected: percentile(fromDue, 99),
    mean: fromSend.reduce((a, b) => a + b, 0) / (fromSend.length || 1),
    p50: percentile(fromSend, 50),
    p95: percentile(fromSend, 95),
    p99: percentile(fromSend, 99),
    max: fromSend.at(-1) ?? NaN,
  };
}

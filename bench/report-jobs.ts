import type { Client } from 'pg';
import { sleep } from './processes';
import { send } from './send';

/** One report as a client asks for it (`POST /v1/reports`). */
export interface ReportRequest {
  type: string;
  format: string;
  params: Record<string, unknown>;
}

/** The type is not on this branch yet: the API refused `type` itself (400 request.invalid). */
export class TypeNotAvailable extends Error {}

interface ReportAnswer {
  id: string;
  status: string;
  cached: boolean;
  problem?: { detail?: string } | null;
}

/** Waiting longer than this for one report means something is stuck, not slow. */
const DONE_TIMEOUT_MS = 120_000;

/**
 * A client of the reports API as the bench uses it: asks for a report, polls until it is done,
 * and defeats the cache, so every timed build is a real one. The cache reuses a `done` row of
 * equal cache key (docs/reports.md), so once a report is done and timed its finished rows of
 * that key are deleted from the bench database; an answer that still comes back cached is
 * dropped and asked again.
 */
export class ReportJobs {
  /** Every report row this run created, deleted at the end. */
  private readonly created = new Set<string>();
  cachedRetries = 0;

  constructor(
    private readonly origin: string,
    private readonly headers: Record<string, string>,
    private readonly db: Client,
  ) {}

  /** Milliseconds from the `POST` to the first poll that sees `done` (polling every pollMs). */
  async build(request: ReportRequest, pollMs: number): Promise<number> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const started = performance.now();
      const answer = await this.post(request);
      if (answer.cached) {
        this.cachedRetries += 1;
        await this.forget(answer.id);
        continue;
      }
      await this.waitDone(answer.id, pollMs);
      const took = performance.now() - started;
      await this.forget(answer.id);
      return took;
    }
    throw new Error(`${request.type}: every answer came from the cache`);
  }

  private async post(request: ReportRequest): Promise<ReportAnswer> {
    const sent = await send(this.origin, {
      method: 'POST',
      path: '/v1/reports',
      headers: this.headers,
      body: JSON.stringify(request),
    });
    const body = sent.body as ReportAnswer & { errors?: { field: string }[] };
    if (sent.status === 400 && body.errors?.some((e) => e.field === 'type')) {
      throw new TypeNotAvailable(`${request.type}: ${sent.detail}`);
    }
    if (sent.status !== 202 && sent.status !== 200) {
      throw new Error(`POST /v1/reports ${request.type} answered ${sent.status}: ${sent.detail}`);
    }
    this.created.add(body.id);
    return body;
  }

  private async waitDone(id: string, pollMs: number): Promise<void> {
    const deadline = performance.now() + DONE_TIMEOUT_MS;
    while (performance.now() < deadline) {
      const sent = await send(this.origin, { path: `/v1/reports/${id}`, headers: this.headers });
      const report = sent.body as ReportAnswer;
      if (!sent.ok)
        throw new Error(`GET /v1/reports/${id} answered ${sent.status}: ${sent.detail}`);
      if (report.status === 'done') return;
      if (report.status === 'failed') {
        throw new Error(`report ${id} failed: ${report.problem?.detail ?? 'no reason given'}`);
      }
      await sleep(pollMs);
    }
    throw new Error(`report ${id} was not done within ${DONE_TIMEOUT_MS / 1000} s`);
  }

  /**
   * Takes the finished rows of the report's cache key out of the cache, so an equal request
   * builds anew. The rows stay: another slot may still be polling a report answered from them.
   */
  private async forget(id: string): Promise<void> {
    await this.db.query(
      `update reports set cache_key = cache_key || ':bench-forgotten'
        where status = 'done' and cache_key = (select cache_key from reports where id = $1)`,
      [id],
    );
  }

  /** Reports of this run being built right now (the worker's side of "in flight"). */
  async building(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      `select count(*)::int as n from reports where status = 'running' and id = any ($1::uuid[])`,
      [[...this.created]],
    );
    return rows[0].n;
  }

  /** Removes every row this run created (their files go with the temporary REPORTS_DIR). */
  async cleanUp(): Promise<void> {
    await this.db.query(`delete from reports where id = any ($1::uuid[])`, [[...this.created]]);
    this.created.clear();
  }
}

/**
 * Keeps `inFlight` reports asked for until `stop()`: each slot asks for the next request of the
 * rotation as soon as its report is done. `stop()` asks for no more and waits for those running.
 */
export function keepInFlight(
  jobs: ReportJobs,
  next: () => ReportRequest,
  inFlight: number,
  pollMs: number,
): {
  built: () => number;
  stopped: () => boolean;
  stop: () => Promise<{ built: number; errors: string[] }>;
} {
  let stopping = false;
  let built = 0;
  const errors: string[] = [];
  const slot = async () => {
    while (!stopping) {
      try {
        await jobs.build(next(), pollMs);
        built += 1;
      } catch (error) {
        errors.push((error as Error).message);
        if (errors.length > 20) return;
      }
    }
  };
  const slots = Array.from({ length: inFlight }, slot);
  return {
    built: () => built,
    stopped: () => stopping,
    stop: async () => {
      stopping = true;
      await Promise.all(slots);
      return { built, errors };
    },
  };
}

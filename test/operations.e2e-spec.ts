import { startTestApp, type TestApp } from './support/test-app';

describe('operations endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports PostgreSQL and Redis as up on /health, and degraded while no backup was verified', async () => {
    const health = await t.http().get('/health').expect(200);
    expect(health.body).toEqual({
      status: 'degraded',
      checks: {
        database: { status: 'up', latencyMs: expect.any(Number) },
        redis: { status: 'up', latencyMs: expect.any(Number) },
        backups: {
          status: 'degraded',
          latencyMs: expect.any(Number),
          detail: 'no verified backup yet',
          lastVerifiedAt: null,
        },
      },
    });
  });

  it('exposes Prometheus metrics with request timings per route', async () => {
    await t.http().get('/v1/me').expect(401);
    const metrics = await t.http().get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/v1\/me",status="401"\} [1-9]/,
    );
    expect(metrics.text).toContain('process_cpu_user_seconds_total');
    // No verified backup yet: the age is infinite, so an age alert fires rather than looking fresh.
    expect(metrics.text).toMatch(/^backup_last_verified_age_seconds \+Inf$/m);
  });

  it('serves the contract and the interactive docs', async () => {
    const contract = await t.http().get('/openapi.json').expect(200);
    expect(contract.body.openapi).toMatch(/^3\./);
    expect(contract.body.paths['/v1/auth/login'].post.operationId).toBe('login');
    const docs = await t.http().get('/docs').expect(200);
    expect(docs.text).toContain('swagger-ui');
  });
});

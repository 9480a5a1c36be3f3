import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { createSchool, createUser, type TestUser } from './support/factories';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

/** Answers Fastify's router or Node's HTTP parser give before any code of ours runs. */
describe('errors raised by the framework are problem documents too', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createUser(t, { roles: [{ role: 'admin', school: await createSchool(t) }] });
  });
  afterAll(() => t.close());

  it('answers a path parameter over 100 characters with 414 request.uri_too_long', async () => {
    const id = 'a'.repeat(101);
    const response = await t.http().get(`/v1/lessons/${id}`).set(admin.auth);
    const body = expectProblem(response, 414, 'request.uri_too_long');
    expect(body.detail).toBe('A path segment is longer than 100 characters.');
    expect(body.requestId).toBe(response.headers['x-request-id']);
    expect(JSON.stringify(body)).not.toContain('FST_ERR');
  });

  it('answers a URL that is not validly percent-encoded with 400 request.malformed', async () => {
    const response = await t.http().get('/v1/lessons/%ZZ').set(admin.auth);
    const body = expectProblem(response, 400, 'request.malformed');
    expect(body).toMatchObject({
      detail: 'The URL is not validly percent-encoded.',
      instance: '/v1/lessons/%ZZ',
    });
    expect(JSON.stringify(body)).not.toContain('FST_ERR');
  });

  it('answers a known path called with another method with 405 and Allow', async () => {
    const response = await t.http().put('/v1/accounts').set(admin.auth).send({});
    const body = expectProblem(response, 405, 'route.method_not_allowed');
    expect(response.headers.allow).toBe('GET, HEAD, POST');
    expect(body.detail).toBe('PUT is not allowed here; this path answers GET, HEAD, POST.');

    const withId = await t
      .http()
      .delete('/v1/accounts/0193a1f2-7c1d-7b43-9c55-1f0e2d3c4f11')
      .set(admin.auth);
    expectProblem(withId, 405, 'route.method_not_allowed');
    expect(withId.headers.allow).toBe('GET, HEAD, PATCH');
  });

  it('still answers 404 for a path no route has, whatever the method', async () => {
    for (const method of ['get', 'delete'] as const) {
      const response = await t.http()[method]('/v1/no-such-thing').set(admin.auth);
      expectProblem(response, 404, 'route.not_found');
      expect(response.headers.allow).toBeUndefined();
    }
    // A trailing slash is another path for the router: not found, not "method not allowed".
    expectProblem(await t.http().get('/v1/accounts/').set(admin.auth), 404, 'route.not_found');
  });

  it('answers headers larger than Node accepts with 431 request.headers_too_large', async () => {
    const server = t.app.getHttpServer().listen(0, '127.0.0.1');
    try {
      await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1');
        let received = '';
        socket.on('data', (chunk) => (received += chunk.toString('utf8')));
        socket.on('close', () => resolve(received));
        socket.on('error', reject);
        socket.write(
          `GET /v1/me HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'x'.repeat(20_000)}\r\n\r\n`,
        );
      });
      const [head, body] = raw.split('\r\n\r\n');
      expect(head.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
      expect(head).toMatch(/^content-type: application\/problem\+json$/im);
      const problem = JSON.parse(body) as Record<string, unknown>;
      expect(problem).toEqual({
        type: 'urn:school-journal:problem:request.headers_too_large',
        title: 'Request headers too large',
        status: 431,
        code: 'request.headers_too_large',
        detail: 'The request headers (with the URL) are larger than the server accepts.',
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(head).toContain(`X-Request-Id: ${problem.requestId as string}`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

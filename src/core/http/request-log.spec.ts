import Fastify, { type FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { noteProblemCode, OneLinePerRequest } from './request-log';

describe('OneLinePerRequest', () => {
  it('logs one record per request, with the problem code of a failed one', async () => {
    const records: Record<string, unknown>[] = [];
    const logger: FastifyBaseLogger = pino(
      { level: 'info' },
      { write: (line: string) => records.push(JSON.parse(line) as Record<string, unknown>) },
    );
    const fastify = Fastify({
      loggerInstance: logger,
      logController: new OneLinePerRequest(),
    });
    fastify.get('/ok', () => ({ ok: true }));
    fastify.get('/taken', (request, reply) => {
      noteProblemCode(request, 'login.taken');
      return reply
        .code(409)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send({ status: 409, code: 'login.taken', title: 'Conflict' });
    });
    await fastify.ready();
    records.length = 0;

    await fastify.inject({ method: 'GET', url: '/ok?x=1' });
    await fastify.inject({ method: 'GET', url: '/taken' });
    await fastify.close();

    const requests = records.filter((r) => 'reqId' in r);
    expect(requests).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'request completed',
        method: 'GET',
        url: '/ok?x=1',
        statusCode: 200,
        responseTime: expect.any(Number),
      }),
      expect.objectContaining({ url: '/taken', statusCode: 409, problem: 'login.taken' }),
    ]);
    expect(requests[0]).not.toHaveProperty('problem');
  });
});

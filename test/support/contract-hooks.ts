import type { Middleware } from 'openapi-fetch';
import type request from 'supertest';
import type { Response } from 'supertest';
import { committedContract } from './contract-validator';

type Agent = ReturnType<typeof request>;
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'options', 'head']);

/**
 * A supertest agent whose every answer is also checked against the committed contract:
 * a drift fails the request's `await` (before the test's own `expect`s), naming the
 * operation and the schema paths that broke.
 */
export function contractCheckedAgent(agent: Agent): Agent {
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof property !== 'string' || !METHODS.has(property) || typeof value !== 'function')
        return value;
      return (url: string) => {
        const test = (value as (url: string) => ReturnType<Agent['get']>).call(target, url);
        return test.expect((res: Response) =>
          committedContract().assert(property, url, {
            status: res.status,
            contentType: res.headers['content-type'],
            // A test's own parser (e.g. for PDFs) leaves the bytes, or what it parsed, in `body`.
            text:
              typeof res.text === 'string'
                ? res.text
                : Buffer.isBuffer(res.body)
                  ? res.body.toString('utf8')
                  : res.body === undefined
                    ? undefined
                    : JSON.stringify(res.body),
          }),
        );
      };
    },
  });
}

/** The same check for clients of the generated SDK (openapi-fetch). */
export const contractMiddleware: Middleware = {
  async onResponse({ request, response }) {
    committedContract().assert(request.method, request.url, {
      status: response.status,
      contentType: response.headers.get('content-type') ?? undefined,
      text: await response.clone().text(),
    });
    return undefined;
  },
};

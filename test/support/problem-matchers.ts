import type { Response } from 'supertest';

/** Asserts an RFC 9457 answer with the given status and code, and returns its body. */
export function expectProblem(
  response: Response,
  status: number,
  code: string,
): Record<string, unknown> {
  expect({ status: response.status, code: (response.body as { code?: string }).code }).toEqual({
    status,
    code,
  });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code, type: `urn:school-journal:problem:${code}` });
  return response.body as Record<string, unknown>;
}

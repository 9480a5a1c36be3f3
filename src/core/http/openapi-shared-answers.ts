import { getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ProblemDto } from './problem.dto';

const problem = (description: string, extra: Partial<ResponseObject> = {}): ResponseObject => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
  ...extra,
});

const RETRY_AFTER = {
  description: 'Seconds to wait before the next request.',
  schema: { type: 'integer', minimum: 1, example: 42 },
};

/** Answers given by the HTTP layer, not a handler: defined once, referred to by status. */
const SHARED_ANSWERS: Record<string, [name: string, response: ResponseObject]> = {
  '413': ['PayloadTooLarge', problem('The body is larger than the server accepts.')],
  '414': [
    'UriTooLong',
    problem('A path parameter is longer than 100 characters (`request.uri_too_long`).'),
  ],
  '415': ['UnsupportedMediaType', problem('The body’s content type is not accepted.')],
  '429': [
    'TooManyRequests',
    problem(
      'Rate limited: the caller’s quota is used up (per account with a valid access token, else per client IP); retry after `Retry-After` seconds. Every answer, not only this one, carries `RateLimit-Policy` and `RateLimit` (core/http/rate-limit.ts).',
      {
        headers: {
          'Retry-After': RETRY_AFTER,
          'RateLimit-Policy': {
            description:
              'The caller’s policy: `"account"` (per account) or `"anonymous"` (per client IP), with `q` requests per `w` seconds.',
            schema: { type: 'string', example: '"account";q=1200;w=60' },
          },
          RateLimit: {
            description: 'What is left of the quota: `r` requests, reset in `t` seconds.',
            schema: { type: 'string', example: '"account";r=0;t=42' },
          },
        },
      },
    ),
  ],
  '500': ['InternalError', problem('An unexpected error; quote `requestId` to the operator.')],
  '503': [
    'ServiceBusy',
    problem(
      'Busy (`service.busy`): concurrent changes kept colliding or the database timed out; nothing was changed. Retry after `Retry-After` seconds.',
      { headers: { 'Retry-After': RETRY_AFTER } },
    ),
  ],
};

/**
 * Answers that come from the HTTP layer rather than a handler, so every operation of a kind
 * can give them: a conditional GET's 304 (core/http/conditional-requests.ts), a path parameter
 * too long for the router, a body that is too large or of another type, the rate limit's 429,
 * the unexpected 500 and the busy database's 503. Each problem
 * answer is one shared component, so the contract says it once.
 */
export function documentSharedAnswers(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, OperationObject>)) {
      if (typeof operation !== 'object' || !operation.responses) continue;
      const responses = operation.responses;
      const json = (responses['200'] as ResponseObject | undefined)?.content;
      if (method === 'get' && json && 'application/json' in json) {
        responses['304'] ??= {
          description: 'Not modified: `If-None-Match` holds the current ETag.',
        };
        operation.parameters = [
          ...(operation.parameters ?? []),
          {
            name: 'If-None-Match',
            in: 'header',
            required: false,
            description: 'The ETag last read; an unchanged answer is a 304 without a body.',
            schema: { type: 'string', example: 'W/"3q2-7w0aGk2Z0Yx1cXk8y3vNq1b4s"' },
          },
        ];
      }
      const refer = (status: string) => ({
        $ref: `#/components/responses/${SHARED_ANSWERS[status][0]}`,
      });
      // Every operation declares its problem 429 and 503 (the Endpoint decorator); here they
      // become the shared ones. /health's 503 is a health report and stays its own.
      for (const status of ['429', '503']) {
        const content = (responses[status] as ResponseObject | undefined)?.content;
        if (content && 'application/problem+json' in content) responses[status] = refer(status);
      }
      responses['500'] ??= refer('500');
      if (operation.parameters?.some((p) => 'in' in p && p.in === 'path')) {
        responses['414'] ??= refer('414');
      }
      if (operation.requestBody) {
        responses['413'] ??= refer('413');
        responses['415'] ??= refer('415');
      }
    }
  }
  document.components = {
    ...document.components,
    responses: {
      ...document.components?.responses,
      ...Object.fromEntries(Object.values(SHARED_ANSWERS)),
    },
  };
}

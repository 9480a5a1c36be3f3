import type { components } from './schema';

/** One invalid field of a request, by its path in the body or query (`roles[0].schoolId`). */
export type FieldError = components['schemas']['FieldErrorDto'];

/**
 * An RFC 9457 problem document as the API sends it (`application/problem+json`), with the
 * extensions some answers carry (e.g. `rows` of a rejected class-list import).
 */
export type Problem = components['schemas']['ProblemDto'] & { [extension: string]: unknown };

/** Whether a parsed answer body is one of the API's problem documents. */
export function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const { type, title, status, code } = body as Record<string, unknown>;
  return (
    typeof type === 'string' &&
    typeof title === 'string' &&
    typeof status === 'number' &&
    typeof code === 'string'
  );
}

/** `code` of an error answer that was not a problem document (e.g. a proxy's HTML page). */
export const UNEXPECTED_RESPONSE = 'sdk.unexpected_response';

/**
 * An error answer of the API, raised by `unwrap()`, `paginate()` and the client's own calls
 * (login, refresh). `code` is the API's stable error code (see the API's docs/errors.md), e.g.
 * `request.invalid`, `resource.precondition_failed`, `import.rejected`.
 */
export class JournalApiError extends Error {
  /** The HTTP status, e.g. 404. */
  readonly status: number;
  /** The stable, machine-readable code; `sdk.unexpected_response` if the body was no problem. */
  readonly code: string;
  /** A short summary of the kind of problem, e.g. `Invalid request`. */
  readonly title: string;
  /** What went wrong this time, for people. */
  readonly detail: string | undefined;
  /** `urn:school-journal:problem:<code>`. */
  readonly type: string;
  /** The request path the problem is about. */
  readonly instance: string | undefined;
  /** The id to quote to the API's operators (also the `X-Request-Id` answer header). */
  readonly requestId: string | undefined;
  /** Seconds to wait before retrying (429 and 503 answers). */
  readonly retryAfter: number | undefined;
  /** Every invalid field (validation errors only; empty otherwise). */
  readonly errors: FieldError[];
  /** The whole problem document, extensions included (`problem.rows` of `import.rejected`). */
  readonly problem: Problem;
  /** `GET /v1/...`: the request that failed. */
  readonly request: string;

  constructor(problem: Problem, request = '') {
    super(
      `${problem.status} ${problem.code}: ${problem.detail ?? problem.title}` +
        (request ? ` (${request})` : '') +
        (problem.requestId ? ` [request id ${problem.requestId}]` : ''),
    );
    this.name = 'JournalApiError';
    this.problem = problem;
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.type = problem.type;
    this.instance = problem.instance;
    this.requestId = problem.requestId;
    this.retryAfter = problem.retryAfter;
    this.errors = problem.errors ?? [];
    this.request = request;
  }

  /**
   * The error of an answer that failed: `body` is what openapi-fetch returned as `error`
   * (the parsed problem document, or the raw text of anything else).
   */
  static fromResponse(response: Response, body: unknown, method?: string): JournalApiError {
    const requestId = response.headers.get('x-request-id') ?? undefined;
    const path = response.url ? new URL(response.url).pathname : '';
    const request = [method, path].filter(Boolean).join(' ');
    if (isProblem(body)) return new JournalApiError({ requestId, ...body }, request);
    const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
    return new JournalApiError(
      {
        type: 'about:blank',
        title: response.statusText || `HTTP ${response.status}`,
        status: response.status,
        code: UNEXPECTED_RESPONSE,
        ...(text ? { detail: text.slice(0, 500) } : {}),
        ...(requestId ? { requestId } : {}),
      },
      request,
    );
  }

  /** The field errors by field: `{ 'roles[0].schoolId': ['must be a UUID'] }`. */
  fieldErrors(): Record<string, string[]> {
    const byField: Record<string, string[]> = {};
    for (const { field, messages } of this.errors) (byField[field] ??= []).push(...messages);
    return byField;
  }
}

import { applyDecorators, HttpCode, HttpStatus, UseInterceptors, type Type } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiResponse,
  DECORATORS,
  getSchemaPath,
} from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { Can } from '../policy/can.decorator';
import type { Action, Subject } from '../policy/subjects';
import { ProblemDto } from './problem.dto';
import { IDEMPOTENCY_KEY_FORMAT, IdempotencyInterceptor } from './idempotency.interceptor';

export interface EndpointOptions {
  summary: string;
  description?: string;
  /** `[action, subject]` the caller needs, or `'public'` for routes open to anyone. */
  permission: [Action, Subject] | 'public';
  /** Success status; 200 unless given. */
  status?: HttpStatus;
  /** Success body type (`[Type]` for an array); omit for an empty answer. */
  response?: Type | [Type];
  /** Error statuses this operation can answer beyond 400, 401 and 429. */
  errors?: HttpStatus[];
  /** Creates accept `Idempotency-Key`. */
  idempotent?: boolean;
  /** Updates accept `If-Match` with the ETag last read. */
  ifMatch?: boolean;
  /**
   * A success body that is a file rather than JSON, e.g. `application/pdf` (or one of several);
   * `json` is the schema of the file when it comes as `application/json`.
   */
  produces?: { contentType: string | string[]; description: string; json?: Type };
  /** Further documented answers whose body is not a problem document. */
  extraResponses?: { status: HttpStatus; description: string; type: Type }[];
}

const ERROR_DESCRIPTIONS: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]: 'Invalid request: every bad field is listed in `errors`.',
  [HttpStatus.UNAUTHORIZED]: 'No valid access token.',
  [HttpStatus.FORBIDDEN]: 'The caller may see this but not do this.',
  [HttpStatus.NOT_FOUND]: 'Does not exist, or is not visible to the caller.',
  [HttpStatus.CONFLICT]: 'Conflicts with the current state (see `code`).',
  [HttpStatus.PRECONDITION_FAILED]:
    '`If-Match` does not match: the object changed since it was read.',
  [HttpStatus.UNPROCESSABLE_ENTITY]:
    'Refers to an object that no longer exists (`reference.missing`), or breaks a rule of the stored data (see `code`).',
  [HttpStatus.TOO_MANY_REQUESTS]: 'Rate limited: retry after `Retry-After` seconds.',
  [HttpStatus.SERVICE_UNAVAILABLE]:
    'Busy (`service.busy`): concurrent changes kept colliding or the database timed out; nothing was changed. Retry after `Retry-After` seconds.',
};

function problemResponse(status: HttpStatus) {
  return ApiResponse({
    status,
    description: ERROR_DESCRIPTIONS[status] ?? 'Error.',
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
  });
}

/**
 * A problem answer any operation of its kind can give (a database race), unless the route
 * already documents that status with a schema of its own (e.g. an import's 422 with `rows`,
 * declared by an `@ApiResponse` under `@Endpoint`).
 */
function problemResponseUnlessDeclared(status: HttpStatus): MethodDecorator {
  return (target, key, descriptor) => {
    const declared = Reflect.getMetadata(DECORATORS.API_RESPONSE, descriptor.value as object) as
      Record<string, unknown> | undefined;
    if (!declared?.[status]) problemResponse(status)(target, key, descriptor);
  };
}

/**
 * What the database can answer to any request (see database-problems.ts): a write may lose
 * a race for a row it refers to (409/422); any request may find the database busy (503).
 */
function raceStatuses(options: EndpointOptions): HttpStatus[] {
  const writes = options.permission !== 'public' && options.permission[0] !== 'read';
  const extra = new Set((options.extraResponses ?? []).map((response) => response.status));
  return [
    ...(writes ? [HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY] : []),
    HttpStatus.SERVICE_UNAVAILABLE,
  ].filter((status) => !extra.has(status));
}

/**
 * Everything a route declares in one place: its permission (the guards' input), its
 * success and error answers (the contract), idempotency and concurrency headers. Keeping
 * them together means a route cannot be added without saying who may call it.
 */
export function Endpoint(options: EndpointOptions): MethodDecorator {
  const isPublic = options.permission === 'public';
  const status = options.status ?? HttpStatus.OK;
  const errors = new Set<HttpStatus>([
    HttpStatus.BAD_REQUEST,
    ...(isPublic ? [] : [HttpStatus.UNAUTHORIZED]),
    ...(options.errors ?? []),
    HttpStatus.TOO_MANY_REQUESTS,
  ]);
  const responseType = Array.isArray(options.response) ? options.response[0] : options.response;
  const decorators: (MethodDecorator | ClassDecorator)[] = [
    HttpCode(status),
    ApiOperation({ summary: options.summary, description: options.description }),
    ApiExtraModels(ProblemDto, ...(options.produces?.json ? [options.produces.json] : [])),
    options.produces
      ? ApiResponse({
          status,
          description: options.produces.description,
          content: Object.fromEntries(
            [options.produces.contentType].flat().map((type) => [
              type,
              {
                schema:
                  type === 'application/json' && options.produces?.json
                    ? { $ref: getSchemaPath(options.produces.json) }
                    : { type: 'string', format: 'binary' },
              },
            ]),
          ),
        })
      : responseType
        ? ApiResponse({
            status,
            type: responseType,
            isArray: Array.isArray(options.response),
            description: 'Success.',
          })
        : ApiResponse({ status, description: 'Success, no content.' }),
    ...[...errors].sort((a, b) => a - b).map(problemResponse),
    ...(options.extraResponses ?? []).map((extra) => ApiResponse(extra)),
    ...raceStatuses(options)
      .filter((race) => !errors.has(race))
      .map(problemResponseUnlessDeclared),
  ];
  if (options.permission === 'public') {
    decorators.push(Public());
  } else {
    decorators.push(Can(...options.permission), ApiBearerAuth('bearer'));
  }
  if (options.permission !== 'public' && options.permission[0] !== 'read') {
    decorators.push(
      ApiHeader({
        name: 'X-Change-Reason',
        required: false,
        description:
          'Why the change is made; kept with it in the audit trail and the journal’s history (at most 500 characters). Header values are ISO-8859-1: percent-encode other text as UTF-8 (`encodeURIComponent`), e.g. «Исправление по заявлению» as below.',
        example:
          '%D0%98%D1%81%D0%BF%D1%80%D0%B0%D0%B2%D0%BB%D0%B5%D0%BD%D0%B8%D0%B5%20%D0%BF%D0%BE%20%D0%B7%D0%B0%D1%8F%D0%B2%D0%BB%D0%B5%D0%BD%D0%B8%D1%8E',
      }),
    );
  }
  if (options.idempotent) {
    decorators.push(
      ApiHeader({
        name: 'Idempotency-Key',
        required: false,
        description:
          'Makes a retried create safe: the same key with the same body replays the first answer; with a different body it is a 409.',
        example: '5f0c8a7e-2b1d-4c3e-9f6a-7d8e9f0a1b2c',
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 255,
          pattern: IDEMPOTENCY_KEY_FORMAT.source,
        },
      }),
      UseInterceptors(IdempotencyInterceptor),
    );
  }
  if (options.ifMatch) {
    decorators.push(
      ApiHeader({
        // Lower-case, as the handlers read it with `@Headers('if-match')`: @nestjs/swagger
        // merges the two by exact name, otherwise the contract lists the header twice, the
        // reflected copy required.
        name: 'if-match',
        required: false,
        description:
          'The ETag of the object as last read; the update is refused with 412 if it changed since.',
        example: 'W/"3q2-7w0aGk2Z0Yx1cXk8y3vNq1b4s"',
      }),
    );
  }
  return applyDecorators(...decorators);
}

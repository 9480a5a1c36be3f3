/**
 * Stable, machine-readable error codes carried by every problem+json answer (`code`).
 * Clients branch on these, never on `title` or `detail`: once published, a code keeps its
 * meaning. Each line says where it comes from.
 */
export const ErrorCode = {
  /** Body, query or path parameters failed validation; `errors` lists every bad field. */
  invalidRequest: 'request.invalid',
  /** The body is not valid JSON or has the wrong content type. */
  malformedRequest: 'request.malformed',
  /** The body is larger than BODY_LIMIT_BYTES. */
  requestTooLarge: 'request.too_large',
  /** No route matches the method and path. */
  routeNotFound: 'route.not_found',
  /** The object does not exist, or the caller may not see it (indistinguishable on purpose). */
  notFound: 'resource.not_found',
  /** The caller may see the object or collection but not do this to it. */
  forbidden: 'access.forbidden',
  /** A uniqueness rule would be broken (e.g. a login already taken). */
  alreadyExists: 'resource.already_exists',
  /** The change conflicts with the object's current state. */
  conflict: 'resource.conflict',
  /** `If-Match` did not match the current ETag: someone else changed the object. */
  preconditionFailed: 'resource.precondition_failed',
  /** No, expired, forged or otherwise invalid bearer token. */
  unauthenticated: 'auth.unauthenticated',
  /** Login failed; the same answer for an unknown login, a wrong password or a disabled account. */
  invalidCredentials: 'auth.invalid_credentials',
  /** Too many failed logins for this login name: wait `Retry-After` seconds. */
  tooManyLoginAttempts: 'auth.too_many_attempts',
  /** The refresh token is unknown, expired or revoked. */
  refreshTokenInvalid: 'auth.refresh_token_invalid',
  /** A refresh token was presented again after rotation: its whole family is now revoked. */
  refreshTokenReused: 'auth.refresh_token_reused',
  /** The activation code is wrong, used, voided or expired. */
  activationCodeInvalid: 'auth.activation_code_invalid',
  /** `PUT /v1/me/password` with a wrong current password. */
  currentPasswordWrong: 'auth.current_password_wrong',
  /** The same `Idempotency-Key` was used with a different request body. */
  idempotencyKeyReused: 'idempotency.key_reused',
  /** A request with this `Idempotency-Key` is still being processed. */
  idempotencyInProgress: 'idempotency.in_progress',
  /** Too many requests from this client: wait `Retry-After` seconds. */
  rateLimited: 'rate_limit.exceeded',
  /** The body's media type is not one this operation reads (e.g. an import that is not CSV or XLSX). */
  unsupportedMediaType: 'request.unsupported_media_type',
  /** The study period is closed: its dates and the marks and absences in it are locked (J5). */
  periodClosed: 'period.closed',
  /**
   * A timetable change, substitution or added lesson would put a teacher, room, class or
   * subgroup in two places at once; nothing was changed. `conflicts` lists every clash.
   */
  timetableConflict: 'timetable.conflict',
  /** An import file has rows with errors; nothing was imported. `rows` lists every error. */
  importRejected: 'import.rejected',
  /**
   * A value passed validation but the database cannot hold it (a number out of range, a
   * text too long, a malformed number, date or text): nothing was stored.
   */
  valueRejected: 'request.value_rejected',
  /** The person card already links an account (`login` names it): unlink it first. */
  personAccountLinked: 'person.account_linked',
  /** The account already links another card of the same kind in that school. */
  accountAlreadyLinked: 'account.already_linked',
  /**
   * No account with this login can be linked to this card: it does not exist, is disabled,
   * is a platform operator, or does not fit the card (one answer for all, on purpose).
   */
  accountNotLinkable: 'account.not_linkable',
  /** The report is not built yet (`queued` or `running`), or it failed: it has no file. */
  reportNotReady: 'report.not_ready',
  /** The report's file was deleted after the retention period: request the report again. */
  reportExpired: 'report.expired',
  /** Building the report failed (the report's `problem` says why); retried jobs failed too. */
  reportFailed: 'report.failed',
  /**
   * The printed journal (J9) of a study period (or year) that is not closed yet: its marks may
   * still change. Close the period first, or ask for a draft (`draft: true`).
   */
  reportPeriodNotClosed: 'report.period_not_closed',
  /** The request refers to an object that does not exist (anymore): removed meanwhile. */
  referenceMissing: 'reference.missing',
  /** The object is still referenced by others (marks of a lesson…) and cannot be removed. */
  referenced: 'conflict.referenced',
  /** The change overlaps an existing object where overlaps are not allowed. */
  overlap: 'conflict.overlap',
  /** The change breaks a rule of the stored data (a database CHECK constraint). */
  constraintViolated: 'constraint.violated',
  /**
   * Concurrent changes kept colliding (serialization failure or deadlock, after retries),
   * or a lock or statement timed out: nothing was changed; retry after `Retry-After` seconds.
   */
  busy: 'service.busy',
  /** The method is not one the path answers; `Allow` lists those it does. */
  methodNotAllowed: 'route.method_not_allowed',
  /** The URL is too long or a path parameter longer than the router accepts. */
  uriTooLong: 'request.uri_too_long',
  /** The request's headers are larger than the server accepts. */
  headersTooLarge: 'request.headers_too_large',
  /** The request did not arrive in full in time (Node's request timeout). */
  requestTimeout: 'request.timeout',
  /** An unexpected error; the request id in the answer finds it in the logs. */
  internal: 'server.internal_error',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

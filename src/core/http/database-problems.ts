import { HttpStatus } from '@nestjs/common';
import { databaseErrorOf, RETRYABLE_SQLSTATES } from '../database/sql-state';
import { ErrorCode, type ErrorCodeValue } from './error-codes';

/** Raised by the journal's period-lock triggers (see the journal migration). */
export const PERIOD_LOCK_SQLSTATE = 'SJ409';

/** Seconds a client waits before retrying after a lost race or a timeout. */
export const BUSY_RETRY_AFTER_SECONDS = 1;

export interface DatabaseProblem {
  status: HttpStatus;
  code: ErrorCodeValue;
  title: string;
  detail?: string;
  retryAfter?: number;
}

/** Data exceptions (class 22) a client's value can cause, with what to tell them. */
const REJECTED_VALUES: Record<string, string> = {
  '22001': 'A text is longer than the database stores.',
  '22003': 'A number is out of the range the database stores.',
  '22007': 'A date or time is not valid.',
  '22008': 'A date or time is out of range.',
  '22021': 'A text holds a character the database cannot store (such as NUL).',
  '22P02': 'A value is not valid for its type (a number, identifier or date).',
  '22P05': 'A text holds a character the database cannot store.',
};

/** Lock timeout and statement timeout or cancel: the database was too busy to finish. */
const BUSY_SQLSTATES = new Set(['55P03', '57014']);

/**
 * A foreign-key violation of a delete (or of an update of a referenced key) means the row
 * is still referenced; of an insert, that the row it points to is gone. PostgreSQL says
 * which in its message ("update or delete on table …" / "… is still referenced"); MikroORM
 * puts the failed statement first, which tells the same when messages are translated.
 */
function isStillReferenced(message: string, detail = ''): boolean {
  return (
    /update or delete on table|is still referenced/.test(`${message} ${detail}`) ||
    /^\s*delete\b/i.test(message)
  );
}

/**
 * The problem a database error stands for, or undefined for one that is our bug (a 500).
 * Details never carry the SQL or the values: only our own constraint names.
 */
export function databaseProblem(exception: unknown): DatabaseProblem | undefined {
  const error = databaseErrorOf(exception);
  if (!error) return undefined;
  const constraint = error.constraint ? ` (${error.constraint})` : '';
  switch (error.code) {
    case PERIOD_LOCK_SQLSTATE:
      // The trigger puts its explanation, naming the period, in `detail`.
      return {
        status: HttpStatus.CONFLICT,
        code: ErrorCode.periodClosed,
        title: 'Conflict',
        detail: error.detail,
      };
    case '23505':
      return {
        status: HttpStatus.CONFLICT,
        code: ErrorCode.alreadyExists,
        title: 'Already exists',
        detail: 'An object with the same unique value already exists.',
      };
    case '23502':
      return {
        status: HttpStatus.BAD_REQUEST,
        code: ErrorCode.invalidRequest,
        title: 'Invalid request',
        detail: 'A required value is missing or null.',
      };
    case '23503':
      return isStillReferenced(error.message, error.detail)
        ? {
            status: HttpStatus.CONFLICT,
            code: ErrorCode.referenced,
            title: 'Conflict',
            detail: `Other objects still refer to this one, so it cannot be removed${constraint}.`,
          }
        : {
            status: HttpStatus.UNPROCESSABLE_ENTITY,
            code: ErrorCode.referenceMissing,
            title: 'Unprocessable content',
            detail: `An object the request refers to does not exist (it may have just been removed)${constraint}.`,
          };
    case '23514':
      return {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        code: ErrorCode.constraintViolated,
        title: 'Unprocessable content',
        detail: `The change breaks a rule of the stored data${constraint}.`,
      };
    case '23P01':
      return {
        status: HttpStatus.CONFLICT,
        code: ErrorCode.overlap,
        title: 'Conflict',
        detail: `The change overlaps an existing object${constraint}.`,
      };
  }
  if (RETRYABLE_SQLSTATES.has(error.code) || BUSY_SQLSTATES.has(error.code)) {
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      code: ErrorCode.busy,
      title: 'Service busy',
      detail: RETRYABLE_SQLSTATES.has(error.code)
        ? 'Concurrent changes kept colliding; nothing was changed. Retry shortly.'
        : 'The database was too busy to finish in time; nothing was changed. Retry shortly.',
      retryAfter: BUSY_RETRY_AFTER_SECONDS,
    };
  }
  const rejected = REJECTED_VALUES[error.code];
  if (rejected) {
    return {
      status: HttpStatus.BAD_REQUEST,
      code: ErrorCode.valueRejected,
      title: 'Invalid value',
      detail: `${rejected} Nothing was stored.`,
    };
  }
  return undefined;
}

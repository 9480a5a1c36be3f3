import { DriverException } from '@mikro-orm/core';
import { DatabaseError } from 'pg';

/** The fields of a PostgreSQL error this code reads (MikroORM copies them onto its own). */
export interface DatabaseErrorFields {
  code: string;
  message: string;
  detail?: string;
  constraint?: string;
  table?: string;
}

/** The PostgreSQL error behind `error`, from MikroORM or from `pg` directly, if it is one. */
export function databaseErrorOf(error: unknown): DatabaseErrorFields | undefined {
  if (error instanceof DriverException || error instanceof DatabaseError) {
    const fields = error as unknown as DatabaseErrorFields;
    return typeof fields.code === 'string' ? fields : undefined;
  }
  return undefined;
}

/** Serialization failure and deadlock: the transaction lost a race and may simply run again. */
export const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set(['40001', '40P01']);

export const isRetryable = (error: unknown): boolean =>
  RETRYABLE_SQLSTATES.has(databaseErrorOf(error)?.code ?? '');

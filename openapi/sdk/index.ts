export {
  createJournalClient,
  JournalClient,
  type JournalClientOptions,
  type PagedPath,
  type PageInit,
  type PageItem,
  type TokenPair,
  type Tokens,
} from './client';
export {
  isProblem,
  JournalApiError,
  UNEXPECTED_RESPONSE,
  type FieldError,
  type Problem,
} from './errors';
export {
  changeReason,
  etagOf,
  fileBody,
  idempotencyKey,
  ifMatch,
  unwrap,
  type CallResult,
  type DataOf,
  type ImportFileType,
} from './helpers';
export type { components, operations, paths } from './schema';

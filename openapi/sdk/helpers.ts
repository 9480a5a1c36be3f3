import { createHash, randomUUID } from 'node:crypto';
import { JournalApiError } from './errors';

/** What every openapi-fetch call answers. */
export interface CallResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer (`undefined` for a 204). */
export type DataOf<R extends CallResult> = [Exclude<R['data'], undefined>] extends [never]
  ? undefined
  : Exclude<R['data'], undefined>;

/**
 * The data of a call's answer, or a thrown `JournalApiError` for an error answer:
 * `const me = await unwrap(client.GET('/v1/me'))`.
 */
export async function unwrap<R extends CallResult>(call: R | Promise<R>): Promise<DataOf<R>> {
  const { data, error, response } = await call;
  if (!response.ok) throw JournalApiError.fromResponse(response, error);
  return data as DataOf<R>;
}

/**
 * An `Idempotency-Key` for a create (`params.header['Idempotency-Key']`): the API answers a
 * repeated key with the first answer (header `Idempotent-Replayed: true`) instead of creating
 * twice, for 24 hours; the same key with another body is a 409 `idempotency.key_reused`.
 *
 * Without arguments the key is random: keep it for the retries of one request. With
 * arguments it is derived from them (a hash), so a script that runs again over the same input
 * sends the same keys: `idempotencyKey('enrol', classId, row.number)`.
 */
export function idempotencyKey(...parts: (string | number)[]): string {
  if (parts.length === 0) return randomUUID();
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

/** The `ETag` of an answer (every successful JSON GET has one), or undefined. */
export function etagOf(result: { response: Response }): string | undefined {
  return result.response.headers.get('etag') ?? undefined;
}

/**
 * `If-Match` for an update, from the answer of the GET it is based on:
 * `client.PATCH('/v1/subjects/{id}', { params: { path: { id }, header: ifMatch(read) }, body })`.
 * If the object changed since, the update is refused with 412 `resource.precondition_failed`:
 * read it again and reapply the change.
 */
export function ifMatch(read: { response: Response }): { 'if-match': string } {
  const etag = etagOf(read);
  if (!etag)
    throw new Error('The answer has no ETag: If-Match needs the answer of a successful GET.');
  return { 'if-match': etag };
}

/**
 * `X-Change-Reason`, kept with the change in the audit trail: header values are ISO-8859-1,
 * so the text is percent-encoded as UTF-8 (the API decodes it).
 */
export function changeReason(reason: string): { 'X-Change-Reason': string } {
  return { 'X-Change-Reason': encodeURIComponent(reason) };
}

/** The media types of the file imports (class lists, thematic plans). */
export type ImportFileType =
  'text/csv' | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The options that send a file as the request body (the imports take the file itself, not a
 * form): `client.POST('/v1/classes/{id}/imports', { params, ...fileBody(bytes, 'text/csv') })`.
 */
export function fileBody(
  file: Uint8Array | ArrayBuffer | Blob | string,
  contentType: ImportFileType,
): { body: string; bodySerializer: () => typeof file; headers: { 'Content-Type': string } } {
  return {
    // The contract types a binary body as a string; the serializer sends the bytes as they are.
    body: '',
    bodySerializer: () => file,
    headers: { 'Content-Type': contentType },
  };
}

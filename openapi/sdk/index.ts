import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema';

export type { components, operations, paths } from './schema';

/** A typed client of the API: `client.GET('/v1/me')`, `client.POST('/v1/accounts', { body })`. */
export type JournalClient = Client<paths>;

export interface JournalClientOptions {
  /** Sent as `Authorization: Bearer …` with every request (from POST /v1/auth/login). */
  accessToken?: string;
}

/**
 * A client for the API at `baseUrl` (its origin, e.g. `https://journal.example.org`: the
 * paths already start with `/v1`). One client acts as one caller; to act as someone else,
 * make another with their access token.
 */
export function createJournalClient(
  baseUrl: string,
  options: JournalClientOptions = {},
): JournalClient {
  return createClient<paths>({
    baseUrl,
    headers: options.accessToken ? { authorization: `Bearer ${options.accessToken}` } : {},
  });
}

import createClient, { type Client, type MaybeOptionalInit, type Middleware } from 'openapi-fetch';
import { JournalApiError } from './errors';
import type { components, paths } from './schema';

/** An answer of `POST /v1/auth/login` or `POST /v1/auth/refresh`. */
export type TokenPair = components['schemas']['TokenPairDto'];

/** The tokens a client holds now. */
export interface Tokens {
  accessToken?: string;
  /** When the access token expires (milliseconds since the epoch, by this machine's clock). */
  accessTokenExpiresAt?: number;
  /** Single use: every refresh answers a new one, which replaces it. */
  refreshToken?: string;
}

export interface JournalClientOptions {
  /** Sent as `Authorization: Bearer …` (from POST /v1/auth/login, or another client). */
  accessToken?: string;
  /** Lets the client get new access tokens by itself (POST /v1/auth/refresh). */
  refreshToken?: string;
  /** Refresh this many seconds before the access token expires (default 30). */
  refreshBeforeSeconds?: number;
  /**
   * Called with every new token pair (login and each refresh). Refresh tokens are single
   * use: a script that keeps its session between runs must store the newest one.
   */
  onTokens?: (tokens: TokenPair) => void | Promise<void>;
  /** Headers sent with every request (e.g. `X-Change-Reason` for a whole script). */
  headers?: Record<string, string>;
  /** The fetch to use (default: the global one); tests pass a stub. */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * The current time in milliseconds, to tell when the access token expires (default: this
   * machine's clock); tests pass a pinned one.
   */
  now?: () => number;
}

type Api = Client<paths>;
type Get<P> = P extends keyof paths
  ? paths[P] extends { get: infer Operation }
    ? Operation
    : never
  : never;
type JsonOk<Operation> = Operation extends {
  responses: { 200: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

/** The paths of the cursor-paged lists: `GET` answers `{ items, nextCursor }`. */
export type PagedPath = {
  [P in keyof paths]: JsonOk<Get<P>> extends { items: unknown[]; nextCursor: string | null }
    ? P
    : never;
}[keyof paths];

/** What a paged list at `P` holds, e.g. `PageItem<'/v1/accounts'>` is an account. */
export type PageItem<P extends PagedPath> =
  JsonOk<Get<P>> extends { items: (infer Item)[] } ? Item : never;

/** The options of one page's `GET` (path and query parameters); `cursor` is the iterator's. */
export type PageInit<P extends PagedPath> = MaybeOptionalInit<paths[P], 'get'>;

/** Calls that never carry the access token (a 401 there is a refusal, not an expired token). */
const PUBLIC_AUTH_PATHS = new Set([
  '/v1/auth/login',
  '/v1/auth/refresh',
  '/v1/auth/logout',
  '/v1/auth/activate',
]);

/** The `exp` of a JWT in milliseconds, if it has one (the token is not verified). */
function expiryOf(accessToken: string): number | undefined {
  try {
    const payload = accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(payload), (char) => char.charCodeAt(0));
    const { exp } = JSON.parse(new TextDecoder().decode(bytes)) as { exp?: unknown };
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A typed client of the API: `client.GET('/v1/me')`, `client.POST('/v1/accounts', { body })`
 * (openapi-fetch over the generated `paths`: every call answers `{ data, error, response }`).
 *
 * It keeps the caller's tokens: it sends the access token, refreshes it shortly before it
 * expires and, when an answer is 401 anyway, refreshes once and repeats the request once.
 * One client acts as one caller; to act as someone else, make another client.
 */
export class JournalClient {
  /** The API's origin, e.g. `https://journal.example.org` (the paths start with `/v1`). */
  readonly baseUrl: string;
  readonly GET: Api['GET'];
  readonly POST: Api['POST'];
  readonly PUT: Api['PUT'];
  readonly PATCH: Api['PATCH'];
  readonly DELETE: Api['DELETE'];
  readonly HEAD: Api['HEAD'];
  readonly OPTIONS: Api['OPTIONS'];
  readonly request: Api['request'];

  private readonly api: Api;
  private readonly fetchFn: (request: Request) => Promise<Response>;
  private readonly refreshBeforeMs: number;
  private readonly now: () => number;
  private readonly onTokens?: JournalClientOptions['onTokens'];
  private current: Tokens = {};
  private refreshing: Promise<TokenPair> | undefined;

  constructor(baseUrl: string, options: JournalClientOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.fetchFn = options.fetch ?? ((request) => fetch(request));
    this.refreshBeforeMs = (options.refreshBeforeSeconds ?? 30) * 1000;
    this.now = options.now ?? (() => Date.now());
    this.onTokens = options.onTokens;
    this.setTokens({ accessToken: options.accessToken, refreshToken: options.refreshToken });
    this.api = createClient<paths>({
      baseUrl: this.baseUrl,
      headers: options.headers,
      fetch: (request) => this.send(request),
    });
    ({
      GET: this.GET,
      POST: this.POST,
      PUT: this.PUT,
      PATCH: this.PATCH,
      DELETE: this.DELETE,
      HEAD: this.HEAD,
      OPTIONS: this.OPTIONS,
      request: this.request,
    } = this.api);
  }

  /** Logs in with a login and password and answers a client holding the new tokens. */
  static async login(
    baseUrl: string,
    login: string,
    password: string,
    options: Omit<JournalClientOptions, 'accessToken' | 'refreshToken'> = {},
  ): Promise<JournalClient> {
    const client = new JournalClient(baseUrl, options);
    await client.login(login, password);
    return client;
  }

  /**
   * A client configured by environment variables, for scripts: `JOURNAL_URL` (required),
   * then either `JOURNAL_LOGIN` and `JOURNAL_PASSWORD` (logs in), or `JOURNAL_ACCESS_TOKEN`
   * and/or `JOURNAL_REFRESH_TOKEN`.
   */
  static async fromEnv(
    env: Record<string, string | undefined> = process.env,
    options: Omit<JournalClientOptions, 'accessToken' | 'refreshToken'> = {},
  ): Promise<JournalClient> {
    const url = env.JOURNAL_URL;
    if (!url)
      throw new Error('Set JOURNAL_URL to the API address, e.g. https://journal.example.org');
    if (env.JOURNAL_LOGIN && env.JOURNAL_PASSWORD) {
      return JournalClient.login(url, env.JOURNAL_LOGIN, env.JOURNAL_PASSWORD, options);
    }
    if (env.JOURNAL_ACCESS_TOKEN || env.JOURNAL_REFRESH_TOKEN) {
      return new JournalClient(url, {
        ...options,
        accessToken: env.JOURNAL_ACCESS_TOKEN,
        refreshToken: env.JOURNAL_REFRESH_TOKEN,
      });
    }
    throw new Error(
      'Set JOURNAL_LOGIN and JOURNAL_PASSWORD (or JOURNAL_ACCESS_TOKEN / JOURNAL_REFRESH_TOKEN)',
    );
  }

  /** The tokens held now (a copy). */
  get tokens(): Tokens {
    return { ...this.current };
  }

  /** Replaces the tokens held (e.g. ones stored by an earlier run). */
  setTokens(tokens: { accessToken?: string; refreshToken?: string; expiresIn?: number }): void {
    const { accessToken, refreshToken, expiresIn } = tokens;
    this.current = {
      accessToken,
      refreshToken,
      accessTokenExpiresAt: !accessToken
        ? undefined
        : expiresIn !== undefined
          ? this.now() + expiresIn * 1000
          : expiryOf(accessToken),
    };
  }

  /** `POST /v1/auth/login`: keeps and answers the new tokens; a refusal throws. */
  async login(login: string, password: string): Promise<TokenPair> {
    const { data, error, response } = await this.api.POST('/v1/auth/login', {
      body: { login, password },
      fetch: this.fetchFn,
    });
    if (!data) throw JournalApiError.fromResponse(response, error, 'POST');
    await this.keep(data);
    return data;
  }

  /**
   * `POST /v1/auth/refresh` with the refresh token held: keeps and answers the new pair.
   * Concurrent calls share one refresh (a refresh token works once; presenting it twice ends
   * the whole session). When the API refuses the token, the tokens are dropped and the
   * refusal is thrown (`auth.refresh_token_invalid`): log in again.
   */
  refresh(): Promise<TokenPair> {
    this.refreshing ??= this.refreshOnce().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** `POST /v1/auth/logout`: ends the session of the refresh token held and forgets the tokens. */
  async logout(): Promise<void> {
    const { refreshToken } = this.current;
    this.current = {};
    if (!refreshToken) return;
    const { error, response } = await this.api.POST('/v1/auth/logout', {
      body: { refreshToken },
      fetch: this.fetchFn,
    });
    if (!response.ok) throw JournalApiError.fromResponse(response, error, 'POST');
  }

  /** Adds openapi-fetch middleware (it sees each request once, and its final answer). */
  use(...middleware: Middleware[]): void {
    this.api.use(...middleware);
  }

  eject(...middleware: Middleware[]): void {
    this.api.eject(...middleware);
  }

  /**
   * Every item of a cursor-paged list, page after page (`limit` in the query sets the page
   * size): `for await (const person of client.paginate('/v1/schools/{schoolId}/people',
   * { params: { path: { schoolId } } }))`. An error answer throws a `JournalApiError`.
   */
  async *paginate<P extends PagedPath>(
    path: P,
    ...[init]: undefined extends PageInit<P> ? [init?: PageInit<P>] : [init: PageInit<P>]
  ): AsyncGenerator<PageItem<P>, void, undefined> {
    const options = (init ?? {}) as { params?: { query?: Record<string, unknown> } };
    const get = this.api.GET as unknown as (
      path: string,
      init: unknown,
    ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
    let cursor: string | null = null;
    do {
      const query: Record<string, unknown> = { ...options.params?.query };
      if (cursor) query.cursor = cursor;
      const { data, error, response } = await get(path, {
        ...options,
        params: { ...options.params, query },
      });
      if (!data) throw JournalApiError.fromResponse(response, error, 'GET');
      const page = data as { items: PageItem<P>[]; nextCursor: string | null };
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }

  private async keep(pair: TokenPair): Promise<void> {
    this.setTokens(pair);
    await this.onTokens?.(pair);
  }

  private async refreshOnce(): Promise<TokenPair> {
    const { refreshToken } = this.current;
    if (!refreshToken) throw new Error('This client holds no refresh token: log in again.');
    const { data, error, response } = await this.api.POST('/v1/auth/refresh', {
      body: { refreshToken },
      fetch: this.fetchFn,
    });
    if (!data) {
      // A refused token is used up or revoked; a server error leaves it as it was.
      if (response.status === 400 || response.status === 401) this.current = {};
      throw JournalApiError.fromResponse(response, error, 'POST');
    }
    await this.keep(data);
    return data;
  }

  private expiresSoon(): boolean {
    const { accessToken, accessTokenExpiresAt } = this.current;
    if (!accessToken) return true;
    return (
      accessTokenExpiresAt !== undefined &&
      accessTokenExpiresAt - this.refreshBeforeMs <= this.now()
    );
  }

  /** openapi-fetch's fetch: adds the access token, refreshing first or after a 401 (once). */
  private async send(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    // (The API may be served under a path prefix: compare the ends.)
    if ([...PUBLIC_AUTH_PATHS].some((path) => pathname.endsWith(path)))
      return this.fetchFn(request);
    if (this.current.refreshToken && this.expiresSoon()) await this.refresh();
    const canRetry = this.current.refreshToken !== undefined;
    const again = canRetry ? request.clone() : undefined;
    const sentWith = this.current.accessToken;
    const response = await this.fetchFn(this.authorized(request));
    if (response.status !== 401 || !again || !this.current.refreshToken) return response;
    // Another request may have refreshed meanwhile: then its token is tried, no new refresh.
    if (this.current.accessToken === sentWith) await this.refresh();
    await response.body?.cancel();
    return this.fetchFn(this.authorized(again));
  }

  private authorized(request: Request): Request {
    if (this.current.accessToken) {
      request.headers.set('authorization', `Bearer ${this.current.accessToken}`);
    }
    return request;
  }
}

/**
 * A client for the API at `baseUrl` (its origin, e.g. `https://journal.example.org`). With
 * only an access token it cannot refresh; give the refresh token too, or use
 * `JournalClient.login()`.
 */
export function createJournalClient(
  baseUrl: string,
  options: JournalClientOptions = {},
): JournalClient {
  return new JournalClient(baseUrl, options);
}

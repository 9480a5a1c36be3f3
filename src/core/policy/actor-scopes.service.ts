import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import type { Actor } from '../auth/actor';
import { providersMarkedWith } from '../discovery/marked-providers';
import {
  ACTOR_SCOPE_SOURCE,
  NO_SCOPES,
  SCOPED_ROLES,
  type ActorScopes,
  type ActorScopeSource,
} from './actor-scopes';

/** At most this many actors' scopes are kept per process (the oldest go first). */
const CACHED_ACTORS = 10_000;

/**
 * Loads the scopes of each request's actor. An API process keeps them for
 * `SCOPE_CACHE_SECONDS` (15 s by default), so authorising a teacher's, student's or parent's
 * request usually costs no database round trip; a change of classes or children reaches an
 * actor's rights within that time, as a change of roles does at the next token refresh.
 */
@Injectable()
export class ActorScopesService implements OnModuleInit {
  private sources: ActorScopeSource[] = [];
  private readonly cache = new Map<string, { scopes: ActorScopes; until: number }>();
  private readonly ttlMs: number;

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.ttlMs = config.scopeCacheSeconds * 1000;
  }

  onModuleInit(): void {
    this.sources = providersMarkedWith<ActorScopeSource>(this.discovery, ACTOR_SCOPE_SOURCE);
  }

  /** No query at all for actors whose rights are school-wide (admin, secretary, …). */
  async load(actor: Actor): Promise<ActorScopes> {
    if (!actor.grants.some((grant) => SCOPED_ROLES.has(grant.role))) return NO_SCOPES;
    if (this.ttlMs === 0) return this.loadFresh(actor);
    // A cache lifetime is a duration, not a date: the monotonic timer, not the clock.
    const now = performance.now();
    const cached = this.cache.get(actor.accountId);
    if (cached && cached.until > now) return cached.scopes;
    const scopes = await this.loadFresh(actor);
    this.cache.delete(actor.accountId);
    if (this.cache.size >= CACHED_ACTORS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(actor.accountId, { scopes, until: now + this.ttlMs });
    return scopes;
  }

  private async loadFresh(actor: Actor): Promise<ActorScopes> {
    const scopes: ActorScopes = { ...NO_SCOPES };
    for (const source of this.sources) {
      const part = await source.load(actor);
      for (const key of Object.keys(part) as (keyof ActorScopes)[]) {
        scopes[key] = [...scopes[key], ...(part[key] ?? [])];
      }
    }
    return scopes;
  }
}

import type { AsyncLocalStorage } from 'node:async_hooks';
import { RequestContext, type EntityManager } from '@mikro-orm/core';

/** The request's forks by EM name; the default EM is forked when first asked for. */
class LazyForks extends Map<string, EntityManager> {
  private forking = false;

  constructor(private readonly em: EntityManager) {
    super();
  }

  override get(name: string): EntityManager | undefined {
    let fork = super.get(name);
    // While the fork is being made it asks for its context: there is none yet, as when
    // MikroORM forks before it enters the context.
    if (!fork && name === this.em.name && !this.forking) {
      this.forking = true;
      try {
        fork = this.em.fork({ useContext: true, disableContextResolution: true });
      } finally {
        this.forking = false;
      }
      this.set(name, fork);
    }
    return fork;
  }
}

// MikroORM keeps its contexts in this (private) AsyncLocalStorage; checked once at start so
// that an upgrade which moves it fails loudly rather than leaving requests without a context.
const storage = (RequestContext as unknown as { storage?: AsyncLocalStorage<RequestContext> })
  .storage;
if (typeof storage?.run !== 'function') {
  throw new Error('MikroORM RequestContext.storage is gone: update lazy-request-context.ts');
}

/**
 * `RequestContext.create(em, next)`, except that the request's EntityManager (identity map,
 * unit of work) is forked when the request first uses it rather than for every request:
 * a request refused by a guard or a pipe, or answered without the database, makes none.
 */
export function runInLazyRequestContext<T>(em: EntityManager, next: () => T): T {
  return storage!.run(new RequestContext(new LazyForks(em)), next);
}

import type { DiscoveryService } from '@nestjs/core';
import type { AppConfig } from '../../config/config';
import type { Actor } from '../auth/actor';
import { NO_SCOPES, type ActorScopeSource } from './actor-scopes';
import { ActorScopesService } from './actor-scopes.service';

const teacher: Actor = {
  accountId: 'teacher-account',
  isPlatformOperator: false,
  grants: [{ role: 'teacher', schoolId: 'school', regionId: 'region' }],
};
const deputy: Actor = {
  ...teacher,
  accountId: 'deputy',
  grants: [{ ...teacher.grants[0], role: 'deputy' }],
};

/** A loader whose one source answers the classes it is told, counting its queries. */
function loaderWith(scopeCacheSeconds: number) {
  const source = { calls: 0, classes: ['7А'] };
  const scopeSource: ActorScopeSource = {
    load: () => {
      source.calls++;
      return Promise.resolve({ taughtClassIds: [...source.classes] });
    },
  };
  const loader = new ActorScopesService(
    {} as DiscoveryService,
    {
      scopeCacheSeconds,
    } as AppConfig,
  );
  (loader as unknown as { sources: ActorScopeSource[] }).sources = [scopeSource];
  return { loader, source };
}

describe('ActorScopesService', () => {
  afterEach(() => jest.useRealTimers());

  it('reuses an actor’s scopes for SCOPE_CACHE_SECONDS, then loads them again', async () => {
    jest.useFakeTimers();
    const { loader, source } = loaderWith(15);
    expect((await loader.load(teacher)).taughtClassIds).toEqual(['7А']);
    source.classes = ['7А', '8Б'];
    expect((await loader.load(teacher)).taughtClassIds).toEqual(['7А']);
    expect(source.calls).toBe(1);

    jest.advanceTimersByTime(16_000);
    expect((await loader.load(teacher)).taughtClassIds).toEqual(['7А', '8Б']);
    expect(source.calls).toBe(2);
  });

  it('loads them on every request when the cache is off (0 s)', async () => {
    const { loader, source } = loaderWith(0);
    await loader.load(teacher);
    source.classes = [];
    expect((await loader.load(teacher)).taughtClassIds).toEqual([]);
    expect(source.calls).toBe(2);
  });

  it('asks nothing for school-wide roles', async () => {
    const { loader, source } = loaderWith(15);
    expect(await loader.load(deputy)).toBe(NO_SCOPES);
    expect(source.calls).toBe(0);
  });
});

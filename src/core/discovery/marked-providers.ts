import type { DiscoveryService } from '@nestjs/core';

/** The instances of every provider whose class carries `marker` metadata (set by a class decorator). */
export function providersMarkedWith<T>(discovery: DiscoveryService, marker: symbol): T[] {
  return discovery
    .getProviders()
    .filter((wrapper) => wrapper.metatype && Reflect.getMetadata(marker, wrapper.metatype))
    .map((wrapper) => wrapper.instance as T);
}

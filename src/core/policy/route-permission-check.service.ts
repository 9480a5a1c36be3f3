import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PATH_METADATA } from '@nestjs/common/constants';
import { IS_PUBLIC } from '../auth/public.decorator';
import { REQUIRED_PERMISSION } from './can.decorator';

/** Handlers that are routes but declare neither `@Can(...)` nor `@Public()`. */
export function findUndeclaredRoutes(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  reflector: Reflector,
): string[] {
  const missing: string[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    const metatype = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!instance || !metatype) continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as (
        ...args: unknown[]
      ) => unknown;
      if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      const declared =
        reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [handler, metatype]) ||
        reflector.get<unknown>(REQUIRED_PERMISSION, handler) !== undefined;
      if (!declared) missing.push(`${metatype.name}.${name}`);
    }
  }
  return missing;
}

/** Refuses to start an app with a route that would otherwise be open by accident. */
@Injectable()
export class RoutePermissionCheckService implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const missing = findUndeclaredRoutes(this.discovery, this.scanner, this.reflector);
    if (missing.length > 0) {
      throw new Error(
        `Every route must declare @Can(action, subject) or @Public(); these do not: ${missing.join(', ')}`,
      );
    }
  }
}

import { SetMetadata } from '@nestjs/common';
import type { Action, Subject } from './subjects';

export const REQUIRED_PERMISSION = Symbol('requiredPermission');

export interface RequiredPermission {
  action: Action;
  subject: Subject;
}

/**
 * The permission a handler needs. Every non-public handler must declare one; the app
 * refuses to start otherwise (see RoutePermissionCheckService).
 */
export const Can = (action: Action, subject: Subject) =>
  SetMetadata(REQUIRED_PERMISSION, { action, subject } satisfies RequiredPermission);

import { rulesToQuery } from '@casl/ability/extra';
import type { FilterQuery } from '@mikro-orm/core';
import type { Action, AppAbility, Subject } from './subjects';

/** Matches no row at all (MikroORM renders an empty `$in` as `1 = 0`). */
const NOTHING = { id: { $in: [] } };

/**
 * The rows of `subject` the ability allows `action` on, as a MikroORM filter: lists are
 * filtered in SQL by the very rules that guard single objects.
 */
export function accessibleWhere<Entity>(
  ability: AppAbility,
  action: Action,
  subject: Subject,
): FilterQuery<Entity> {
  // Policies only ever allow (see ModulePolicy), so no rule is inverted.
  const query = rulesToQuery(ability, action, subject, (rule) => rule.conditions ?? {});
  if (query === null) return NOTHING;
  return query as FilterQuery<Entity>;
}

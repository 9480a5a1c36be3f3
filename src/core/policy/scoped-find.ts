import type { EntityManager, EntityName, FilterQuery, FindOneOptions } from '@mikro-orm/postgresql';
import { ProblemException } from '../http/problem';
import { accessibleWhere } from './accessible-where';
import type { Action, AppAbility, Subject } from './subjects';

/**
 * Loads one object the caller may read, or answers 404 — the same answer whether it does
 * not exist or belongs to someone else's school.
 */
export async function findVisible<Entity extends object, Hint extends string = never>(
  em: EntityManager,
  entityName: EntityName<Entity>,
  id: string,
  ability: AppAbility,
  subject: Subject,
  options?: FindOneOptions<Entity, Hint>,
) {
  const found = await em.findOne(
    entityName,
    { $and: [{ id }, accessibleWhere<Entity>(ability, 'read', subject)] } as FilterQuery<Entity>,
    options,
  );
  if (!found) throw ProblemException.notFound(`${subject} ${id}`);
  return found;
}

/** Refuses with 403 when the caller may see the object but not do `action` to it. */
export async function assertAllowed(
  em: EntityManager,
  entityName: EntityName<object>,
  id: string,
  ability: AppAbility,
  action: Action,
  subject: Subject,
): Promise<void> {
  const where = {
    $and: [{ id }, accessibleWhere(ability, action, subject)],
  } as FilterQuery<object>;
  if ((await em.count(entityName, where)) === 0) {
    throw ProblemException.forbidden(`You may not ${action} this ${subject}.`);
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { ProblemException } from '../../core/http/problem';
import { classAllows } from '../../core/policy/school-access';
import type { Action, AppAbility } from '../../core/policy/subjects';
import { SchoolClass } from '../classes/entities/school-class.entity';

/**
 * A class whose timetable the caller may `action`: 404 when they cannot even read it (students
 * and parents read only their own class's), 403 when they read it but may not change it.
 */
export async function loadTimetableClass(
  em: EntityManager,
  ability: AppAbility,
  classId: string,
  action: Action,
): Promise<SchoolClass> {
  const schoolClass = await em.findOne(SchoolClass, classId);
  if (!schoolClass || !classAllows(ability, 'read', 'Timetable', schoolClass)) {
    throw ProblemException.notFound(`Class ${classId}`);
  }
  if (action !== 'read' && !classAllows(ability, action, 'Timetable', schoolClass)) {
    throw ProblemException.forbidden(`You may not ${action} this class’s timetable.`);
  }
  return schoolClass;
}

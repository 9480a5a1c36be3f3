import { subject } from '@casl/ability';
import { ProblemException } from '../http/problem';
import type { Action, AppAbility, Subject } from './subjects';

/**
 * Checks a write to a school's collection (`/v1/schools/{schoolId}/…`): 403 when the caller
 * sees the school's `subject` objects but may not do this, 404 when they cannot see them at all.
 * In memory: the write rules of these subjects are plain `{ schoolId }` conditions.
 */
export function assertSchoolAllows(
  ability: AppAbility,
  action: Action,
  subjectName: Subject,
  schoolId: string,
): void {
  if (ability.can(action, subject(subjectName, { schoolId }))) return;
  if (ability.can('read', subject(subjectName, { schoolId }))) {
    throw ProblemException.forbidden(`You may not ${action} ${subjectName} in this school.`);
  }
  throw ProblemException.notFound(`School ${schoolId}`);
}

/**
 * Whether the rules of a class-scoped subject (conditions on `schoolId` and `schoolClass`,
 * such as Timetable) let the caller do `action` to the given class's objects. In memory.
 */
export function classAllows(
  ability: AppAbility,
  action: Action,
  subjectName: Subject,
  schoolClass: { id: string; schoolId: string },
): boolean {
  return ability.can(
    action,
    subject(subjectName, { schoolId: schoolClass.schoolId, schoolClass: schoolClass.id }),
  );
}

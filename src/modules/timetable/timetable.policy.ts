import type { Grant } from '../../core/auth/actor';
import { Policy, type Allow, type ModulePolicy } from '../../core/policy/module-policy';
import { TIMETABLE_EDITORS, TIMETABLE_READERS } from '../../core/auth/roles';

const readTimetable = (allow: Allow, grant: Grant) =>
  allow('read', 'Timetable', { schoolId: grant.schoolId });

/**
 * Class timetables (O6): staff read every class's, students and parents their own class's;
 * the deputy and the admin change them, substitute teachers and cancel lessons.
 */
@Policy()
export class TimetablePolicy implements ModulePolicy {
  readonly roles: ModulePolicy['roles'] = {
    ...Object.fromEntries(TIMETABLE_READERS.map((role) => [role, readTimetable])),
    ...Object.fromEntries(
      TIMETABLE_EDITORS.map((role) => [
        role,
        (allow: Allow, grant: Grant) =>
          allow(['read', 'create', 'update', 'delete'], 'Timetable', { schoolId: grant.schoolId }),
      ]),
    ),
    student: (allow, _grant, _actor, scopes) =>
      allow('read', 'Timetable', { schoolClass: { $in: scopes.ownClassIds } }),
    parent: (allow, _grant, _actor, scopes) =>
      allow('read', 'Timetable', { schoolClass: { $in: scopes.childClassIds } }),
  };
}

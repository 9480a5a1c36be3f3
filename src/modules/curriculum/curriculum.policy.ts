import type { Grant } from '../../core/auth/actor';
import { TIMETABLE_EDITORS, TIMETABLE_READERS } from '../../core/auth/roles';
import { Policy, type Allow, type ModulePolicy } from '../../core/policy/module-policy';

const readCurriculum = (allow: Allow, grant: Grant) =>
  allow('read', 'Curriculum', { schoolId: grant.schoolId });

/** The curriculum and the weekly load of teachers and classes (O5, O6): staff planning data. */
@Policy()
export class CurriculumPolicy implements ModulePolicy {
  readonly roles: ModulePolicy['roles'] = {
    ...Object.fromEntries(TIMETABLE_READERS.map((role) => [role, readCurriculum])),
    ...Object.fromEntries(
      TIMETABLE_EDITORS.map((role) => [
        role,
        (allow: Allow, grant: Grant) =>
          allow(['read', 'create', 'update', 'delete'], 'Curriculum', { schoolId: grant.schoolId }),
      ]),
    ),
  };
}

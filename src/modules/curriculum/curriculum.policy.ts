import type { Grant } from '../../core/auth/actor';
import type { Role } from '../../core/auth/roles';
import { Policy, type Allow, type ModulePolicy } from '../../core/policy/module-policy';

/** Staff who plan with or around the curriculum and timetable: they read all of the school's. */
export const TIMETABLE_READERS: Role[] = [
  'admin',
  'director',
  'deputy',
  'teacher',
  'secretary',
  'medical',
  'psychologist',
  'technical',
];
/** Who edits the curriculum and the timetable (seed: the deputy, and the admin). */
export const TIMETABLE_EDITORS: Role[] = ['admin', 'deputy'];

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

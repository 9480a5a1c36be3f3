import type { Grant } from '../../core/auth/actor';
import type { Role } from '../../core/auth/roles';
import { Policy, type Allow, type ModulePolicy } from '../../core/policy/module-policy';

const readInSchool = (allow: Allow, grant: Grant) =>
  allow('read', 'StudyPeriod', { schoolId: grant.schoolId });

/** Who plans with the calendar reads it (baseline: not medical, psychologist, technical). */
const READERS: Role[] = [
  'director',
  'deputy',
  'teacher',
  'student',
  'parent',
  'secretary',
  'integration',
];

/** Academic years, study periods and holidays (O2); only the admin changes or closes them. */
@Policy()
export class AcademicYearsPolicy implements ModulePolicy {
  readonly roles: ModulePolicy['roles'] = {
    ...Object.fromEntries(READERS.map((role) => [role, readInSchool])),
    admin: (allow, grant) => {
      readInSchool(allow, grant);
      allow(['create', 'update', 'delete'], 'StudyPeriod', { schoolId: grant.schoolId });
    },
    authority: (allow, grant) =>
      allow('read', 'StudyPeriod', { schoolId: { regionId: grant.regionId } }),
  };
}

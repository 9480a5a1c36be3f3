import type { Grant } from '../../core/auth/actor';
import { SCHOOL_ROLES, type SchoolRole } from '../../core/auth/roles';
import { Policy, type Allow, type ModulePolicy } from '../../core/policy/module-policy';

const readInSchool = (allow: Allow, grant: Grant) =>
  allow('read', 'ReferenceData', { schoolId: grant.schoolId });

/** Reference data (O1): everyone in the school reads it, the admin keeps it. */
@Policy()
export class ReferenceDataPolicy implements ModulePolicy {
  readonly roles: ModulePolicy['roles'] = {
    ...Object.fromEntries(SCHOOL_ROLES.map((role: SchoolRole) => [role, readInSchool])),
    admin: (allow, grant) => {
      readInSchool(allow, grant);
      allow(['create', 'update'], 'ReferenceData', { schoolId: grant.schoolId });
    },
    authority: (allow, grant) =>
      allow('read', 'ReferenceData', { schoolId: { regionId: grant.regionId } }),
  };
}

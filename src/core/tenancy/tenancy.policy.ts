import { SCHOOL_ROLES, type SchoolRole } from '../auth/roles';
import { Policy, type Allow, type ModulePolicy } from '../policy/module-policy';
import type { Grant } from '../auth/actor';

/** Everyone in a school reads their school and its region. */
const readOwnSchool = (allow: Allow, grant: Grant) => {
  allow('read', 'School', { id: grant.schoolId });
  allow('read', 'Region', { id: grant.regionId });
};

const schoolRoles = Object.fromEntries(SCHOOL_ROLES.map((role) => [role, readOwnSchool])) as Record<
  SchoolRole,
  typeof readOwnSchool
>;

@Policy()
export class TenancyPolicy implements ModulePolicy {
  readonly roles: ModulePolicy['roles'] = {
    ...schoolRoles,
    admin: (allow, grant) => {
      readOwnSchool(allow, grant);
      allow('update', 'School', { id: grant.schoolId });
    },
    // The education authority sees the schools of its region.
    authority: (allow, grant) => {
      allow('read', 'Region', { id: grant.regionId });
      allow('read', 'School', { regionId: grant.regionId });
    },
  };

  platformOperator(allow: Allow): void {
    allow(['read', 'create', 'update'], 'Region');
    allow(['read', 'create', 'update'], 'School');
  }
}

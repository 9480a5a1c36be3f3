import type { Grant } from '../../core/auth/actor';
import { STAFF_ROLES } from '../../core/auth/roles';
import { Policy, type Allow, type ModulePolicy } from '../../core/policy/module-policy';

/**
 * Accounts with a role in the grant's school. Platform operator accounts never count as a
 * school's staff, whatever roles they hold: a school must not be able to take one over.
 */
const inSchool = (grant: Grant) => ({
  isPlatformOperator: false,
  roleAssignments: { $some: { schoolId: grant.schoolId } },
});

/** Accounts whose every role is in the grant's school: one school cannot lock out another's staff. */
const onlyInSchool = (grant: Grant) => ({
  $and: [inSchool(grant), { roleAssignments: { $every: { schoolId: grant.schoolId } } }],
});

const readStaff = (allow: Allow, grant: Grant) => {
  allow('read', 'Account', inSchool(grant));
  allow('read', 'RoleAssignment', { schoolId: grant.schoolId });
};

/** Roles the platform operator hands out: a school's first admin, a region's authority. */
const OPERATOR_ROLES = { $in: ['admin', 'authority'] };

@Policy()
export class AccountsPolicy implements ModulePolicy {
  readonly roles: ModulePolicy['roles'] = {
    admin: (allow, grant) => {
      readStaff(allow, grant);
      allow('create', 'Account');
      allow('update', 'Account', onlyInSchool(grant));
      allow(['create', 'delete'], 'RoleAssignment', {
        schoolId: grant.schoolId,
        role: { $in: STAFF_ROLES },
      });
    },
    director: readStaff,
    deputy: readStaff,
    secretary: readStaff,
  };

  platformOperator(allow: Allow): void {
    allow(['read', 'update'], 'Account', {
      isPlatformOperator: false,
      roleAssignments: { $some: { role: OPERATOR_ROLES } },
    });
    allow('create', 'Account');
    allow(['read', 'create', 'delete'], 'RoleAssignment', { role: OPERATOR_ROLES });
  }
}

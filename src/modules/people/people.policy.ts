import type { Grant } from '../../core/auth/actor';
import { SCHOOL_ROLES } from '../../core/auth/roles';
import { Policy, type Allow, type ModulePolicy } from '../../core/policy/module-policy';
import { familiesOf } from './people.scopes';

const WRITE = ['create', 'update'] as const;
const CARD_PARTS = ['IdentityDocument', 'PersonalFile'] as const;

/** Admin and secretary keep the people database of their school (P1). */
const keepPeople = (allow: Allow, grant: Grant) => {
  const school = { schoolId: grant.schoolId };
  allow(['read', ...WRITE], 'Person', school);
  for (const part of CARD_PARTS) allow(['read', ...WRITE, 'delete'], part, school);
};

const readStaffList = (allow: Allow, grant: Grant) =>
  allow('read', 'StaffList', { schoolId: grant.schoolId });

/**
 * People (P1, P2, P5–P7). Scoped rules use the caller's classes and own cards, loaded per
 * request (ActorScopes). Health data is readable by medical staff and the admin only.
 */
@Policy()
export class PeoplePolicy implements ModulePolicy {
  readonly roles: ModulePolicy['roles'] = {
    ...Object.fromEntries(SCHOOL_ROLES.map((role) => [role, readStaffList])),
    admin: (allow, grant) => {
      readStaffList(allow, grant);
      keepPeople(allow, grant);
      allow('read', 'HealthRecord', { schoolId: grant.schoolId, kind: 'student' });
      allow('create', 'Credential', { schoolId: grant.schoolId });
    },
    secretary: (allow, grant) => {
      readStaffList(allow, grant);
      keepPeople(allow, grant);
    },
    director: (allow, grant) => {
      readStaffList(allow, grant);
      allow('read', ['Person', ...CARD_PARTS], { schoolId: grant.schoolId });
    },
    deputy: (allow, grant) => {
      readStaffList(allow, grant);
      allow('read', 'Person', { schoolId: grant.schoolId });
    },
    medical: (allow, grant) => {
      readStaffList(allow, grant);
      allow('read', 'Person', { schoolId: grant.schoolId, kind: 'student' });
      allow(['read', ...WRITE], 'HealthRecord', { schoolId: grant.schoolId, kind: 'student' });
    },
    psychologist: (allow, grant) => {
      readStaffList(allow, grant);
      allow('read', 'Person', { schoolId: grant.schoolId, kind: { $in: ['student', 'parent'] } });
    },
    teacher: (allow, grant, _actor, scopes) => {
      readStaffList(allow, grant);
      allow('read', 'Person', { schoolId: grant.schoolId, kind: 'staff' });
      // Teachers read the students and parents of the classes they teach: the card only.
      allow('read', 'Person', familiesOf(scopes.taughtClassIds));
      // A class teacher keeps the students and parents of their class (P1, P3, P5).
      const family = familiesOf(scopes.ledClassIds);
      allow(['read', 'update'], ['Person', ...CARD_PARTS], family);
      allow('create', ['IdentityDocument', 'PersonalFile'], family);
      allow('delete', CARD_PARTS, family);
      allow('create', 'Person', { schoolId: grant.schoolId, kind: 'parent' });
      allow('create', 'Credential', family);
    },
    student: (allow, grant, _actor, scopes) => {
      readStaffList(allow, grant);
      const self = { id: { $in: scopes.personIds }, kind: 'student' };
      allow('read', ['Person', 'IdentityDocument'], self);
    },
    parent: (allow, grant, _actor, scopes) => {
      readStaffList(allow, grant);
      allow('read', ['Person', 'IdentityDocument'], { id: { $in: scopes.childIds } });
      allow('read', 'Person', { id: { $in: scopes.personIds }, kind: 'parent' });
    },
  };
}

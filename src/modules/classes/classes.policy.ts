import type { Grant } from '../../core/auth/actor';
import type { Role } from '../../core/auth/roles';
import { Policy, type Allow, type ModulePolicy } from '../../core/policy/module-policy';

const readClasses = (allow: Allow, grant: Grant) =>
  allow('read', ['SchoolClass', 'Subgroup'], { schoolId: grant.schoolId });

/** Staff who read every class of their school. */
const SCHOOL_READERS: Role[] = ['director', 'secretary', 'medical', 'psychologist'];

/** Classes, subgroups, teaching assignments (O3, O4) and movement orders (P4). */
@Policy()
export class ClassesPolicy implements ModulePolicy {
  readonly roles: ModulePolicy['roles'] = {
    ...Object.fromEntries(SCHOOL_READERS.map((role) => [role, readClasses])),
    admin: (allow, grant) => {
      const school = { schoolId: grant.schoolId };
      allow(['read', 'create', 'update', 'delete'], ['SchoolClass', 'Subgroup'], school);
      allow(['read', 'create'], 'MovementOrder', school);
      allow('create', 'ClassList', school);
      allow('read', 'Usage', school);
    },
    deputy: (allow, grant) => {
      const school = { schoolId: grant.schoolId };
      allow(['read', 'create', 'update', 'delete'], ['SchoolClass', 'Subgroup'], school);
      allow('read', 'MovementOrder', school);
      allow('read', 'Usage', school);
    },
    director: (allow, grant) => {
      readClasses(allow, grant);
      allow('read', ['MovementOrder', 'Usage'], { schoolId: grant.schoolId });
    },
    secretary: (allow, grant) => {
      readClasses(allow, grant);
      allow(['read', 'create'], 'MovementOrder', { schoolId: grant.schoolId });
      allow('create', 'ClassList', { schoolId: grant.schoolId });
    },
    teacher: (allow, _grant, _actor, scopes) => {
      const visible = { id: { $in: [...scopes.ledClassIds, ...scopes.taughtClassIds] } };
      allow('read', ['SchoolClass', 'Subgroup'], visible);
      // A class teacher splits their class into subgroups (O4) and watches its usage (P8).
      const led = { id: { $in: scopes.ledClassIds } };
      allow(['create', 'update', 'delete'], 'Subgroup', led);
      allow('create', 'ClassList', led);
      allow('read', 'Usage', led);
      allow('read', 'MovementOrder', {
        movements: {
          $some: {
            $or: [
              { fromClass: { $in: scopes.ledClassIds } },
              { toClass: { $in: scopes.ledClassIds } },
            ],
          },
        },
      });
    },
    student: (allow, _grant, _actor, scopes) =>
      allow('read', ['SchoolClass', 'Subgroup'], { id: { $in: scopes.ownClassIds } }),
    parent: (allow, _grant, _actor, scopes) =>
      allow('read', ['SchoolClass', 'Subgroup'], { id: { $in: scopes.childClassIds } }),
  };
}

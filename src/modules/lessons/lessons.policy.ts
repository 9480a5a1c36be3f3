import type { Grant } from '../../core/auth/actor';
import { Policy, type Allow, type ModulePolicy } from '../../core/policy/module-policy';

const readAll = (allow: Allow, grant: Grant) =>
  allow('read', ['Lesson', 'ThematicPlan'], { schoolId: grant.schoolId });

const planAll = (allow: Allow, grant: Grant) => {
  readAll(allow, grant);
  allow(['create', 'update', 'delete'], 'ThematicPlan', { schoolId: grant.schoolId });
};

/**
 * Lesson records (J1) and thematic plans (O5). Only the teacher of a lesson records it, or
 * the substitute on that date; the class teacher reads every lesson of their class; the
 * leadership reads all; students and parents read their class's lessons.
 */
@Policy()
export class LessonsPolicy implements ModulePolicy {
  readonly roles: ModulePolicy['roles'] = {
    admin: planAll,
    deputy: planAll,
    director: readAll,
    teacher: (allow, _grant, _actor, scopes) => {
      const me = { $in: scopes.personIds };
      const ledClasses = { schoolClass: { $in: scopes.ledClassIds } };
      allow('read', ['Lesson', 'ThematicPlan'], ledClasses);
      allow('read', 'Lesson', { teacher: me });
      allow(['read', 'update'], 'Lesson', { substitute: me });
      // A substituted lesson is the substitute's to record for that date.
      allow('update', 'Lesson', { teacher: me, substitute: null });
      allow(['read', 'create', 'update', 'delete'], 'ThematicPlan', { teacher: me });
    },
    student: (allow, _grant, _actor, scopes) =>
      allow('read', 'Lesson', { schoolClass: { $in: scopes.ownClassIds } }),
    parent: (allow, _grant, _actor, scopes) =>
      allow('read', 'Lesson', { schoolClass: { $in: scopes.childClassIds } }),
  };
}

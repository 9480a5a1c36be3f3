import type { Grant } from '../../core/auth/actor';
import { subject } from '@casl/ability';
import { Policy, type Allow, type ModulePolicy } from '../../core/policy/module-policy';
import type { JournalCell } from '../lessons/journal-cell';

/** A `Mark` subject: one lesson's cell (or its whole column). */
export const markCell = (cell: JournalCell) => subject('Mark', { ...cell });

/** `PeriodMark` rules are checked against a class × subject and its assigned teachers. */
export interface PeriodMarkScope {
  schoolId: string;
  schoolClass: string;
  subject: string;
  teachers: string[];
  student?: string;
}

export const periodMarkScope = (scope: PeriodMarkScope) => subject('PeriodMark', { ...scope });

const readSchool = (allow: Allow, grant: Grant) =>
  allow('read', ['Mark', 'PeriodMark'], { schoolId: grant.schoolId });

/**
 * Marks (J3) and period, year, exam and final marks (J4). A mark is the teacher's judgment:
 * only the teacher of the lesson (or the substitute on that date) gives it, and only a
 * teacher assigned to the class and subject gives period marks. The leadership reads all;
 * a teacher reads the marks of the classes they teach or lead; students and parents read
 * their own (their children's) marks.
 */
@Policy()
export class GradesPolicy implements ModulePolicy {
  readonly roles: ModulePolicy['roles'] = {
    admin: readSchool,
    director: readSchool,
    deputy: readSchool,
    teacher: (allow, _grant, _actor, scopes) => {
      const me = { $in: scopes.personIds };
      allow('read', ['Mark', 'PeriodMark'], { schoolClass: { $in: scopes.taughtClassIds } });
      allow(['read', 'create', 'update', 'delete'], 'Mark', { teacher: me, substitute: null });
      // A substitute from another class reads what they write.
      allow(['read', 'create', 'update', 'delete'], 'Mark', { substitute: me });
      allow(['create', 'update', 'delete'], 'PeriodMark', { teachers: me });
    },
    student: (allow, _grant, _actor, scopes) =>
      allow('read', ['Mark', 'PeriodMark'], { student: { $in: scopes.personIds } }),
    parent: (allow, _grant, _actor, scopes) =>
      allow('read', ['Mark', 'PeriodMark'], { student: { $in: scopes.childIds } }),
  };
}

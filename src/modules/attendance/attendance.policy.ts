import type { Grant } from '../../core/auth/actor';
import { subject } from '@casl/ability';
import { Policy, type Allow, type ModulePolicy } from '../../core/policy/module-policy';
import type { JournalCell } from '../lessons/journal-cell';

/** An `Attendance` subject: one lesson's cell (or its whole column). */
export const attendanceCell = (cell: JournalCell) => subject('Attendance', { ...cell });

const readSchool = (allow: Allow, grant: Grant) =>
  allow('read', 'Attendance', { schoolId: grant.schoolId });

/**
 * Attendance (J2). The teacher of a lesson (or its substitute) records it; the class teacher
 * reconciles their class's attendance and may set it for any lesson of the class (a day's
 * reason, the weekly reconciliation). Leadership, medical staff and the psychologist read
 * the school's; students and parents their own (their children's).
 */
@Policy()
export class AttendancePolicy implements ModulePolicy {
  readonly roles: ModulePolicy['roles'] = {
    admin: readSchool,
    director: readSchool,
    deputy: readSchool,
    medical: readSchool,
    psychologist: readSchool,
    teacher: (allow, _grant, _actor, scopes) => {
      const me = { $in: scopes.personIds };
      allow('read', 'Attendance', { schoolClass: { $in: scopes.taughtClassIds } });
      allow(['read', 'create', 'update', 'delete'], 'Attendance', {
        teacher: me,
        substitute: null,
      });
      // A substitute from another class reads what they write.
      allow(['read', 'create', 'update', 'delete'], 'Attendance', { substitute: me });
      allow(['create', 'update', 'delete'], 'Attendance', {
        schoolClass: { $in: scopes.ledClassIds },
      });
    },
    student: (allow, _grant, _actor, scopes) =>
      allow('read', 'Attendance', { student: { $in: scopes.personIds } }),
    parent: (allow, _grant, _actor, scopes) =>
      allow('read', 'Attendance', { student: { $in: scopes.childIds } }),
  };
}

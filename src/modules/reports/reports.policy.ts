import type { Grant } from '../../core/auth/actor';
import { Policy, type Allow, type ModulePolicy } from '../../core/policy/module-policy';
import { REPORT_TYPES, type ReportType } from './report-types/report-type-names';

/** Reports about one class that its teachers run (they read its marks and attendance anyway). */
export const TAUGHT_CLASS_REPORTS: readonly ReportType[] = [
  'attendance-by-month',
  'class-results',
  'marks-summary',
  'attendance-summary',
];

/** Reports about one class that only its class teacher (besides the leadership) runs. */
export const LED_CLASS_REPORTS: readonly ReportType[] = ['printed-journal'];

const runAnyInSchool = (allow: Allow, grant: Grant) =>
  allow('create', 'Report', { schoolId: grant.schoolId, type: { $in: [...REPORT_TYPES] } });

/**
 * Who runs which report (PERMISSIONS.md, "School reports"): the school's leadership any report
 * of the school; a teacher the class reports of the classes they teach or lead, and the class
 * teacher the printed journal of their class. A report, once
 * asked for, is seen by the one who asked only; reading its file checks the run rule again.
 */
@Policy()
export class ReportsPolicy implements ModulePolicy {
  readonly roles: ModulePolicy['roles'] = {
    admin: runAnyInSchool,
    director: runAnyInSchool,
    deputy: runAnyInSchool,
    teacher: (allow, grant, _actor, scopes) => {
      allow('create', 'Report', {
        schoolId: grant.schoolId,
        type: { $in: [...TAUGHT_CLASS_REPORTS] },
        classId: { $in: scopes.taughtClassIds },
      });
      // The class teacher prints and certifies their class's journal (J9, J13).
      allow('create', 'Report', {
        schoolId: grant.schoolId,
        type: { $in: [...LED_CLASS_REPORTS] },
        classId: { $in: scopes.ledClassIds },
      });
    },
  };

  everyone(allow: Allow, actor: { accountId: string }): void {
    allow('read', 'Report', { requestedBy: actor.accountId });
  }
}

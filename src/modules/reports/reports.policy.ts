import { subject } from '@casl/ability';
import type { Grant } from '../../core/auth/actor';
import { Policy, type Allow, type ModulePolicy } from '../../core/policy/module-policy';
import type { ReportTarget } from './report-types/report-definition';
import { REPORT_TYPES, type ReportType } from './report-types/report-type-names';

/** The `Report` subject a run is checked against: a type about a school, class or student. */
export const reportRun = (type: string, target: ReportTarget) =>
  subject('Report', {
    schoolId: target.schoolId,
    type,
    classId: target.classId,
    studentId: target.studentId,
  });

/** Reports about one class that its teachers run (they read its marks and attendance anyway). */
export const TAUGHT_CLASS_REPORTS: readonly ReportType[] = [
  'attendance-by-month',
  'class-results',
  'marks-summary',
  'attendance-summary',
  'marks-forecast',
  'attendance-weekly',
  'student-progress',
];

/** The class teacher's own reports (seed 003 §5.2.8), of the class they lead. */
export const LED_CLASS_REPORTS: readonly ReportType[] = [
  'class-teacher-preliminary',
  'class-teacher-period',
  'usage',
  'printed-journal',
];

/** What the medical staff and the psychologist run (they read the school's attendance). */
const CARE_REPORTS: readonly ReportType[] = ['health-groups', 'attendance-summary'];
const runCareReports = (allow: Allow, grant: Grant) =>
  allow('create', 'Report', { schoolId: grant.schoolId, type: { $in: [...CARE_REPORTS] } });

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
      // The class teacher's own reports, and the printed journal they certify (J9, J13).
      allow('create', 'Report', {
        schoolId: grant.schoolId,
        type: { $in: [...LED_CLASS_REPORTS] },
        classId: { $in: scopes.ledClassIds },
      });
    },
    // The secretary keeps the movement orders (P4): the movement summary is theirs too.
    secretary: (allow, grant) =>
      allow('create', 'Report', { schoolId: grant.schoolId, type: 'movement-summary' }),
    medical: runCareReports,
    psychologist: runCareReports,
    // The parents' progress report (seed 003 §5.2.6), for their own children only.
    parent: (allow, grant, _actor, scopes) =>
      allow('create', 'Report', {
        schoolId: grant.schoolId,
        type: 'student-progress',
        studentId: { $in: scopes.childIds },
      }),
  };

  everyone(allow: Allow, actor: { accountId: string }): void {
    allow('read', 'Report', { requestedBy: actor.accountId });
  }
}

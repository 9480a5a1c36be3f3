import type { Grant } from '../auth/actor';
import { Policy, type Allow, type ModulePolicy } from '../policy/module-policy';

const readSchoolAudit = (allow: Allow, grant: Grant) =>
  allow('read', 'AuditEvent', { schoolId: grant.schoolId });

/** The school's leadership reads its audit trail. */
@Policy()
export class AuditPolicy implements ModulePolicy {
  readonly roles: ModulePolicy['roles'] = {
    admin: readSchoolAudit,
    director: readSchoolAudit,
    deputy: readSchoolAudit,
  };
}

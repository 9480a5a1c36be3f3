import { Policy, type Allow, type ModulePolicy } from '../../core/policy/module-policy';

/** Backups are the admin's duty (seed 001); nobody else sees them. */
@Policy()
export class BackupsPolicy implements ModulePolicy {
  readonly roles: ModulePolicy['roles'] = {
    admin: (allow: Allow) => allow(['read', 'create'], 'Backup'),
  };
}

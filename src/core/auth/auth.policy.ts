import { Policy, type Allow, type ModulePolicy } from '../policy/module-policy';

/** Every signed-in account reads and changes its own account and password. */
@Policy()
export class AuthPolicy implements ModulePolicy {
  everyone(allow: Allow): void {
    allow(['read', 'update'], 'OwnAccount');
  }
}

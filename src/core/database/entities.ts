import { AuditEvent } from '../audit/audit-event.entity';
import { Account } from '../auth/entities/account.entity';
import { ActivationCode } from '../auth/entities/activation-code.entity';
import { LoginAttempt } from '../auth/entities/login-attempt.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { RoleAssignment } from '../auth/entities/role-assignment.entity';
import { Backup } from '../../modules/backups/entities/backup.entity';
import { Region } from '../tenancy/entities/region.entity';
import { School } from '../tenancy/entities/school.entity';

/** Every entity of the application; a module adds its own here. */
export const ENTITIES = [
  Region,
  School,
  Account,
  RoleAssignment,
  ActivationCode,
  RefreshToken,
  LoginAttempt,
  AuditEvent,
  Backup,
];

import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode } from '../http/error-codes';
import { ProblemException } from '../http/problem';
import { Region } from '../tenancy/entities/region.entity';
import { School } from '../tenancy/entities/school.entity';
import { AuthService } from './auth.service';
import { Account, type AccountStatus } from './entities/account.entity';
import { RoleAssignment } from './entities/role-assignment.entity';
import { verifyPassword } from './passwords';
import type { Role } from './roles';

/** An account, its roles per school and per region: what core knows of the caller. */
export interface AccountOverview {
  id: string;
  login: string;
  displayName: string;
  email: string | null;
  status: AccountStatus;
  isPlatformOperator: boolean;
  lastLoginAt: string | null;
  schools: {
    schoolId: string;
    schoolName: string;
    schoolShortName: string;
    regionId: string;
    roles: Role[];
  }[];
  regions: { regionId: string; regionName: string; roles: Role[] }[];
}

/** The caller's own account: who they are, where they have which roles, their password. */
@Injectable()
export class MeService {
  constructor(
    private readonly em: EntityManager,
    private readonly auth: AuthService,
  ) {}

  /** The account and its roles; `GET /v1/me` (modules/profile) adds what the modules know. */
  async describe(accountId: string): Promise<AccountOverview> {
    const account = await this.em.findOneOrFail(Account, accountId);
    const assignments = await this.em.find(
      RoleAssignment,
      { account: accountId },
      { orderBy: { role: 'asc' } },
    );
    const schoolIds = [...new Set(assignments.flatMap((a) => (a.schoolId ? [a.schoolId] : [])))];
    const regionIds = [...new Set(assignments.filter((a) => !a.schoolId).map((a) => a.regionId))];
    const [schools, regions] = await Promise.all([
      schoolIds.length
        ? this.em.find(School, { id: { $in: schoolIds } }, { orderBy: { name: 'asc' } })
        : [],
      regionIds.length
        ? this.em.find(Region, { id: { $in: regionIds } }, { orderBy: { name: 'asc' } })
        : [],
    ]);
    return {
      id: account.id,
      login: account.login,
      displayName: account.displayName,
      email: account.email,
      status: account.status,
      isPlatformOperator: account.isPlatformOperator,
      lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
      schools: schools.map((school) => ({
        schoolId: school.id,
        schoolName: school.name,
        schoolShortName: school.shortName,
        regionId: school.regionId,
        roles: assignments.filter((a) => a.schoolId === school.id).map((a) => a.role),
      })),
      regions: regions.map((region) => ({
        regionId: region.id,
        regionName: region.name,
        roles: assignments
          .filter((a) => !a.schoolId && a.regionId === region.id)
          .map((a) => a.role),
      })),
    };
  }

  /** Changes the password and revokes every refresh token: other devices must log in again. */
  async changePassword(
    accountId: string,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const account = await this.em.findOneOrFail(Account, accountId, { populate: ['passwordHash'] });
    if (!account.passwordHash || !(await verifyPassword(account.passwordHash, currentPassword))) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        ErrorCode.currentPasswordWrong,
        'Current password is wrong',
        'The current password does not match.',
      );
    }
    await this.auth.setPassword(account, newPassword);
  }
}

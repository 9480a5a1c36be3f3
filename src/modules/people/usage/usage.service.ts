import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { subject } from '@casl/ability';
import { Account } from '../../../core/auth/entities/account.entity';
import { RoleAssignment } from '../../../core/auth/entities/role-assignment.entity';
import type { SchoolRole } from '../../../core/auth/roles';
import { findPage, type Page } from '../../../core/http/pagination';
import { ProblemException } from '../../../core/http/problem';
import { findVisible } from '../../../core/policy/scoped-find';
import type { AppAbility } from '../../../core/policy/subjects';
import { School } from '../../../core/tenancy/entities/school.entity';
import { SchoolClass } from '../../classes/entities/school-class.entity';
import { fullName } from '../person-name';
import { familiesOf } from '../credentials/class-families';
import { RosterService } from '../../classes/roster/roster.service';
import { Clock } from '../../../core/clock/clock';
import type {
  AccountUsageDto,
  InactiveParentDto,
  InactiveParentListDto,
  InactivityReason,
  SchoolUsageQueryDto,
} from './dto/usage.dto';

const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (days: number, now: Date) => new Date(now.getTime() - days * DAY_MS);

/** Usage monitoring (P8): when accounts last logged in. */
@Injectable()
export class UsageService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly roster: RosterService,
  ) {}

  /** Accounts with a role in the school, with their last login. */
  async schoolUsage(
    ability: AppAbility,
    schoolId: string,
    query: SchoolUsageQueryDto,
  ): Promise<Page<AccountUsageDto>> {
    await findVisible(this.em, School, schoolId, ability, 'School');
    if (!ability.can('read', subject('Usage', { schoolId }))) {
      throw ProblemException.forbidden('You may not see the usage of this school.');
    }
    const now = this.clock.now();
    const filters: FilterQuery<Account>[] = [
      { roleAssignments: { $some: { schoolId, ...(query.role ? { role: query.role } : {}) } } },
    ];
    if (query.inactiveDays) {
      const cutoff = daysAgo(query.inactiveDays, now);
      filters.push({ $or: [{ lastSeenAt: null }, { lastSeenAt: { $lte: cutoff } }] });
    }
    const page = await findPage(this.em, Account, { $and: filters }, query);
    const assignments = await this.em.find(
      RoleAssignment,
      { account: { $in: page.items.map((a) => a.id) }, schoolId },
      { orderBy: { role: 'asc' } },
    );
    return {
      items: page.items.map((account) => ({
        accountId: account.id,
        login: account.login,
        displayName: account.displayName,
        roles: assignments
          .filter((a) => a.account.id === account.id)
          .map((a) => a.role as SchoolRole),
        status: account.status,
        lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
        daysSinceLastLogin: daysSince(account.lastLoginAt, now),
        lastSeenAt: account.lastSeenAt?.toISOString() ?? null,
        daysSinceLastSeen: daysSince(account.lastSeenAt, now),
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** Parents of the class's current students with no account, or no login for `days` days. */
  async inactiveParents(
    ability: AppAbility,
    classId: string,
    days: number,
  ): Promise<InactiveParentListDto> {
    const schoolClass = await findVisible(this.em, SchoolClass, classId, ability, 'Usage');
    const school = await this.em.findOneOrFail(School, schoolClass.schoolId);
    const { parents } = await familiesOf(
      this.em,
      await this.roster.studentsEnrolledOn(classId, this.clock.today(school.timeZone)),
    );
    const accountIds = parents.flatMap(({ parent }) =>
      parent.accountId ? [parent.accountId] : [],
    );
    const accounts = new Map(
      (await this.em.find(Account, { id: { $in: accountIds } })).map((a) => [a.id, a]),
    );
    const cutoff = daysAgo(days, this.clock.now());
    const items: InactiveParentDto[] = [];
    for (const { parent, children } of parents) {
      const account = parent.accountId ? accounts.get(parent.accountId) : undefined;
      let reason: InactivityReason;
      if (!account) reason = 'no-account';
      else if (!account.lastSeenAt) reason = 'never-logged-in';
      else if (account.lastSeenAt <= cutoff) reason = 'inactive';
      else continue;
      items.push({
        parentId: parent.id,
        fullName: fullName(parent),
        children: children.map((child) => ({ id: child.id, fullName: fullName(child) })),
        accountId: account?.id ?? null,
        login: account?.login ?? null,
        lastLoginAt: account?.lastLoginAt?.toISOString() ?? null,
        lastSeenAt: account?.lastSeenAt?.toISOString() ?? null,
        reason,
      });
    }
    return { items };
  }
}

/** Whole days from `at` to `now`; null when never. */
const daysSince = (at: Date | null, now: Date): number | null =>
  at ? Math.floor((now.getTime() - at.getTime()) / DAY_MS) : null;

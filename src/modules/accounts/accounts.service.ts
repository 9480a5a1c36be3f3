import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { subject } from '@casl/ability';
import type { Actor, Grant } from '../../core/auth/actor';
import { ActivationCodesService } from '../../core/auth/activation-codes.service';
import { AuthService, normalizeLogin } from '../../core/auth/auth.service';
import { Account } from '../../core/auth/entities/account.entity';
import { RoleAssignment } from '../../core/auth/entities/role-assignment.entity';
import { isRegionRole, SCHOOL_ROLES } from '../../core/auth/roles';
import { escapeLike } from '../../core/database/like';
import { assertIfMatch } from '../../core/http/conditional-requests';
import { ErrorCode } from '../../core/http/error-codes';
import { findPage, type Page } from '../../core/http/pagination';
import { ProblemException, type FieldError } from '../../core/http/problem';
import { accessibleWhere } from '../../core/policy/accessible-where';
import { assertAllowed, findVisible } from '../../core/policy/scoped-find';
import type { AppAbility } from '../../core/policy/subjects';
import { auditInSchool, callContext } from '../../core/request-context/call-context';
import { Region } from '../../core/tenancy/entities/region.entity';
import { School } from '../../core/tenancy/entities/school.entity';
import type {
  AccountDto,
  ActivationCodeDto,
  CreateAccountDto,
  ListAccountsQueryDto,
  RoleGrantDto,
  SetSchoolRolesDto,
  UpdateAccountDto,
} from './dto/account.dto';

/** Staff accounts as a school admin (or a platform operator) manages them. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly em: EntityManager,
    private readonly auth: AuthService,
    private readonly activationCodes: ActivationCodesService,
  ) {}

  async list(ability: AppAbility, query: ListAccountsQueryDto): Promise<Page<AccountDto>> {
    const filters: FilterQuery<Account>[] = [accessibleWhere<Account>(ability, 'read', 'Account')];
    if (query.schoolId || query.role) {
      // Only through roles the caller may see: filtering must not reveal hidden roles.
      const assignment: FilterQuery<RoleAssignment> = {
        $and: [
          accessibleWhere<RoleAssignment>(ability, 'read', 'RoleAssignment'),
          query.schoolId ? { schoolId: query.schoolId } : {},
          query.role ? { role: query.role } : {},
        ],
      };
      filters.push({ roleAssignments: { $some: assignment } });
    }
    if (query.status) filters.push({ status: query.status });
    if (query.q) {
      const pattern = `%${escapeLike(query.q)}%`;
      filters.push({ $or: [{ login: { $ilike: pattern } }, { displayName: { $ilike: pattern } }] });
    }
    const page = await findPage(this.em, Account, { $and: filters }, query);
    return { items: await this.describe(ability, page.items), nextCursor: page.nextCursor };
  }

  async get(ability: AppAbility, id: string): Promise<AccountDto> {
    const account = await findVisible(this.em, Account, id, ability, 'Account');
    return (await this.describe(ability, [account]))[0];
  }

  async create(ability: AppAbility, input: CreateAccountDto): Promise<AccountDto> {
    const grants = await this.resolveGrants(ability, input.roles, 'roles');
    const login = normalizeLogin(input.login);
    if ((await this.em.count(Account, { login })) > 0) {
      throw ProblemException.conflict(ErrorCode.alreadyExists, `The login "${login}" is taken.`);
    }
    const account = this.em.create(Account, {
      login,
      displayName: input.displayName,
      email: input.email ?? null,
    });
    for (const grant of grants) this.em.create(RoleAssignment, { account, ...grant });
    auditInSchool(grants.find((grant) => grant.schoolId)?.schoolId);
    await this.em.flush();
    return this.get(ability, account.id);
  }

  async update(
    ability: AppAbility,
    id: string,
    changes: UpdateAccountDto,
    ifMatch?: string,
  ): Promise<AccountDto> {
    const account = await this.loadForChange(ability, id);
    assertIfMatch(ifMatch, (await this.describe(ability, [account]))[0]);
    this.em.assign(account, changes);
    await this.em.flush();
    return this.get(ability, id);
  }

  /** Blocks login and revokes every refresh token; issued access tokens run out within their TTL. */
  async disable(
    ability: AppAbility,
    actor: Actor,
    id: string,
    reason?: string,
  ): Promise<AccountDto> {
    if (id === actor.accountId) {
      throw ProblemException.conflict(ErrorCode.conflict, 'You cannot disable your own account.');
    }
    const account = await this.loadForChange(ability, id);
    account.status = 'disabled';
    const context = callContext.current();
    if (context && reason) context.reason = reason;
    await this.em.flush();
    await this.auth.revokeAllSessions(id);
    return this.get(ability, id);
  }

  async enable(ability: AppAbility, id: string): Promise<AccountDto> {
    const account = await this.loadForChange(ability, id);
    account.status = account.passwordChangedAt ? 'active' : 'pending';
    await this.em.flush();
    return this.get(ability, id);
  }

  /** A new one-time code to (re)set the password; the previous code stops working. */
  async issueActivationCode(
    ability: AppAbility,
    actor: Actor,
    id: string,
  ): Promise<ActivationCodeDto> {
    const account = await this.loadForChange(ability, id);
    if (account.status === 'disabled') {
      throw ProblemException.conflict(
        ErrorCode.conflict,
        'Enable the account before issuing a code.',
      );
    }
    const issued = await this.activationCodes.issue(account, actor.accountId);
    return { code: issued.code, expiresAt: issued.expiresAt.toISOString() };
  }

  /** Replaces the account's roles in one school with the given list. */
  /** Replaces the account's roles in one school with the given list. */
  async setSchoolRoles(
    ability: AppAbility,
    actor: Actor,
    id: string,
    input: SetSchoolRolesDto,
  ): Promise<AccountDto> {
    const account = await findVisible(this.em, Account, id, ability, 'Account');
    const managesSchool = SCHOOL_ROLES.some((role) =>
      ability.can('create', subject('RoleAssignment', { schoolId: input.schoolId, role })),
    );
    if (!managesSchool) throw ProblemException.forbidden('You do not manage roles in this school.');
    const wanted = await this.resolveGrants(
      ability,
      input.roles.map((role) => ({ role, schoolId: input.schoolId })),
      'roles',
    );
    // Only roles the caller may see are loaded, so a refusal cannot name a hidden one.
    const current = await this.em.find(RoleAssignment, {
      $and: [
        { account, schoolId: input.schoolId },
        accessibleWhere<RoleAssignment>(ability, 'read', 'RoleAssignment'),
      ],
    });
    for (const assignment of current) {
      if (wanted.some((g) => g.role === assignment.role)) continue;
      if (id === actor.accountId && assignment.role === 'admin') {
        throw ProblemException.conflict(
          ErrorCode.conflict,
          'You cannot remove your own admin role.',
        );
      }
      if (!ability.can('delete', subject('RoleAssignment', { ...assignment }))) {
        throw ProblemException.forbidden(
          `You may not remove the role ${assignment.role} in this school.`,
        );
      }
      this.em.remove(assignment);
    }
    for (const grant of wanted) {
      if (!current.some((a) => a.role === grant.role))
        this.em.create(RoleAssignment, { account, ...grant });
    }
    auditInSchool(input.schoolId);
    await this.em.flush();
    // Described directly: with its last role here removed, the account may no longer be visible.
    return (await this.describe(ability, [account]))[0];
  }

  private async loadForChange(ability: AppAbility, id: string): Promise<Account> {
    const account = await findVisible(this.em, Account, id, ability, 'Account');
    await assertAllowed(this.em, Account, id, ability, 'update', 'Account');
    const visible = await this.em.find(RoleAssignment, {
      $and: [{ account: id }, accessibleWhere<RoleAssignment>(ability, 'read', 'RoleAssignment')],
    });
    // Audit rows of account changes belong to the school the change was made in.
    auditInSchool(visible.find((assignment) => assignment.schoolId)?.schoolId);
    return account;
  }

  /** Checks each requested role and fills in its region; every problem is reported at once. */
  private async resolveGrants(
    ability: AppAbility,
    requested: RoleGrantDto[],
    field: string,
  ): Promise<Grant[]> {
    const errors: FieldError[] = [];
    const grants: Grant[] = [];
    const schools = new Map(
      (
        await this.em.find(School, {
          id: { $in: requested.flatMap((r) => (r.schoolId ? [r.schoolId] : [])) },
        })
      ).map((s) => [s.id, s]),
    );
    for (const [index, grant] of requested.entries()) {
      const at = `${field}[${index}]`;
      if (isRegionRole(grant.role)) {
        if (grant.schoolId)
          errors.push({
            field: `${at}.schoolId`,
            messages: [`${grant.role} is a region role: omit schoolId`],
          });
        if (!grant.regionId) {
          errors.push({
            field: `${at}.regionId`,
            messages: ['regionId is required for a region role'],
          });
        } else if (!(await this.em.count(Region, grant.regionId))) {
          errors.push({ field: `${at}.regionId`, messages: ['no such region'] });
        } else {
          grants.push({ role: grant.role, schoolId: null, regionId: grant.regionId });
        }
        continue;
      }
      const school = grant.schoolId ? schools.get(grant.schoolId) : undefined;
      if (!grant.schoolId)
        errors.push({
          field: `${at}.schoolId`,
          messages: ['schoolId is required for a school role'],
        });
      else if (!school) errors.push({ field: `${at}.schoolId`, messages: ['no such school'] });
      else grants.push({ role: grant.role, schoolId: school.id, regionId: school.regionId });
    }
    if (errors.length > 0) throw ProblemException.invalid(errors);
    for (const grant of grants) {
      if (!ability.can('create', subject('RoleAssignment', { ...grant }))) {
        throw ProblemException.forbidden(`You may not grant the role ${grant.role} there.`);
      }
    }
    return grants.filter(
      (g, i) =>
        grants.findIndex(
          (o) => o.role === g.role && o.schoolId === g.schoolId && o.regionId === g.regionId,
        ) === i,
    );
  }

  /** Account representations, with only the role assignments the caller may see. */
  private async describe(ability: AppAbility, accounts: Account[]): Promise<AccountDto[]> {
    if (accounts.length === 0) return [];
    const assignments = await this.em.find(
      RoleAssignment,
      {
        $and: [
          { account: { $in: accounts.map((a) => a.id) } },
          accessibleWhere<RoleAssignment>(ability, 'read', 'RoleAssignment'),
        ],
      },
      { orderBy: { id: 'asc' } },
    );
    return accounts.map((account) => ({
      id: account.id,
      login: account.login,
      displayName: account.displayName,
      email: account.email,
      status: account.status,
      lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
      roles: assignments
        .filter((a) => a.account.id === account.id)
        .map((a) => ({ role: a.role, schoolId: a.schoolId, regionId: a.regionId })),
      createdAt: account.createdAt.toISOString(),
      updatedAt: account.updatedAt.toISOString(),
    }));
  }
}

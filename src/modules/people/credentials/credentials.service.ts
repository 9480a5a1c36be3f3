import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { subject } from '@casl/ability';
import type { Actor } from '../../../core/auth/actor';
import { ActivationCodesService } from '../../../core/auth/activation-codes.service';
import { normalizeLogin } from '../../../core/auth/auth.service';
import { Account } from '../../../core/auth/entities/account.entity';
import { RoleAssignment } from '../../../core/auth/entities/role-assignment.entity';
import { STAFF_ROLES, type SchoolRole } from '../../../core/auth/roles';
import { ErrorCode } from '../../../core/http/error-codes';
import { ProblemException } from '../../../core/http/problem';
import { accessibleWhere } from '../../../core/policy/accessible-where';
import { assertAllowed, findVisible } from '../../../core/policy/scoped-find';
import type { AppAbility } from '../../../core/policy/subjects';
import { auditInSchool } from '../../../core/request-context/call-context';
import { School } from '../../../core/tenancy/entities/school.entity';
import { SchoolClass } from '../../classes/entities/school-class.entity';
import { className } from '../../classes/class-name';
import { Person } from '../entities/person.entity';
import { PersonAccountsService } from '../person-accounts.service';
import { fullName } from '../person-name';
import { familiesOf } from './class-families';
import { RosterService } from '../../classes/roster/roster.service';
import { Clock } from '../../../core/clock/clock';
import { renderCredentialSlips, type Slip } from './credential-slips.pdf';
import {
  SLIP_AUDIENCES,
  type CredentialSlipsDto,
  type IssueCredentialsDto,
  type IssuedCredentialsDto,
} from './dto/credential.dto';
import { baseLogin, freeLogin, transliterate } from './login-generator';

interface Issued {
  person: Person;
  account: Account;
  code: string;
  expiresAt: Date;
  created: boolean;
}

export interface CredentialSlipsFile {
  filename: string;
  /** The same name in Cyrillic, for `filename*`. */
  displayName: string;
  pdf: Buffer;
}

/** Roles an account issued through a card of this kind may hold for the card to reset it. */
const rolesOfKind = (person: Person): readonly SchoolRole[] =>
  person.kind === 'staff' ? STAFF_ROLES : [person.kind];

/**
 * Credentials (P3): an account per person card and one-time activation codes. The code is
 * returned once (in the answer or on the printed slip) and stored only as a hash.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly em: EntityManager,
    private readonly activationCodes: ActivationCodesService,
    private readonly clock: Clock,
    private readonly roster: RosterService,
    private readonly personAccounts: PersonAccountsService,
  ) {}

  async issueToPerson(
    ability: AppAbility,
    actor: Actor,
    personId: string,
    input: IssueCredentialsDto,
  ): Promise<IssuedCredentialsDto> {
    await findVisible(this.em, Person, personId, ability, 'Person');
    await assertAllowed(this.em, Person, personId, ability, 'create', 'Credential');
    const issued = await this.em.transactional(async (em) => {
      const person = await em.findOneOrFail(Person, personId, {
        lockMode: LockMode.PESSIMISTIC_WRITE,
      });
      auditInSchool(person.schoolId);
      if (input.existingLogin) return this.reuseAccount(em, ability, actor, person, input);
      const prepared = await this.prepareAccount(em, ability, person, input, new Set(), true);
      return this.issueCode(person, prepared!, actor);
    });
    return {
      personId: issued.person.id,
      accountId: issued.account.id,
      login: issued.account.login,
      activationCode: issued.code,
      expiresAt: issued.expiresAt?.toISOString() ?? null,
      accountCreated: issued.created,
    };
  }

  /**
   * Issuing with `existingLogin`: the card links that existing account (the linking rules of
   * PersonAccountsService, checked against the card as `update Person`) instead of getting a
   * new one. A code is issued only for an account that never set a password and where a card
   * may re-issue one (`existingAccount`: no roles beyond this card's kind in this school). An
   * account with a password, or with roles elsewhere, keeps its password: linking must not
   * become a password reset by someone who does not manage the account. No code then.
   */
  private async reuseAccount(
    em: EntityManager,
    ability: AppAbility,
    actor: Actor,
    person: Person,
    input: IssueCredentialsDto,
  ): Promise<Omit<Issued, 'code' | 'expiresAt'> & { code: string | null; expiresAt: Date | null }> {
    const clashes = (['login', 'roles'] as const).filter((field) => input[field] !== undefined);
    if (clashes.length > 0) {
      throw ProblemException.invalid(
        clashes.map((field) => ({
          field,
          messages: [`${field} is for a new account; leave it out with existingLogin`],
        })),
      );
    }
    await assertAllowed(em, Person, person.id, ability, 'update', 'Person');
    const { account } = await this.personAccounts.attach(person, input.existingLogin!);
    const codeAllowed =
      account.status === 'pending' && (await this.existingAccount(em, person, {}, false));
    if (!codeAllowed) {
      await em.flush();
      return { person, account, code: null, expiresAt: null, created: false };
    }
    return this.issueCode(person, { account, created: false }, actor);
  }

  /** Issues (or re-issues) credentials to a class's families at once and prints their slips. */
  async printClassSlips(
    ability: AppAbility,
    actor: Actor,
    classId: string,
    input: CredentialSlipsDto,
  ): Promise<CredentialSlipsFile> {
    const schoolClass = await findVisible(this.em, SchoolClass, classId, ability, 'SchoolClass');
    const school = await this.em.findOneOrFail(School, schoolClass.schoolId);
    const families = await familiesOf(
      this.em,
      await this.roster.studentsEnrolledOn(classId, this.clock.today(school.timeZone)),
    );
    const everyone = [...families.students, ...families.parents.map((p) => p.parent)];
    const allowed = await this.issuableIds(ability, everyone);
    const mayIssue =
      everyone.length > 0
        ? allowed.size > 0
        : ability.can('create', subject('Credential', { schoolId: school.id }));
    if (!mayIssue) {
      throw ProblemException.forbidden('You may not issue credentials to this class’s families.');
    }
    const include = new Set(input.include ?? SLIP_AUDIENCES);
    const wanted = (person: Person) =>
      allowed.has(person.id) && !(input.onlyWithoutAccount && person.accountId);
    const children = new Map(families.parents.map((p) => [p.parent.id, p.children]));
    const targets = [
      ...(include.has('students') ? families.students : []),
      ...(include.has('parents') ? families.parents.map((p) => p.parent) : []),
    ].filter(wanted);

    const issued = await this.em.transactional(async (em) => {
      auditInSchool(school.id);
      const reserved = new Set<string>();
      const result: Issued[] = [];
      for (const target of targets) {
        const person = await em.findOneOrFail(Person, target.id);
        const prepared = await this.prepareAccount(em, ability, person, {}, reserved, false);
        // Disabled or shared accounts are left alone; their holders go to the admin.
        if (!prepared) continue;
        reserved.add(prepared.account.login);
        result.push(await this.issueCode(person, prepared, actor));
      }
      return result;
    });

    const name = className(schoolClass);
    const slips: Slip[] = issued.map(({ person, account, code, expiresAt }) => ({
      schoolName: school.shortName,
      className: name,
      fullName: fullName(person),
      role: person.kind === 'student' ? 'student' : 'parent',
      children: (children.get(person.id) ?? []).map(fullName),
      login: account.login,
      code,
      expiresAt,
    }));
    return {
      filename: `credentials-${transliterate(name).toUpperCase() || 'class'}.pdf`,
      displayName: `credentials-${name}.pdf`,
      pdf: await renderCredentialSlips(slips, school.timeZone),
    };
  }

  /** Which of these people the caller may issue credentials to (by the same SQL rules). */
  private async issuableIds(ability: AppAbility, people: Person[]): Promise<Set<string>> {
    if (people.length === 0) return new Set();
    const rows = await this.em.find(
      Person,
      {
        $and: [
          { id: { $in: people.map((p) => p.id) } },
          accessibleWhere<Person>(ability, 'create', 'Credential'),
        ],
      },
      { fields: ['id'] },
    );
    return new Set(rows.map((row) => row.id));
  }

  /** The person's account, created now if they have none; null when a batch skips them. */
  private async prepareAccount(
    em: EntityManager,
    ability: AppAbility,
    person: Person,
    input: IssueCredentialsDto,
    reserved: ReadonlySet<string>,
    strict: boolean,
  ): Promise<{ account: Account; created: boolean } | null> {
    if (!person.accountId) {
      return {
        account: await this.createAccount(em, ability, person, input, reserved),
        created: true,
      };
    }
    const account = await this.existingAccount(em, person, input, strict);
    return account && { account, created: false };
  }

  /**
   * The account of a card that has one, if a code may be issued for it here: not disabled,
   * and holding no roles beyond this card's kind or outside this school — otherwise a card
   * would reset the password of, say, a teacher's account that is also linked as a parent.
   * Throws when `strict`; a batch skips such people instead.
   */
  private async existingAccount(
    em: EntityManager,
    person: Person,
    input: IssueCredentialsDto,
    strict: boolean,
  ): Promise<Account | null> {
    const account = await em.findOneOrFail(Account, person.accountId!, {
      populate: ['roleAssignments'],
    });
    const refuse = (problem: ProblemException) => {
      if (strict) throw problem;
      return null;
    };
    if (input.login && normalizeLogin(input.login) !== account.login) {
      return refuse(
        ProblemException.conflict(
          ErrorCode.conflict,
          `The person already has the login "${account.login}".`,
        ),
      );
    }
    if (input.roles) {
      return refuse(
        ProblemException.conflict(
          ErrorCode.conflict,
          'The person already has an account: change its roles with PUT /v1/accounts/{id}/roles.',
        ),
      );
    }
    if (account.status === 'disabled') {
      return refuse(
        ProblemException.conflict(ErrorCode.conflict, 'Enable the account before issuing a code.'),
      );
    }
    const allowedRoles = rolesOfKind(person);
    const foreign = account.roleAssignments
      .getItems()
      .some((a) => a.schoolId !== person.schoolId || !allowedRoles.includes(a.role as SchoolRole));
    if (account.isPlatformOperator || foreign) {
      return refuse(
        ProblemException.forbidden(
          'The account holds other roles; its password is reset through account management.',
        ),
      );
    }
    return account;
  }

  private async createAccount(
    em: EntityManager,
    ability: AppAbility,
    person: Person,
    input: IssueCredentialsDto,
    reserved: ReadonlySet<string>,
  ): Promise<Account> {
    const roles = this.rolesFor(person, input);
    const school = await em.findOneOrFail(School, person.schoolId);
    for (const role of roles) {
      const grant = { role, schoolId: school.id, regionId: school.regionId };
      if (person.kind === 'staff' && !ability.can('create', subject('RoleAssignment', grant))) {
        throw ProblemException.forbidden(`You may not grant the role ${role} there.`);
      }
    }
    let login: string;
    if (input.login) {
      login = normalizeLogin(input.login);
      if ((await em.count(Account, { login })) > 0 || reserved.has(login)) {
        throw ProblemException.conflict(ErrorCode.alreadyExists, `The login "${login}" is taken.`);
      }
    } else {
      login = await freeLogin(em, baseLogin(person.lastName, person.firstName), reserved);
    }
    const account = em.create(Account, { login, displayName: fullName(person) });
    for (const role of roles) {
      em.create(RoleAssignment, { account, role, schoolId: school.id, regionId: school.regionId });
    }
    person.accountId = account.id;
    return account;
  }

  private rolesFor(person: Person, input: IssueCredentialsDto): SchoolRole[] {
    if (person.kind !== 'staff') {
      if (input.roles) {
        throw ProblemException.invalid([
          { field: 'roles', messages: ['roles are given only for members of staff'] },
        ]);
      }
      return [person.kind];
    }
    if (!input.roles) {
      throw ProblemException.invalid([
        { field: 'roles', messages: ['roles are required for a member of staff'] },
      ]);
    }
    return input.roles;
  }

  /** Flushes the account (if new) with the code; issuing voids the previous code. */
  private async issueCode(
    person: Person,
    prepared: { account: Account; created: boolean },
    actor: Actor,
  ): Promise<Issued> {
    const { code, expiresAt } = await this.activationCodes.issue(prepared.account, actor.accountId);
    return { person, ...prepared, code, expiresAt };
  }
}

import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { normalizeLogin } from '../../core/auth/auth.service';
import { Account } from '../../core/auth/entities/account.entity';
import { RoleAssignment } from '../../core/auth/entities/role-assignment.entity';
import { isStaffRole } from '../../core/auth/roles';
import { ErrorCode } from '../../core/http/error-codes';
import { ProblemException } from '../../core/http/problem';
import { assertAllowed, findVisible } from '../../core/policy/scoped-find';
import type { AppAbility } from '../../core/policy/subjects';
import { auditInSchool } from '../../core/request-context/call-context';
import { School } from '../../core/tenancy/entities/school.entity';
import type { PersonAccountDto } from './dto/person-account.dto';
import { Person } from './entities/person.entity';

/** What linking did: the answer, and the account for callers that go on (credentials). */
export interface LinkedAccount {
  dto: PersonAccountDto;
  account: Account;
}

/** The school role a card of this kind gives its account; staff roles are granted, not linked. */
const roleOfCard = (person: Person): 'student' | 'parent' | null =>
  person.kind === 'staff' ? null : person.kind;

/**
 * One login per person (issue 14): a person card (staff, student, parent) links an existing
 * account, and the account may link cards in several schools — a teacher of school 1 who is
 * a parent in school 2 signs in once. The rule "who may link" is the rule "who may change the
 * card" (`update` on `Person`, people.policy.ts); the rules of what may be linked are here,
 * once, for `PUT /v1/people/{id}/account` and for credentials that reuse an account.
 */
@Injectable()
export class PersonAccountsService {
  constructor(private readonly em: EntityManager) {}

  async link(ability: AppAbility, personId: string, login: string): Promise<PersonAccountDto> {
    await this.cardToChange(ability, personId);
    return this.em.transactional(async (em) => {
      const person = await em.findOneOrFail(Person, personId, {
        lockMode: LockMode.PESSIMISTIC_WRITE,
      });
      auditInSchool(person.schoolId);
      const { dto } = await this.attach(person, login);
      await em.flush();
      return dto;
    });
  }

  /**
   * Ends the link. A student or parent card takes its school role with it unless another
   * card of that kind in that school still links the account; a staff card changes no role.
   */
  async unlink(ability: AppAbility, personId: string): Promise<void> {
    await this.cardToChange(ability, personId);
    await this.em.transactional(async (em) => {
      const person = await em.findOneOrFail(Person, personId, {
        lockMode: LockMode.PESSIMISTIC_WRITE,
      });
      if (!person.accountId) throw ProblemException.notFound(`The account of person ${personId}`);
      auditInSchool(person.schoolId);
      const accountId = person.accountId;
      person.accountId = null;
      const role = roleOfCard(person);
      if (role) {
        const others = await em.count(Person, {
          schoolId: person.schoolId,
          kind: person.kind,
          accountId,
          id: { $ne: person.id },
        });
        if (others === 0) {
          const assignment = await em.findOne(RoleAssignment, {
            account: accountId,
            schoolId: person.schoolId,
            role,
          });
          if (assignment) em.remove(assignment);
        }
      }
      await em.flush();
    });
  }

  /**
   * Links the card to the existing account with this login, in the caller's unit of work
   * (their flush writes it; their transaction should hold the card locked). Gives the account
   * the card's school role (`student`, `parent`) when it lacks it. Refuses, in this order:
   * a card that links another account (409 `person.account_linked`, naming its login); an
   * account that cannot be linked (422 `account.not_linkable`, one answer whatever the reason,
   * so a caller learns nothing about accounts they cannot see); an account that already links
   * another card of this kind in this school (409 `account.already_linked`).
   */
  async attach(person: Person, login: string): Promise<LinkedAccount> {
    const wanted = normalizeLogin(login);
    if (person.accountId) {
      const current = await this.em.findOneOrFail(Account, person.accountId);
      if (current.login !== wanted) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          ErrorCode.personAccountLinked,
          'Conflict',
          `The card already links the account "${current.login}": unlink it first.`,
          { login: current.login },
        );
      }
    }
    const account = await this.em.findOne(
      Account,
      { login: wanted },
      { populate: ['roleAssignments'] },
    );
    if (!account || !this.fits(account, person)) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        ErrorCode.accountNotLinkable,
        'Account cannot be linked',
        `No account "${wanted}" can be linked to this card: it does not exist, is disabled or a platform operator, or does not fit the card (a staff card needs an account with a staff role in this school; a student card, an account without staff roles).`,
      );
    }
    const twin = await this.em.count(Person, {
      schoolId: person.schoolId,
      kind: person.kind,
      accountId: account.id,
      id: { $ne: person.id },
    });
    if (twin > 0) {
      throw ProblemException.conflict(
        ErrorCode.accountAlreadyLinked,
        `The account "${account.login}" already links another ${person.kind} card of this school: unlink it there first.`,
      );
    }
    person.accountId = account.id;
    const role = roleOfCard(person);
    let roleAdded = false;
    const holds = account.roleAssignments
      .getItems()
      .some((a) => a.schoolId === person.schoolId && a.role === role);
    if (role && !holds) {
      const school = await this.em.findOneOrFail(School, person.schoolId);
      this.em.create(RoleAssignment, {
        account,
        role,
        schoolId: school.id,
        regionId: school.regionId,
      });
      roleAdded = true;
    }
    return {
      account,
      dto: {
        personId: person.id,
        schoolId: person.schoolId,
        kind: person.kind,
        accountId: account.id,
        login: account.login,
        schoolRole: role,
        roleAdded,
      },
    };
  }

  /**
   * Whether the account may stand behind this card. A staff card links only an account that
   * already holds a staff role in its school (staff roles are granted through account
   * management); a student card never links an account with staff roles (a teacher's login
   * is never a student's, P3).
   */
  private fits(account: Account, person: Person): boolean {
    if (account.status === 'disabled' || account.isPlatformOperator) return false;
    const roles = account.roleAssignments.getItems();
    switch (person.kind) {
      case 'staff':
        return roles.some((a) => a.schoolId === person.schoolId && isStaffRole(a.role));
      case 'student':
        return !roles.some((a) => isStaffRole(a.role));
      case 'parent':
        return true;
    }
  }

  private async cardToChange(ability: AppAbility, id: string): Promise<void> {
    await findVisible(this.em, Person, id, ability, 'Person');
    await assertAllowed(this.em, Person, id, ability, 'update', 'Person');
  }
}

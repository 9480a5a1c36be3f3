import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { subject } from '@casl/ability';
import { escapeLike } from '../../core/database/like';
import { assertIfMatch } from '../../core/http/conditional-requests';
import { ErrorCode } from '../../core/http/error-codes';
import { findPage, mapPage, type Page } from '../../core/http/pagination';
import { ProblemException } from '../../core/http/problem';
import { accessibleWhere } from '../../core/policy/accessible-where';
import { assertAllowed, findVisible } from '../../core/policy/scoped-find';
import type { AppAbility } from '../../core/policy/subjects';
import { School } from '../../core/tenancy/entities/school.entity';
import { GuardianshipDto, type LinkParentDto } from './dto/guardianship.dto';
import {
  PersonDto,
  type CreatePersonDto,
  type ListPeopleQueryDto,
  type UpdatePersonDto,
} from './dto/person.dto';
import { Guardianship } from './entities/guardianship.entity';
import { Person } from './entities/person.entity';
import { byName, searchableName } from './person-name';

/** Person cards (P1) and the parents of a student (P2). */
@Injectable()
export class PeopleService {
  constructor(private readonly em: EntityManager) {}

  async list(
    ability: AppAbility,
    schoolId: string,
    query: ListPeopleQueryDto,
  ): Promise<Page<PersonDto>> {
    const filters: FilterQuery<Person>[] = [
      accessibleWhere<Person>(ability, 'read', 'Person'),
      { schoolId },
    ];
    if (query.kind) filters.push({ kind: query.kind });
    if (query.q) {
      filters.push({ searchName: { $like: `%${escapeLike(searchableName(query.q))}%` } });
    }
    return mapPage(await findPage(this.em, Person, { $and: filters }, query), PersonDto.from);
  }

  async get(ability: AppAbility, id: string): Promise<PersonDto> {
    return PersonDto.from(await findVisible(this.em, Person, id, ability, 'Person'));
  }

  async create(ability: AppAbility, schoolId: string, input: CreatePersonDto): Promise<PersonDto> {
    if (!ability.can('create', subject('Person', { schoolId, kind: input.kind }))) {
      await findVisible(this.em, School, schoolId, ability, 'School');
      throw ProblemException.forbidden(`You may not add ${input.kind} cards in this school.`);
    }
    assertPositionsFit(input.kind, input.positions);
    const person = this.em.create(Person, { ...input, schoolId });
    await this.em.flush();
    return PersonDto.from(person);
  }

  async update(
    ability: AppAbility,
    id: string,
    changes: UpdatePersonDto,
    ifMatch?: string,
  ): Promise<PersonDto> {
    const person = await findVisible(this.em, Person, id, ability, 'Person');
    await assertAllowed(this.em, Person, id, ability, 'update', 'Person');
    assertIfMatch(ifMatch, PersonDto.from(person));
    assertPositionsFit(person.kind, changes.positions);
    this.em.assign(person, changes);
    await this.em.flush();
    return PersonDto.from(person);
  }

  /**
   * The person cards an account links, in every school (for `GET /v1/me`): no ability, the
   * caller is reading their own cards.
   */
  async cardsOfAccount(accountId: string): Promise<Person[]> {
    const cards = await this.em.find(Person, { accountId });
    return cards.sort(byName);
  }

  /** The children of these parent cards, in name order, by parent id. */
  async childrenOf(parentIds: string[]): Promise<Map<string, Person[]>> {
    if (parentIds.length === 0) return new Map();
    const links = await this.em.find(
      Guardianship,
      { parent: { $in: parentIds } },
      { populate: ['student'] },
    );
    const children = new Map<string, Person[]>();
    for (const link of links) {
      children.set(link.parent.id, [...(children.get(link.parent.id) ?? []), link.student]);
    }
    for (const list of children.values()) list.sort(byName);
    return children;
  }

  /** The parents of a student, or the children of a parent, that the caller may see. */
  async relatives(ability: AppAbility, id: string): Promise<{ items: GuardianshipDto[] }> {
    const person = await findVisible(this.em, Person, id, ability, 'Person');
    const visible = accessibleWhere<Person>(ability, 'read', 'Person');
    const where: FilterQuery<Guardianship> =
      person.kind === 'parent'
        ? { parent: person, student: visible }
        : { student: person, parent: visible };
    const links = await this.em.find(Guardianship, where, {
      populate: ['student', 'parent'],
      orderBy: { parent: { searchName: 'asc' }, student: { searchName: 'asc' } },
    });
    return { items: links.map(GuardianshipDto.from) };
  }

  async linkParent(
    ability: AppAbility,
    studentId: string,
    parentId: string,
    input: LinkParentDto,
  ): Promise<GuardianshipDto> {
    const student = await this.studentToChange(ability, studentId);
    const parent = await findVisible(this.em, Person, parentId, ability, 'Person');
    if (parent.kind !== 'parent' || parent.schoolId !== student.schoolId) {
      throw ProblemException.invalid([
        { field: 'parentId', messages: ['parentId must be a parent card of the same school'] },
      ]);
    }
    const link =
      (await this.em.findOne(Guardianship, { student, parent })) ??
      this.em.create(Guardianship, { schoolId: student.schoolId, student, parent, ...input });
    this.em.assign(link, input);
    await this.em.flush();
    return GuardianshipDto.from(link);
  }

  async unlinkParent(ability: AppAbility, studentId: string, parentId: string): Promise<void> {
    const student = await this.studentToChange(ability, studentId);
    const link = await this.em.findOne(Guardianship, { student, parent: parentId });
    if (!link) throw ProblemException.notFound(`Parent ${parentId} of this student`);
    this.em.remove(link);
    await this.em.flush();
  }

  private async studentToChange(ability: AppAbility, id: string): Promise<Person> {
    const student = await findVisible(this.em, Person, id, ability, 'Person');
    await assertAllowed(this.em, Person, id, ability, 'update', 'Person');
    if (student.kind !== 'student') {
      throw ProblemException.conflict(ErrorCode.conflict, 'Parents are linked to student cards.');
    }
    return student;
  }
}

function assertPositionsFit(kind: Person['kind'], positions: string[] | undefined): void {
  if (kind !== 'staff' && positions?.length) {
    throw ProblemException.invalid([
      { field: 'positions', messages: ['positions are for staff cards only'] },
    ]);
  }
}

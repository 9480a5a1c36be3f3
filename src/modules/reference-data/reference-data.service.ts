import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery, type RequiredEntityData } from '@mikro-orm/postgresql';
import { subject } from '@casl/ability';
import { assertIfMatch } from '../../core/http/conditional-requests';
import { ErrorCode } from '../../core/http/error-codes';
import { ProblemException } from '../../core/http/problem';
import { accessibleWhere } from '../../core/policy/accessible-where';
import { findVisible } from '../../core/policy/scoped-find';
import type { AppAbility } from '../../core/policy/subjects';
import type { Items } from '../../core/http/pagination';
import type { AbsenceReason } from './entities/absence-reason.entity';
import type { ReferenceItem } from './entities/reference-item';
import type { ReferenceKind } from './reference-kinds';
import { assertSchoolAllows } from '../../core/policy/school-access';

type Input = Record<string, unknown> & { name?: string; code?: string };

const fold = (name: string) => name.trim().toLocaleLowerCase('ru');

/** Lists, creates and changes every kind of reference item the same way. */
@Injectable()
export class ReferenceDataService {
  constructor(private readonly em: EntityManager) {}

  async list<E extends ReferenceItem, Dto>(
    kind: ReferenceKind<E, Dto>,
    ability: AppAbility,
    schoolId: string,
    archived = false,
  ): Promise<Items<Dto>> {
    const where = {
      $and: [{ schoolId, archived }, accessibleWhere<E>(ability, 'read', 'ReferenceData')],
    } as FilterQuery<E>;
    const items = await this.em.find(kind.entity, where, {
      orderBy: { name: 'asc', id: 'asc' } as never,
    });
    return { items: items.map(kind.toDto) };
  }

  async create<E extends ReferenceItem, Dto>(
    kind: ReferenceKind<E, Dto>,
    ability: AppAbility,
    schoolId: string,
    input: Input,
  ): Promise<Dto> {
    assertSchoolAllows(ability, 'create', 'ReferenceData', schoolId);
    await this.assertUnique(kind, schoolId, input);
    const item = await this.em.transactional(async (em) => {
      await kind.prepare?.(em, schoolId, input);
      const created = em.create(kind.entity, {
        ...(kind.toColumns?.(input) ?? input),
        schoolId,
      } as unknown as RequiredEntityData<E>);
      await em.flush();
      return created;
    });
    return kind.toDto(item);
  }

  /** Renames, changes, archives (`archived: true`) or brings back an item. */
  async update<E extends ReferenceItem, Dto>(
    kind: ReferenceKind<E, Dto>,
    ability: AppAbility,
    id: string,
    changes: Input,
    ifMatch?: string,
  ): Promise<Dto> {
    const item = await findVisible(this.em, kind.entity, id, ability, 'ReferenceData');
    if (!ability.can('update', subject('ReferenceData', { schoolId: item.schoolId }))) {
      throw ProblemException.forbidden(`You may not change this ${kind.label}.`);
    }
    assertIfMatch(ifMatch, kind.toDto(item));
    await this.assertUnique(kind, item.schoolId, changes, item.id);
    await this.em.transactional(async (em) => {
      await kind.prepare?.(em, item.schoolId, changes, item);
      em.assign(item, (kind.toColumns?.(changes) ?? changes) as never);
      await em.flush();
    });
    return kind.toDto(item);
  }

  /**
   * Names are unique in a school regardless of case (archived items included: they still
   * show on old lessons), and so are absence codes. Checked here to name the clash; the
   * unique indexes still guard against races.
   */
  private async assertUnique<E extends ReferenceItem>(
    kind: ReferenceKind<E, unknown>,
    schoolId: string,
    input: Input,
    exceptId?: string,
  ): Promise<void> {
    if (input.name === undefined && input.code === undefined) return;
    const others = (await this.em.find(kind.entity, { schoolId } as FilterQuery<E>)).filter(
      (other) => other.id !== exceptId,
    );
    if (input.name !== undefined) {
      const clash = others.find((other) => fold(other.name) === fold(input.name!));
      if (clash) {
        throw ProblemException.conflict(
          ErrorCode.alreadyExists,
          `A ${kind.label} named «${clash.name}» already exists in this school${clash.archived ? ' (archived: unarchive it instead)' : ''}.`,
        );
      }
    }
    if (kind.uniqueCode && input.code !== undefined) {
      const clash = (others as unknown as AbsenceReason[]).find((o) => o.code === input.code);
      if (clash) {
        throw ProblemException.conflict(
          ErrorCode.alreadyExists,
          `The absence code «${clash.code}» is already used by «${clash.name}» in this school.`,
        );
      }
    }
  }
}

import {
  Check,
  Collection,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OneToMany,
  Property,
  Unique,
  type Opt,
} from '@mikro-orm/core';
import { Account } from '../../../core/auth/entities/account.entity';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';
// The inverse side of the enrollment's ORM relation (people.scopes.ts filters by it): a type.
// eslint-disable-next-line import-x/no-restricted-paths
import type { Enrollment } from '../../classes/entities/enrollment.entity';
import type { Guardianship } from './guardianship.entity';
import { searchableName } from '../person-name';

export const PERSON_KINDS = ['student', 'parent', 'staff'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];

/**
 * A person's card in one school (P1): a student, a parent (legal representative) or a member
 * of staff. A person may exist without an account; credentials are issued later (P3).
 */
@Entity({ tableName: 'people' })
@Index({ properties: ['schoolId', 'kind', 'searchName'] })
@Unique({
  name: 'people_school_kind_account_unique',
  expression:
    'create unique index people_school_kind_account_unique on people (school_id, kind, account_id) where account_id is not null',
})
@Check({ name: 'people_positions_staff_only', expression: "kind = 'staff' or positions = '{}'" })
export class Person extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @Enum({ items: () => PERSON_KINDS, type: 'text' })
  kind!: PersonKind;

  @Property({ type: 'text' })
  lastName!: string;

  @Property({ type: 'text' })
  firstName!: string;

  /** Отчество; many people have none. */
  @Property({ type: 'text', nullable: true })
  middleName: string | null = null;

  @Property({ type: 'date', nullable: true })
  birthDate: string | null = null;

  @Enum({ items: () => SEXES, type: 'text', nullable: true })
  sex: Sex | null = null;

  @Property({ type: 'text', nullable: true })
  phone: string | null = null;

  @Property({ type: 'text', nullable: true })
  email: string | null = null;

  @Property({ type: 'text', nullable: true })
  address: string | null = null;

  /** Staff only: positions held, e.g. «Учитель математики», «Заместитель директора по УВР». */
  @Property({ type: 'text[]', default: '{}' })
  positions: Opt<string[]> = [];

  @ManyToOne(() => Account, {
    mapToPk: true,
    fieldName: 'account_id',
    nullable: true,
    deleteRule: 'set null',
  })
  accountId: string | null = null;

  /** Lower-case full name with «ё» as «е», kept by the ORM for case-insensitive search. */
  @Property({
    type: 'text',
    onCreate: (p: Person) => searchableName(p.lastName, p.firstName, p.middleName),
    onUpdate: (p: Person) => searchableName(p.lastName, p.firstName, p.middleName),
  })
  searchName!: Opt<string>;

  @OneToMany('Enrollment', 'student')
  enrollments = new Collection<Enrollment>(this);

  /** For a student: their parents. */
  @OneToMany('Guardianship', 'student')
  guardians = new Collection<Guardianship>(this);

  /** For a parent: their children. */
  @OneToMany('Guardianship', 'parent')
  wards = new Collection<Guardianship>(this);
}

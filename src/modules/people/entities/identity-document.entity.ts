import { Entity, Enum, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';
import { Person } from './person.entity';

export const DOCUMENT_KINDS = [
  'snils',
  'birth_certificate',
  'passport',
  'foreign_passport',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** An identity document or the SNILS of a person: sensitive, readable only by a few roles. */
@Entity({ tableName: 'identity_documents' })
@Index({ properties: ['person'] })
@Unique({
  name: 'identity_documents_one_snils',
  expression:
    "create unique index identity_documents_one_snils on identity_documents (person_id) where kind = 'snils'",
})
export class IdentityDocument extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  person!: Rel<Person>;

  @Enum({ items: () => DOCUMENT_KINDS, type: 'text' })
  kind!: DocumentKind;

  @Property({ type: 'text', nullable: true })
  series: string | null = null;

  @Property({ type: 'text' })
  number!: string;

  @Property({ type: 'text', nullable: true })
  issuedBy: string | null = null;

  @Property({ type: 'date', nullable: true })
  issuedOn: string | null = null;
}

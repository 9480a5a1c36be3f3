import { Check, Entity, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';
import { Person } from './person.entity';

/** Consent to processing of personal data (152-FZ, P7), given by the person or their parent. */
@Entity({ tableName: 'personal_data_consents' })
@Index({ properties: ['person'] })
@Check({
  name: 'personal_data_consents_withdrawn_after_given',
  expression: 'withdrawn_on is null or withdrawn_on >= given_on',
})
export class PersonalDataConsent extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  /** Whose data the consent is about. */
  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  person!: Rel<Person>;

  /** Who signed it: the person, or a parent for a minor. */
  @ManyToOne(() => Person, { nullable: true, deleteRule: 'set null' })
  givenBy: Rel<Person> | null = null;

  @Property({ type: 'text' })
  purpose!: string;

  @Property({ type: 'date' })
  givenOn!: string;

  @Property({ type: 'date', nullable: true })
  withdrawnOn: string | null = null;

  /** Where the signed paper is kept, e.g. «Личное дело, лист 3». */
  @Property({ type: 'text', nullable: true })
  documentRef: string | null = null;
}

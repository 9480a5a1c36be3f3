import { Entity, Index, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';
import { Person } from './person.entity';

/** An entry in a student's personal file (личное дело, P5). */
@Entity({ tableName: 'personal_file_notes' })
@Index({ properties: ['person', 'createdAt'] })
export class PersonalFileNote extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  person!: Rel<Person>;

  @Property({ type: 'text' })
  body!: string;

  /** The account that wrote the note. */
  @Property({ type: 'uuid' })
  authorId!: string;
}

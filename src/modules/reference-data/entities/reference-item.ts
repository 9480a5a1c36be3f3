import { ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';

/**
 * A school's reference item. Items are archived, never deleted: lessons and marks of past
 * years keep pointing at them.
 */
export abstract class ReferenceItem extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'boolean' })
  archived: Opt<boolean> = false;
}

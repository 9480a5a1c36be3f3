import {
  Collection,
  Entity,
  Index,
  ManyToOne,
  OneToMany,
  Property,
  Unique,
  type Rel,
} from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';
import { Person } from '../../people/entities/person.entity';
import { Subject } from '../../reference-data/entities/subject.entity';
import { SchoolClass } from './school-class.entity';

/**
 * A class split into subgroups for one subject (O4), e.g. English 1 and 2. Every student of
 * the class is in exactly one subgroup of a split.
 */
@Entity({ tableName: 'subgroup_splits' })
@Unique({ name: 'subgroup_splits_class_subject_unique', properties: ['schoolClass', 'subject'] })
export class SubgroupSplit extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @ManyToOne(() => SchoolClass, { fieldName: 'class_id', deleteRule: 'cascade' })
  schoolClass!: Rel<SchoolClass>;

  @ManyToOne(() => Subject, { deleteRule: 'restrict' })
  subject!: Rel<Subject>;

  @OneToMany(() => Subgroup, (subgroup) => subgroup.split, { orderBy: { position: 'asc' } })
  subgroups = new Collection<Subgroup>(this);
}

@Entity({ tableName: 'subgroups' })
@Unique({ name: 'subgroups_split_position_unique', properties: ['split', 'position'] })
export class Subgroup extends BaseEntity {
  @ManyToOne(() => SubgroupSplit, { deleteRule: 'cascade' })
  split!: Rel<SubgroupSplit>;

  /** «Английский язык, 1 группа». */
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'smallint' })
  position!: number;

  @OneToMany(() => SubgroupMember, (member) => member.subgroup)
  members = new Collection<SubgroupMember>(this);
}

/** A student in a subgroup; unique per split, so nobody is in two subgroups of one split. */
@Entity({ tableName: 'subgroup_members' })
@Unique({ name: 'subgroup_members_split_student_unique', properties: ['split', 'student'] })
@Index({ properties: ['subgroup'] })
export class SubgroupMember extends BaseEntity {
  @ManyToOne(() => SubgroupSplit, { deleteRule: 'cascade' })
  split!: Rel<SubgroupSplit>;

  @ManyToOne(() => Subgroup, { deleteRule: 'cascade' })
  subgroup!: Rel<Subgroup>;

  @ManyToOne(() => Person, { deleteRule: 'cascade' })
  student!: Rel<Person>;
}

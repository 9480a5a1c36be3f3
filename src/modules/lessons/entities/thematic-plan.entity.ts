import {
  Check,
  Collection,
  Entity,
  ManyToOne,
  OneToMany,
  Property,
  Unique,
  type Rel,
} from '@mikro-orm/core';
import { BaseEntity } from '../../../core/database/base.entity';
import { School } from '../../../core/tenancy/entities/school.entity';
import { SchoolClass } from '../../classes/entities/school-class.entity';
import { Subgroup } from '../../classes/entities/subgroup.entity';
import { Person } from '../../people/entities/person.entity';
import { Subject } from '../../reference-data/entities/subject.entity';

/**
 * A calendar-thematic plan (КТП, O5): a teacher's ordered topics with hours for a subject in
 * a class (or one subgroup) for the class's year.
 */
@Entity({ tableName: 'thematic_plans' })
@Unique({
  name: 'thematic_plans_class_subject_unique',
  expression:
    "create unique index thematic_plans_class_subject_unique on thematic_plans (class_id, subject_id, coalesce(subgroup_id, '00000000-0000-0000-0000-000000000000'::uuid))",
})
export class ThematicPlan extends BaseEntity {
  @ManyToOne(() => School, { mapToPk: true, fieldName: 'school_id', deleteRule: 'restrict' })
  schoolId!: string;

  @ManyToOne(() => SchoolClass, { fieldName: 'class_id', deleteRule: 'cascade' })
  schoolClass!: Rel<SchoolClass>;

  @ManyToOne(() => Subject, { deleteRule: 'restrict' })
  subject!: Rel<Subject>;

  @ManyToOne(() => Subgroup, { nullable: true, deleteRule: 'cascade' })
  subgroup: Rel<Subgroup> | null = null;

  /** The teacher whose plan it is. */
  @ManyToOne(() => Person, { deleteRule: 'restrict' })
  teacher!: Rel<Person>;

  @OneToMany(() => ThematicPlanTopic, (topic) => topic.plan, { orderBy: { position: 'asc' } })
  topics = new Collection<ThematicPlanTopic>(this);
}

@Entity({ tableName: 'thematic_plan_topics' })
@Unique({ name: 'thematic_plan_topics_plan_position_unique', properties: ['plan', 'position'] })
@Check({ name: 'thematic_plan_topics_hours_range', expression: 'hours >= 1 and hours <= 200' })
export class ThematicPlanTopic extends BaseEntity {
  @ManyToOne(() => ThematicPlan, { deleteRule: 'cascade' })
  plan!: Rel<ThematicPlan>;

  /** 1-based order within the plan. */
  @Property({ type: 'smallint' })
  position!: number;

  @Property({ type: 'text' })
  title!: string;

  /** Lessons planned for the topic. */
  @Property({ type: 'smallint' })
  hours!: number;
}

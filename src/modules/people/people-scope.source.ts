import { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../core/auth/actor';
import { queryPrepared } from '../../core/database/prepared';
import {
  ScopeSource,
  type ActorScopeSource,
  type ActorScopes,
} from '../../core/policy/actor-scopes';

interface ScopeRow {
  person_ids: string[];
  child_ids: string[];
  own_class_ids: string[];
  child_class_ids: string[];
  led_class_ids: string[];
  taught_class_ids: string[];
}

/** One query: the cards that are this account and the classes they reach. */
const SCOPES_SQL = `
  with me as (select id from people where account_id = ?)
  select
    array(select id from me) as person_ids,
    array(select g.student_id from guardianships g join me on me.id = g.parent_id) as child_ids,
    array(select distinct e.class_id from enrollments e join me on me.id = e.student_id)
      as own_class_ids,
    array(select distinct e.class_id from enrollments e
          join guardianships g on g.student_id = e.student_id
          join me on me.id = g.parent_id) as child_class_ids,
    array(select c.id from classes c join me on me.id = c.class_teacher_id) as led_class_ids,
    array(select distinct t.class_id from teaching_assignments t join me on me.id = t.teacher_id)
      as taught_class_ids`;

@ScopeSource()
export class PeopleScopeSource implements ActorScopeSource {
  constructor(private readonly em: EntityManager) {}

  async load(actor: Actor): Promise<ActorScopes> {
    // Prepared: every request of a teacher, student or parent runs it.
    const [row] = await queryPrepared<ScopeRow>(this.em, 'actor_scopes', SCOPES_SQL, [
      actor.accountId,
    ]);
    return {
      personIds: row.person_ids,
      childIds: row.child_ids,
      ownClassIds: row.own_class_ids,
      childClassIds: row.child_class_ids,
      ledClassIds: row.led_class_ids,
      taughtClassIds: [...new Set([...row.taught_class_ids, ...row.led_class_ids])],
    };
  }
}

import type { DemoMovementOrder } from './demo-school';
import { param } from './school/fill-sql';
import type { FillStep } from './school/fill-school';

/** What the demo's steps read besides the fill's parameters. */
export interface DemoExtrasParameters {
  /** The school's today, `YYYY-MM-DD`. */
  today: string;
  movements: DemoMovementOrder[];
  /** Who entered the movement orders. */
  secretaryAccountId: string;
  /** Who closed the first quarter. */
  deputyAccountId: string;
  /** The demo logins: their last login is their own, not made up. */
  demoAccountIds: string[];
}

/*
 * What a demo school has besides its lessons and marks, so every screen of a front end has
 * something to show: movement orders with their history, a closed period, cancelled and
 * substituted lessons, health records, consents, and logins spread over the last weeks.
 * Run after the fill in its transaction; `j` is the fill's parameters and
 * `DemoExtrasParameters`.
 */
const P = `(select $1::jsonb as j) p`;
const SCHOOL = param(`(j->>'schoolId')::uuid`);
const NOW = param(`(j->>'now')::timestamptz`);
const TODAY = param(`(j->>'today')::date`);

/** Lessons of this school, in an order that is the same on every seed (their ids are not). */
const LESSONS_BY_DATE = `select l.*, row_number() over (order by l.date, l.lesson_number, l.class_id, l.subgroup_id nulls first) as k
                           from lessons l where l.school_id = ${SCHOOL} and l.status = 'scheduled'`;

export const DEMO_EXTRAS_SQL: FillStep[] = [
  [
    'movement orders',
    `insert into movement_orders (id, created_at, updated_at, school_id, number, dated_on, kind, basis, created_by)
     select (o->>'id')::uuid, least((o->>'datedOn')::timestamptz + interval '7 hours', ${NOW}),
            least((o->>'datedOn')::timestamptz + interval '7 hours', ${NOW}), ${SCHOOL}, o->>'number',
            (o->>'datedOn')::date, o->>'kind', o->>'basis', (j->>'secretaryAccountId')::uuid
       from ${P}, jsonb_array_elements(j->'movements') o`,
  ],
  [
    'movements',
    `insert into movements (id, created_at, updated_at, school_id, order_id, student_id, from_class_id,
                            to_class_id, effective_on, destination)
     select (m->>'id')::uuid, o.created_at, o.created_at, ${SCHOOL}, o.id, (m->>'studentId')::uuid,
            (m->>'fromClassId')::uuid, (m->>'toClassId')::uuid, (m->>'effectiveOn')::date, m->>'destination'
       from ${P}, jsonb_array_elements(j->'movements') x
       join movement_orders o on o.id = (x->>'id')::uuid
       cross join jsonb_array_elements(x->'lines') m`,
  ],
  [
    'stays opened by a movement',
    `update enrollments e set started_by_id = m.id
       from movements m
      where m.school_id = ${SCHOOL} and e.student_id = m.student_id and e.class_id = m.to_class_id
        and e.starts_on = m.effective_on`,
  ],
  [
    'stays ended by a movement',
    `update enrollments e set ended_by_id = m.id
       from movements m
      where m.school_id = ${SCHOOL} and e.student_id = m.student_id and e.class_id = m.from_class_id
        and e.ends_on = m.effective_on`,
  ],
  [
    'the first quarter closed, when it is over',
    `update study_periods sp set closed_at = least(sp.ends_on + interval '3 days 9 hours', ${NOW}),
            closed_by = (j->>'deputyAccountId')::uuid,
            state_reason = 'Четверть завершена, отметки выставлены'
       from ${P}
      where sp.id = (select sp2.id from study_periods sp2
                       join period_schemes ps on ps.id = sp2.scheme_id
                      where sp2.school_id = ${SCHOOL} and ps.name = 'Четверти' and sp2.ends_on < ${TODAY}
                      order by sp2.ends_on limit 1)`,
  ],
  [
    'cancelled lessons (three past, one next week)',
    `with picked as (
       select id, k, date < ${TODAY} as past from (${LESSONS_BY_DATE}) l
        where (l.date between ${TODAY} - 30 and ${TODAY} - 7 and l.k % 97 = 0)
           or l.date between ${TODAY} + 7 and ${TODAY} + 13 and l.k % 89 = 0),
     chosen as (
       (select id from picked where past order by k limit 3)
       union all (select id from picked where not past order by k limit 1)),
     no_marks as (delete from marks where lesson_id in (select id from chosen)),
     no_absences as (delete from attendance where lesson_id in (select id from chosen)),
     no_history as (delete from journal_changes where lesson_id in (select id from chosen))
     update lessons l set status = 'cancelled',
            cancellation_reason = 'Учитель на курсах повышения квалификации', topic = null,
            lesson_type_id = null, homework = null, homework_due_on = null, recorded_at = null,
            attendance_taken_at = null
      where l.id in (select id from chosen)`,
  ],
  [
    'substituted lessons (two past, two this week or next)',
    `with picked as (
       select l.id, l.k, l.date, l.lesson_number, l.teacher_id, l.date < ${TODAY} as past
         from (${LESSONS_BY_DATE}) l
        where (l.date between ${TODAY} - 14 and ${TODAY} - 1 or l.date between ${TODAY} + 1 and ${TODAY} + 10)
          and l.k % 53 = 0),
     chosen as (
       (select * from picked where past order by k limit 2)
       union all (select * from picked where not past order by k limit 2))
     update lessons l set substitute_id = (
              select t.id from people t
               where t.school_id = l.school_id and t.kind = 'staff' and 'Учитель' = any (t.positions)
                 and t.id <> c.teacher_id
                 and not exists (select 1 from lessons busy
                                  where busy.date = c.date and busy.lesson_number = c.lesson_number
                                    and (busy.teacher_id = t.id or busy.substitute_id = t.id))
               order by t.id limit 1)
       from chosen c
      where l.id = c.id`,
  ],
  [
    'health records (about one student in eight)',
    `insert into health_records (id, created_at, updated_at, school_id, person_id, health_group, pe_group,
                                 conditions, load_limits, notes)
     select gen_random_uuid(), ${NOW}, ${NOW}, ${SCHOOL}, g.id, g.health_group,
            case g.health_group when 1 then 'main' when 2 then 'main' else 'preparatory' end,
            case when g.health_group >= 2
                 then (array['Миопия слабой степени', 'Сколиоз I степени', 'Бронхиальная астма, ремиссия',
                             'Плоскостопие'])[1 + floor(random() * 4)::int] end,
            case when g.health_group = 3 then 'Без сдачи нормативов на выносливость' end,
            null
       from (select id, 1 + floor(random() * 3)::smallint as health_group
               from people where school_id = ${SCHOOL} and kind = 'student') g
      where random() < 0.125`,
  ],
  [
    'consents to personal data processing (signed by a parent)',
    `insert into personal_data_consents (id, created_at, updated_at, school_id, person_id, given_by_id, purpose,
                                         given_on, document_ref)
     select gen_random_uuid(), ${NOW}, ${NOW}, ${SCHOOL}, s.id,
            (select g.parent_id from guardianships g where g.student_id = s.id order by g.parent_id limit 1),
            'Обработка персональных данных обучающегося в электронном журнале',
            ${param(`(j->>'yearStartsOn')::date`)} - 5, 'Личное дело, лист 3'
       from ${P}, people s
      where s.school_id = ${SCHOOL} and s.kind = 'student'`,
  ],
  [
    'last logins of the school (most in the last two weeks, some long ago, some never)',
    `update accounts a set last_login_at = x.at, last_seen_at = x.at
       from (select account_id,
                    case when role in ('student', 'parent') and draw >= 0.9 then null
                         when role in ('student', 'parent') and draw >= 0.7
                         then ${NOW} - interval '20 days' - random() * interval '40 days'
                         else ${NOW} - interval '1 hour' - random() * interval '12 days' end as at
               -- One draw per account (in the select list: a lateral draw would be made once).
               from (select r.account_id, r.role, random() as draw
                       from role_assignments r
                      where r.school_id = ${SCHOOL}
                        and not (r.account_id::text = any (${param(`array(select jsonb_array_elements_text(j->'demoAccountIds'))`)}::text[]))) r) x
      where a.id = x.account_id`,
  ],
];

import { enrolledOnSql } from '../../classes/roster/roster-rules';
import { absencesByClassCte } from './attendance.sql';

/** The classes of a school running on a day (or the one class given). */
const CLASSES_ON = `
  classes_on as (
    select c.id, c.grade, c.letter
      from classes c
      join academic_years y on y.id = c.academic_year_id
      cross join params p
     where c.school_id = p.school_id and (p.class_id is null or c.id = p.class_id)
       and y.starts_on <= p.day and y.ends_on >= p.day
  )`;

/**
 * Bindings: school id, class id (or null), the day, the instant activity counts from. Per
 * class: its students and their parents on the day, how many have an active account, and how
 * many of those were seen since the instant (R9).
 */
export const USAGE_BY_CLASS_SQL = `
  with params as (select ?::uuid as school_id, ?::uuid as class_id, ?::date as day,
                         ?::timestamptz as since),
  ${CLASSES_ON},
  students as (
    select e.class_id, e.student_id
      from enrollments e cross join params p
     where e.class_id in (select id from classes_on) and ${enrolledOnSql('e', 'p.day')}
  ),
  members as (
    select s.class_id, 'student' as kind, s.student_id as person_id from students s
    union
    select s.class_id, 'parent', g.parent_id from students s
      join guardianships g on g.student_id = s.student_id
  ),
  activity as (
    select m.class_id, m.kind, count(*)::int as people,
           count(a.id)::int as with_account,
           count(a.id) filter (where a.last_seen_at >= p.since)::int as active
      from members m
      cross join params p
      join people pe on pe.id = m.person_id
      left join accounts a on a.id = pe.account_id and a.status = 'active'
     group by m.class_id, m.kind
  )
  select c.id as class_id, c.grade, c.letter,
         coalesce(jsonb_object_agg(ac.kind, jsonb_build_object(
           'people', ac.people, 'withAccount', ac.with_account, 'active', ac.active))
           filter (where ac.kind is not null), '{}') as activity
    from classes_on c
    left join activity ac on ac.class_id = c.id
   group by c.id, c.grade, c.letter
   order by c.grade, c.letter`;

/**
 * Bindings: school id, class id (or null), Monday, Sunday of the week. Per class: lessons held
 * that week, those whose attendance was taken, missed lessons by reason code, and the class
 * teacher's weekly reconciliation (R13).
 */
export const ATTENDANCE_WEEK_SQL = `
  with params as (select ?::uuid as school_id, ?::uuid as class_id, ?::date as day,
                         ?::date as last_day),
  ${CLASSES_ON},
  held as (
    select l.class_id, count(*)::int as lessons,
           count(*) filter (where l.attendance_taken_at is not null)::int as taken
      from lessons l cross join params p
     where l.class_id in (select id from classes_on) and l.date between p.day and p.last_day
       and l.status = 'scheduled'
     group by 1
  ),
  ${absencesByClassCte('l.class_id in (select id from classes_on)', 'p.day', 'p.last_day')}
  select c.id as class_id, c.grade, c.letter,
         coalesce(h.lessons, 0) as lessons, coalesce(h.taken, 0) as taken,
         coalesce((select jsonb_object_agg(ab.code, ab.lessons) from absences ab
                    where ab.class_id = c.id), '{}'::jsonb) as absences,
         w.reconciled_at::text as reconciled_at
    from classes_on c
    cross join params p
    left join held h on h.class_id = c.id
    left join attendance_weeks w on w.class_id = c.id and w.week_of = p.day
   order by c.grade, c.letter`;

/**
 * Bindings: school id, the day. The health group (1–5) and PE group of each student enrolled
 * in a class of the school that day (R14); students without a record have nulls.
 */
export const HEALTH_GROUPS_SQL = `
  with params as (select ?::uuid as school_id, null::uuid as class_id, ?::date as day),
  ${CLASSES_ON}
  select c.grade, c.letter, s.id as student_id, s.last_name, s.first_name, s.middle_name,
         h.health_group, h.pe_group
    from classes_on c
    cross join params p
    join enrollments e on e.class_id = c.id and ${enrolledOnSql('e', 'p.day')}
    join people s on s.id = e.student_id
    left join health_records h on h.person_id = s.id
   order by c.grade, c.letter, s.last_name, s.first_name, s.id`;

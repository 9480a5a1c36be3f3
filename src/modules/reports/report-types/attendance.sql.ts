import { enrolledDuringSql } from '../../classes/roster/roster-rules';

/*
 * Attendance as reports count it: a lesson is missed when the student has an entry with a
 * reason other than «О» (late) in a lesson that took place (not cancelled). Reasons Б and У
 * are excused, Н is not (absence_reasons.excused).
 */

/**
 * SQL: the CTE `absences` (class_id, code, lessons) — per class and reason code, the entries in
 * lessons that took place from `from` to `to` (SQL expressions; the statement's `params` CTE is
 * `p`) among the lessons `lessonsOf` picks.
 */
export const absencesByClassCte = (lessonsOf: string, from: string, to: string) => `
  absences as (
    select l.class_id, r.code, count(*)::int as lessons
      from lessons l
      cross join params p
      join attendance a on a.lesson_id = l.id
      join absence_reasons r on r.id = a.reason_id
     where ${lessonsOf} and l.date between ${from} and ${to}
       and l.status = 'scheduled'
     group by 1, 2
  )`;

/** Bindings: class id, from, to. The days the class had lessons. */
export const CLASS_LESSON_DAYS_SQL = `
  select distinct l.date::text as date from lessons l
   where l.class_id = ? and l.date between ? and ? and l.status = 'scheduled'
   order by 1`;

/** Bindings: class id, from, to. Per student, day and reason code: how many lessons. */
export const CLASS_ABSENCES_BY_DAY_SQL = `
  select a.student_id, l.date::text as date, r.code, count(*)::int as lessons
    from lessons l
    join attendance a on a.lesson_id = l.id
    join absence_reasons r on r.id = a.reason_id
   where l.class_id = ? and l.date between ? and ? and l.status = 'scheduled'
   group by 1, 2, 3`;

/** Bindings: class id, from, to. Per student and reason code: how many lessons. */
export const CLASS_ABSENCES_SQL = `
  select a.student_id, r.code, count(*)::int as lessons
    from lessons l
    join attendance a on a.lesson_id = l.id
    join absence_reasons r on r.id = a.reason_id
   where l.class_id = ? and l.date between ? and ? and l.status = 'scheduled'
   group by 1, 2`;

/**
 * Bindings: school id, from, to. Per class of the
 * school running during the range: its students, lessons held and absences by reason code.
 */
export const SCHOOL_ATTENDANCE_SQL = `
  with params as (select ?::uuid as school_id, ?::date as from_day, ?::date as to_day),
  running as (
    select c.id, c.grade, c.letter
      from classes c
      join academic_years y on y.id = c.academic_year_id
      cross join params p
     where c.school_id = p.school_id and y.starts_on <= p.to_day and y.ends_on >= p.from_day
  ),
  students as (
    select e.class_id, count(distinct e.student_id)::int as students
      from enrollments e cross join params p
     where e.class_id in (select id from running)
       and ${enrolledDuringSql('e', 'p.from_day', 'p.to_day')}
     group by 1
  ),
  held as (
    select l.class_id, count(*)::int as lessons
      from lessons l cross join params p
     where l.school_id = p.school_id and l.date between p.from_day and p.to_day
       and l.status = 'scheduled'
     group by 1
  ),
  ${absencesByClassCte('l.school_id = p.school_id', 'p.from_day', 'p.to_day')}
  select c.id as class_id, c.grade, c.letter,
         coalesce(s.students, 0) as students, coalesce(h.lessons, 0) as lessons,
         coalesce((select jsonb_object_agg(ab.code, ab.lessons) from absences ab
                    where ab.class_id = c.id), '{}'::jsonb) as absences
    from running c
    left join students s on s.class_id = c.id
    left join held h on h.class_id = c.id
   order by c.grade, c.letter`;

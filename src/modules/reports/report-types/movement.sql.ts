import { enrolledOnSql } from '../../classes/roster/roster-rules';

const PARAMS = `params as (select ?::uuid as school_id, ?::date as from_day, ?::date as to_day)`;

/**
 * Bindings: school id, from, to. Per class running in the range: its students on the first
 * day, those who came (a stay starting after it) and left (a stay ending after it, on or
 * before the last day), on the last day, and the orders behind those stays.
 */
export const MOVEMENT_BY_CLASS_SQL = `
  with ${PARAMS},
  running as (
    select c.id, c.grade, c.letter
      from classes c
      join academic_years y on y.id = c.academic_year_id
      cross join params p
     where c.school_id = p.school_id and y.starts_on <= p.to_day and y.ends_on >= p.from_day
  )
  select c.id as class_id, c.grade, c.letter,
         count(e.id) filter (where ${enrolledOnSql('e', 'p.from_day')})::int as at_start,
         count(e.id) filter (where e.starts_on > p.from_day and e.starts_on <= p.to_day)::int as arrived,
         count(e.id) filter (where e.ends_on > p.from_day and e.ends_on <= p.to_day)::int as departed,
         count(e.id) filter (where ${enrolledOnSql('e', 'p.to_day')})::int as at_end,
         coalesce(array_agg(distinct o.number || ' от ' || to_char(o.dated_on, 'DD.MM.YYYY'))
                    filter (where o.id is not null), '{}') as orders
    from running c
    cross join params p
    left join enrollments e on e.class_id = c.id
    left join movements m
      on (m.id = e.started_by_id and e.starts_on > p.from_day and e.starts_on <= p.to_day)
      or (m.id = e.ended_by_id and e.ends_on > p.from_day and e.ends_on <= p.to_day)
    left join movement_orders o on o.id = m.order_id
   group by c.id, c.grade, c.letter
   order by c.grade, c.letter`;

/** Bindings: school id, from, to. Every movement effective in the range, in date order. */
export const MOVEMENTS_SQL = `
  with ${PARAMS}
  select m.effective_on::text as effective_on, o.kind, o.number, o.dated_on::text as dated_on,
         s.last_name, s.first_name, s.middle_name,
         fc.grade as from_grade, fc.letter as from_letter,
         tc.grade as to_grade, tc.letter as to_letter, m.destination
    from movements m
    cross join params p
    join movement_orders o on o.id = m.order_id
    join people s on s.id = m.student_id
    left join classes fc on fc.id = m.from_class_id
    left join classes tc on tc.id = m.to_class_id
   where m.school_id = p.school_id and m.effective_on between p.from_day and p.to_day
   order by m.effective_on, o.number, s.last_name, s.first_name, m.id`;

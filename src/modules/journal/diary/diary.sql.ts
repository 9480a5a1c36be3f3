import {
  jsonArrayAgg,
  jsonObject,
  jsonObjectOrNull,
  jsonScalar,
  jsonString,
  jsonUuid,
} from '../grid/json-sql';
import { enrolledOnSql, inLessonGroupSql } from '../../classes/roster/roster-rules';
import { teacherOfLessonSql } from '../../lessons/who-teaches';

const MARK = jsonObject({
  value: jsonString('m.value'),
  markType: jsonObject({
    shortName: jsonString('mt.short_name'),
    weight: jsonScalar('mt.weight'),
  }),
  comment: jsonString('m.comment'),
});

const LESSON = jsonObject({
  id: jsonUuid('les.id'),
  classId: jsonUuid('les.class_id'),
  lessonNumber: jsonScalar('les.lesson_number'),
  startsAt: jsonString("to_char(b.starts_at, 'HH24:MI')"),
  endsAt: jsonString("to_char(b.ends_at, 'HH24:MI')"),
  subject: jsonObject({ id: jsonUuid('sb.id'), name: jsonString('sb.name') }),
  teacher: jsonObject({
    id: jsonUuid('t.id'),
    name: jsonString("concat_ws(' ', t.last_name, t.first_name, t.middle_name)"),
  }),
  topic: jsonString('les.topic'),
  homework: jsonString('les.homework'),
  homeworkDueOn: jsonString('les.homework_due_on'),
  status: jsonString('les.status'),
  marks: "coalesce(mk_by.marks, '[]')",
  absence: jsonObjectOrNull('ab.lesson_id is not null', {
    code: jsonString('ab.code'),
    minutesLate: jsonScalar('ab.minutes_late'),
  }),
});

const DAY = jsonObject({
  date: jsonString('days.date'),
  lessons: "coalesce(by_date.lessons, '[]')",
});

const DIARY = jsonObject({
  student: jsonObject({
    id: jsonUuid('st.id'),
    name: jsonString("st.last_name || ' ' || st.first_name"),
  }),
  weekOf: jsonString('st.monday'),
  days: `(select ${jsonArrayAgg(DAY, 'days.date')}
           from days left join by_date on by_date.date = days.date)`,
});

/**
 * A student's diary for one week (J7) in ONE statement: PostgreSQL picks the student, the
 * week (this week in the school's time zone unless a date is given), the classes the student
 * is enrolled in on each date, their whole-class lessons and the lessons of the student's
 * subgroups, with bell times, the student's marks and absences, and writes the answer as JSON
 * text (`body`, built with grid/json-sql). The service only checks the caller's rules in memory.
 *
 * Parameters: student id (or null), account id (or null), a date of the week (or null), and
 * the application clock's instant (`Clock.now()`, for "this week" in the school's time zone).
 * - For `/students/{id}/diary`: the student id, no account.
 * - For `/me/diary`: the account; the student is the given one if it is the account's own
 *   card or one of its children, else the only such student. `candidates` lists them all.
 * Always one row; `studentId` and `body` are null when no student was picked.
 */
export const DIARY_SQL = `
with args as (
  select ?::uuid as student_id, ?::uuid as account_id, ?::date as on_date,
         ?::timestamptz as now
),
me as (
  select p.id, p.kind from args join people p on p.account_id = args.account_id
),
candidates as (
  select p.id, p.last_name, p.first_name, p.search_name
    from people p
   where p.kind = 'student'
     and p.id in (select me.id from me where me.kind = 'student'
                  union
                  select g.student_id from guardianships g join me on me.id = g.parent_id)
),
target as (
  select case
           when args.account_id is null then args.student_id
           when args.student_id is not null
             then (select c.id from candidates c where c.id = args.student_id)
           when (select count(*) from candidates) = 1 then (select c.id from candidates c)
         end as id
    from args
),
st as (
  select p.id, p.school_id, p.last_name, p.first_name,
         date_trunc('week', coalesce(args.on_date, (args.now at time zone s.time_zone)::date))::date
           as monday
    from target
    cross join args
    join people p on p.id = target.id and p.kind = 'student'
    join schools s on s.id = p.school_id
),
days as (
  select st.monday + i as date from st cross join generate_series(0, 6) i
),
enr as (
  select distinct e.class_id, d.date
    from st
    join enrollments e on e.student_id = st.id
    join days d on ${enrolledOnSql('e', 'd.date')}
),
les as (
  select l.id, l.class_id, l.date, l.lesson_number, l.subject_id, l.topic, l.homework,
         l.homework_due_on, l.status, l.school_id,
         ${teacherOfLessonSql('l')} as teacher_id, g.position
    from enr
    join lessons l on l.class_id = enr.class_id and l.date = enr.date
    left join subgroups g on g.id = l.subgroup_id
   where ${inLessonGroupSql('l', '(select st.id from st)')}
),
mk_by as (
  select m.lesson_id, ${jsonArrayAgg(MARK, 'm.created_at, m.id')} as marks
    from st
    join marks m on m.student_id = st.id
    join mark_types mt on mt.id = m.mark_type_id
   where m.lesson_id in (select id from les)
   group by m.lesson_id
),
ab as (
  select a.lesson_id, r.code, a.minutes_late
    from st
    join attendance a on a.student_id = st.id
    join absence_reasons r on r.id = a.reason_id
   where a.lesson_id in (select id from les)
),
by_date as (
  select les.date,
         ${jsonArrayAgg(LESSON, 'les.lesson_number, les.position nulls first, les.id')} as lessons
    from les
    join subjects sb on sb.id = les.subject_id
    join people t on t.id = les.teacher_id
    left join bells b on b.school_id = les.school_id and b.lesson_number = les.lesson_number
    left join mk_by on mk_by.lesson_id = les.id
    left join ab on ab.lesson_id = les.id
   group by les.date
)
select (select coalesce(json_agg(json_build_object('id', c.id,
                                                   'name', c.last_name || ' ' || c.first_name)
                                 order by c.search_name collate "C", c.id), '[]'::json)
          from candidates c) as "candidates",
       st.id as "studentId",
       st.school_id as "schoolId",
       array(select distinct e.class_id from enrollments e where e.student_id = st.id)
         as "classIds",
       array(select distinct les.class_id from les) as "weekClassIds",
       case when st.id is not null then ${DIARY} end as "body"
  from args
  left join st on true`;

export interface DiaryRow {
  /** The account's own student card and its children (only for `/me/diary`). */
  candidates: { id: string; name: string }[];
  studentId: string | null;
  schoolId: string | null;
  /** Every class the student was ever enrolled in. */
  classIds: string[];
  /** The classes whose lessons are in the week. */
  weekClassIds: string[];
  /** The DiaryDto as JSON text. */
  body: string | null;
}

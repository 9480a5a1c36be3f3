import { enrolledOnSql, onLessonRosterSql } from '../../classes/roster/roster-rules';
import { teacherOfLessonSql } from '../../lessons/who-teaches';

/**
 * The SQL of journal-keeping control (J6, J11). Every query starts from the same CTEs, so the
 * class report and the school summary count the same things:
 *
 * - `scope`: the classes checked, each with the dates of its study period;
 * - `period_lessons`: their scheduled (not cancelled) lessons in the period, `past` when
 *   before today in the school's time zone;
 * - `roster`: the students enrolled in each class on the period's last day (today, if sooner);
 * - `student_lessons`: the lessons of each of them: enrolled on the lesson's date and, for a
 *   lesson of a subgroup, a member of it;
 * - `without_marks` («накопляемость»): per student and subject, the taken lessons since the
 *   last lesson with a mark of theirs. A lesson is taken when it is past, or today's once it
 *   has the student's mark (a mark given today clears the flag at once).
 *
 * Bindings, in order: today, subject id (or null), `withoutMarksFor`, scope as JSON
 * (`[{ class_id, starts_on, ends_on }]`). See `controlBindings`.
 */
const CONTROL_CTES = `
  params as (
    select ?::date as today, ?::uuid as subject_id, ?::int as without_marks_for
  ),
  scope as (
    select s.class_id, s.starts_on, s.ends_on, least(s.ends_on, p.today) as roster_on
      from jsonb_to_recordset(?::jsonb) as s(class_id uuid, starts_on date, ends_on date)
     cross join params p
  ),
  period_lessons as (
    select l.id, l.class_id, l.subject_id, l.subgroup_id, l.date, l.lesson_number,
           ${teacherOfLessonSql('l')} as teacher_id,
           l.date < p.today as past,
           (l.topic is null or btrim(l.topic) = '') as without_topic,
           l.attendance_taken_at is null as without_attendance
      from scope s
     cross join params p
      join lessons l on l.class_id = s.class_id and l.date between s.starts_on and s.ends_on
     where l.status = 'scheduled'
       and (p.subject_id is null or l.subject_id = p.subject_id)
  ),
  roster as (
    select distinct s.class_id, e.student_id
      from scope s
      join enrollments e on e.class_id = s.class_id
     where ${enrolledOnSql('e', 's.roster_on')}
  ),
  student_lessons as (
    select r.student_id, l.id, l.class_id, l.subject_id, l.date, l.lesson_number
      from period_lessons l
      join roster r on r.class_id = l.class_id
     where ${onLessonRosterSql('l', 'r.student_id')}
  ),
  taken as (
    select sl.*, row_number() over (
             partition by sl.class_id, sl.student_id, sl.subject_id
             order by sl.date desc, sl.lesson_number desc, sl.id desc) as recency
      from (
        select sl.*, exists (select 1 from marks m
                              where m.lesson_id = sl.id and m.student_id = sl.student_id) as marked
          from student_lessons sl cross join params p
         where sl.date <= p.today
      ) sl cross join params p
     where sl.date < p.today or sl.marked
  ),
  without_marks as (
    select class_id, student_id, subject_id,
           coalesce(min(recency) filter (where marked) - 1, count(*))::int as lessons_without_mark,
           max(date) filter (where marked) as last_mark_on
      from taken
     group by class_id, student_id, subject_id
    having coalesce(min(recency) filter (where marked) - 1, count(*))
           >= (select without_marks_for from params)
  )`;

export interface ScopeClass {
  classId: string;
  startsOn: string;
  endsOn: string;
}

export function controlBindings(
  today: string,
  subjectId: string | null,
  withoutMarksFor: number,
  scope: ScopeClass[],
): unknown[] {
  return [
    today,
    subjectId,
    withoutMarksFor,
    JSON.stringify(
      scope.map((c) => ({ class_id: c.classId, starts_on: c.startsOn, ends_on: c.endsOn })),
    ),
  ];
}

const PERSON = (alias: string, prefix: string) =>
  `${alias}.last_name as ${prefix}_last_name, ${alias}.first_name as ${prefix}_first_name, ${alias}.middle_name as ${prefix}_middle_name`;

/** Past lessons without a topic or without attendance, in timetable order. */
export const UNRECORDED_LESSONS_SQL = `
  with ${CONTROL_CTES}
  select l.id, l.date::text as date, l.lesson_number, l.subject_id, sub.name as subject_name,
         l.teacher_id, ${PERSON('t', 'teacher')}, l.without_topic, l.without_attendance
    from period_lessons l
    join subjects sub on sub.id = l.subject_id
    join people t on t.id = l.teacher_id
   where l.past and (l.without_topic or l.without_attendance)
   order by l.date, l.lesson_number, sub.name, l.id`;

/** Marks given after their term on the period's lessons. */
export const LATE_MARKS_SQL = `
  with ${CONTROL_CTES}
  select m.id, m.lesson_id, l.date::text as date, m.student_id, ${PERSON('st', 'student')},
         l.subject_id, sub.name as subject_name, mt.id as mark_type_id,
         mt.short_name as mark_type_short_name, m.value, m.due_on::text as due_on, m.created_at,
         l.teacher_id, ${PERSON('t', 'teacher')}
    from marks m
    join period_lessons l on l.id = m.lesson_id
    join people st on st.id = m.student_id
    join subjects sub on sub.id = l.subject_id
    join mark_types mt on mt.id = m.mark_type_id
    join people t on t.id = l.teacher_id
   where m.late
   order by l.date, l.lesson_number, m.created_at, m.id`;

/** Students flagged for going without marks, per subject. */
export const WITHOUT_MARKS_SQL = `
  with ${CONTROL_CTES}
  select w.student_id, ${PERSON('st', 'student')}, w.subject_id, sub.name as subject_name,
         w.lessons_without_mark, w.last_mark_on::text as last_mark_on
    from without_marks w
    join people st on st.id = w.student_id
    join subjects sub on sub.id = w.subject_id`;

/**
 * Per student of the roster and subject they have lessons of in the period: their marks and
 * the weighted average, computed as `averages()` does (grades/averages.ts).
 */
export const FORECAST_SQL = `
  with ${CONTROL_CTES},
  pairs as (select distinct class_id, student_id, subject_id from student_lessons),
  marks_in_period as (
    select l.class_id, l.subject_id, m.student_id, m.score, mt.weight
      from marks m
      join period_lessons l on l.id = m.lesson_id
      join mark_types mt on mt.id = m.mark_type_id
  )
  select p.student_id, ${PERSON('st', 'student')}, p.subject_id, sub.name as subject_name,
         sub.grading_scale_id, count(pm.student_id)::int as marks_count,
         round(sum(pm.score * pm.weight) filter (where pm.score is not null)
               / nullif(sum(pm.weight) filter (where pm.score is not null), 0), 2)::text
           as weighted_average
    from pairs p
    join people st on st.id = p.student_id
    join subjects sub on sub.id = p.subject_id
    left join marks_in_period pm
      on pm.class_id = p.class_id and pm.subject_id = p.subject_id and pm.student_id = p.student_id
   group by p.class_id, p.student_id, p.subject_id, st.id, sub.id`;

/** The school summary: one row of counts per class of the scope. */
export const SUMMARY_SQL = `
  with ${CONTROL_CTES}
  select s.class_id,
         coalesce(lc.without_topic, 0)::int as lessons_without_topic,
         coalesce(lc.without_attendance, 0)::int as lessons_without_attendance,
         coalesce(lm.late_marks, 0)::int as late_marks,
         coalesce(wm.students, 0)::int as students_without_marks
    from scope s
    left join (
      select class_id,
             count(*) filter (where without_topic) as without_topic,
             count(*) filter (where without_attendance) as without_attendance
        from period_lessons where past group by class_id
    ) lc on lc.class_id = s.class_id
    left join (
      select l.class_id, count(*) as late_marks
        from marks m join period_lessons l on l.id = m.lesson_id
       where m.late group by l.class_id
    ) lm on lm.class_id = s.class_id
    left join (
      select class_id, count(distinct student_id) as students
        from without_marks group by class_id
    ) wm on wm.class_id = s.class_id`;

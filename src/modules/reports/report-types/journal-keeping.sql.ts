import { lessonRosterSql } from '../../classes/roster/roster-rules';
import { teacherOfLessonSql } from '../../lessons/who-teaches';

/**
 * Bindings: school id, from, to, today. Per teacher (the substitute for the lessons they
 * took): the lessons they held in the range before today, those without a topic, without
 * attendance taken, linked to a topic of the thematic plan (КТП), the marks given in them and
 * how many of those were late, and the student-lessons (each student on each lesson's
 * roster), the denominator of «накопляемость» (marks per student-lesson).
 */
export const JOURNAL_KEEPING_SQL = `
  with params as (select ?::uuid as school_id, ?::date as from_day, ?::date as to_day,
                         ?::date as today),
  held as (
    select l.*, ${teacherOfLessonSql('l')} as keeper_id
      from lessons l cross join params p
     where l.school_id = p.school_id and l.status = 'scheduled'
       and l.date between p.from_day and p.to_day and l.date < p.today
  ),
  by_teacher as (
    select h.keeper_id,
           count(*)::int as lessons,
           count(*) filter (where h.topic is null or btrim(h.topic) = '')::int as without_topic,
           count(*) filter (where h.attendance_taken_at is null)::int as without_attendance,
           count(*) filter (where h.plan_topic_id is not null)::int as by_plan,
           sum((select count(*) from (${lessonRosterSql('h')}) roster))::int as student_lessons
      from held h
     group by h.keeper_id
  ),
  marks_by_teacher as (
    select h.keeper_id, count(m.id)::int as marks,
           count(m.id) filter (where m.late)::int as late_marks
      from held h
      join marks m on m.lesson_id = h.id
     group by h.keeper_id
  )
  select t.keeper_id as teacher_id, pe.last_name, pe.first_name, pe.middle_name,
         t.lessons, t.without_topic, t.without_attendance, t.by_plan, t.student_lessons,
         coalesce(mt.marks, 0) as marks, coalesce(mt.late_marks, 0) as late_marks
    from by_teacher t
    join people pe on pe.id = t.keeper_id
    left join marks_by_teacher mt on mt.keeper_id = t.keeper_id
   order by pe.last_name, pe.first_name, pe.middle_name, pe.id`;

import { SET_TRANSACTION_SETTINGS_SQL } from '../../../core/database/transaction-settings.subscriber';
import { enrolledOnSql, lessonRosterSql } from '../../classes/roster/roster-rules';
import { subjectScaleSql } from '../grading-scales.sql';
import type { LessonMarksPlan } from './lesson-marks-plan';
import type { MarkedLesson } from './lesson-sheet';

/** ISO 8601 in UTC with milliseconds, as `Date.toISOString()` writes it. */
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

const isoOf = (column: string) => `to_char(${column} at time zone 'UTC', ${ISO})`;

/** The columns of a MarkDto, from `marks m` joined with `mark_types mt`. */
const MARK_COLUMNS = `
  m.id, m.lesson_id as "lessonId", m.student_id as "studentId", m.value,
  m.score::float8 as score, m.mark_type_id as "markTypeId", mt.name as "markTypeName",
  mt.short_name as "markTypeShortName", mt.weight::float8 as "markTypeWeight", m.comment,
  m.due_on::text as "dueOn", m.late, m.given_by as "givenBy",
  ${isoOf('m.created_at')} as "createdAt", ${isoOf('m.updated_at')} as "updatedAt"`;

/** One mark with what its permission check needs (its lesson's class and teachers). */
export const MARK_SQL = `
  select ${MARK_COLUMNS}, l.school_id as "schoolId", l.class_id as "classId",
         l.teacher_id as "teacherId", l.substitute_id as "substituteId"
    from marks m
    join lessons l on l.id = m.lesson_id
    join mark_types mt on mt.id = m.mark_type_id
   where m.id = ?`;

/** A stored mark of `marks m` as a json object (a `StoredMark`). */
const STORED_MARK = `json_build_object(
  'id', m.id, 'lessonId', m.lesson_id, 'studentId', m.student_id, 'value', m.value,
  'score', m.score::float8, 'markTypeId', m.mark_type_id, 'comment', m.comment,
  'dueOn', m.due_on::text, 'late', m.late, 'givenBy', m.given_by,
  'createdAt', ${isoOf('m.created_at')}, 'updatedAt', ${isoOf('m.updated_at')})`;

/**
 * One statement: the lesson, its school's time zone, its class on that date in name order and
 * its roster (classes' roster rules), the school's mark types, the subject's scale and the
 * lesson's marks (as given, then by id). No row: no such lesson.
 */
export const LESSON_SHEET_SQL = `
  select l.id, l.school_id as "schoolId", l.class_id as "classId", c.grade, c.letter,
         l.subject_id as "subjectId", sg.name as "subgroupName", l.teacher_id as "teacherId",
         l.substitute_id as "substituteId", l.date::text as date, l.status,
         l.cancellation_reason as "cancellationReason", s.time_zone as "timeZone",
         l.xmin::text as version,
         array(select p.id from people p
                where p.id in (select e.student_id from enrollments e
                                where e.class_id = l.class_id and ${enrolledOnSql('e', 'l.date')})
                order by p.search_name, p.id) as enrolled,
         array(${lessonRosterSql('l')}) as roster,
         (select coalesce(json_agg(json_build_object(
                   'id', mt.id, 'name', mt.name, 'shortName', mt.short_name,
                   'weight', mt.weight::float8, 'archived', mt.archived,
                   'checkWithinDays', mt.check_within_days)), '[]')
            from mark_types mt where mt.school_id = l.school_id) as "markTypes",
         (${subjectScaleSql('l.school_id', 'subj.grading_scale_id')}) as scale,
         (select coalesce(json_agg(${STORED_MARK} order by m.created_at, m.id), '[]')
            from marks m where m.lesson_id = l.id) as marks
    from lessons l
    join classes c on c.id = l.class_id
    join schools s on s.id = l.school_id
    left join subjects subj on subj.id = l.subject_id and subj.school_id = l.school_id
    left join subgroups sg on sg.id = l.subgroup_id
   where l.id = ?`;

/**
 * One statement writes a whole lesson's marks (a statement is its own transaction: all or
 * nothing). In order of dependence: the transaction settings the history triggers read; the
 * lesson row, updated in place only while its version is the one the marks were read at — a
 * row lock that also moves the version, so a concurrent or retried write of the same lesson
 * waits, then finds the version moved and writes nothing (the service reads again); then the
 * deletes, updates and inserts, which happen only when the lesson was taken.
 *
 * Parameters: the 3 settings, lesson id, version, then json arrays: ids to delete, changed
 * marks, new marks.
 */
export const SAVE_LESSON_MARKS_SQL = `
  with settings as (${SET_TRANSACTION_SETTINGS_SQL}),
  taken as (
    update lessons l set updated_at = l.updated_at
     where l.id = ? and l.xmin = ?::xid and exists (select from settings)
    returning l.id),
  deleted as (
    delete from marks m using taken
     where m.lesson_id = taken.id
       and m.id in (select gone::uuid from jsonb_array_elements_text(?::jsonb) as gone)
    returning m.id),
  changed as (
    update marks m
       set value = c.value, score = c.score, mark_type_id = c.mark_type_id, due_on = c.due_on,
           comment = c.comment, updated_at = c.updated_at
      from taken, jsonb_to_recordset(?::jsonb) as c(id uuid, value text, score numeric,
             mark_type_id uuid, due_on date, comment text, updated_at timestamptz)
     where m.lesson_id = taken.id and m.id = c.id
    returning m.id),
  created as (
    insert into marks (id, created_at, updated_at, school_id, lesson_id, student_id,
                       mark_type_id, value, score, comment, due_on, late, given_by)
    select n.id, n.created_at, n.created_at, n.school_id, taken.id, n.student_id,
           n.mark_type_id, n.value, n.score, n.comment, n.due_on, n.late, n.given_by
      from taken, jsonb_to_recordset(?::jsonb) as n(id uuid, created_at timestamptz,
             school_id uuid, student_id uuid, mark_type_id uuid, value text, score numeric,
             comment text, due_on date, late boolean, given_by uuid)
    returning id)
  select (select count(*) from taken)::int as taken,
         (select count(*) from deleted)::int + (select count(*) from changed)::int
           + (select count(*) from created)::int as written`;

/** The parameters of `SAVE_LESSON_MARKS_SQL` for a plan of the lesson, as read. */
export const saveLessonMarksParams = (
  settings: string[],
  lesson: Pick<MarkedLesson, 'id' | 'schoolId' | 'version'>,
  plan: Pick<LessonMarksPlan, 'created' | 'changed' | 'deleted'>,
) => [
  ...settings,
  lesson.id,
  lesson.version,
  JSON.stringify(plan.deleted.map((mark) => mark.id)),
  JSON.stringify(
    plan.changed.map(({ mark }) => ({
      id: mark.id,
      value: mark.value,
      score: mark.score,
      mark_type_id: mark.markTypeId,
      due_on: mark.dueOn,
      comment: mark.comment,
      updated_at: mark.updatedAt,
    })),
  ),
  JSON.stringify(
    plan.created.map((mark) => ({
      id: mark.id,
      created_at: mark.createdAt,
      school_id: lesson.schoolId,
      student_id: mark.studentId,
      mark_type_id: mark.markTypeId,
      value: mark.value,
      score: mark.score,
      comment: mark.comment,
      due_on: mark.dueOn,
      late: mark.late,
      given_by: mark.givenBy,
    })),
  ),
];

import type { FilterQuery } from '@mikro-orm/postgresql';
import type { Enrollment } from '../entities/enrollment.entity';

/*
 * Who is in a class, and who a lesson is for. The only place these rules are written: the
 * read models splice the SQL fragments into their statements, the ORM queries of `classes`
 * use the filter, and every other caller asks `RosterService`.
 *
 * An enrollment is a stay from `starts_on` up to, not including, `ends_on` (null: open).
 * A lesson is for the students enrolled in its class on its date and, for a lesson of a
 * subgroup, members of that subgroup.
 */

/** Enrollments running on `date`: started on or before it and not yet ended. */
export const enrolledOn = (date: string): FilterQuery<Enrollment> => ({
  startsOn: { $lte: date },
  $or: [{ endsOn: null }, { endsOn: { $gt: date } }],
});

/** Enrollments running on some day of `from`…`to` (both included). */
export const enrolledDuring = (from: string, to: string): FilterQuery<Enrollment> => ({
  startsOn: { $lte: to },
  $or: [{ endsOn: null }, { endsOn: { $gt: from } }],
});

/** SQL: the enrollment row `e` runs on the SQL date expression `date`. */
export const enrolledOnSql = (e: string, date: string) =>
  `(${e}.starts_on <= ${date} and (${e}.ends_on is null or ${e}.ends_on > ${date}))`;

/** SQL: the enrollment row `e` runs on some day of `from`…`to` (SQL date expressions). */
export const enrolledDuringSql = (e: string, from: string, to: string) =>
  `(${e}.starts_on <= ${to} and (${e}.ends_on is null or ${e}.ends_on > ${from}))`;

/**
 * SQL: the student `student` (an SQL expression) is a member of the lesson row `l`'s
 * subgroup, or the lesson is of the whole class. Callers that already matched the student's
 * enrollment on the lesson's date (a join on `enrolledOnSql`) need only this half.
 */
export const inLessonGroupSql = (l: string, student: string) =>
  `(${l}.subgroup_id is null or ${memberOfSql(`${l}.subgroup_id`, student)})`;

/** SQL: `student` is a member of the subgroup `subgroup` (both SQL expressions). */
export const memberOfSql = (subgroup: string, student: string) =>
  `exists (select 1 from subgroup_members roster_m
            where roster_m.subgroup_id = ${subgroup} and roster_m.student_id = ${student})`;

/**
 * SQL: `student` is on the roster of the lesson row `l` (any row with `class_id`, `date`
 * and `subgroup_id`): enrolled in its class on its date and in its subgroup if it has one.
 */
export const onLessonRosterSql = (l: string, student: string) =>
  `(exists (select 1 from enrollments roster_e
      where roster_e.class_id = ${l}.class_id and roster_e.student_id = ${student}
        and ${enrolledOnSql('roster_e', `${l}.date`)})
    and ${inLessonGroupSql(l, student)})`;

/** SQL: the ids of the students on the roster of the lesson row `l`, each once. */
export const lessonRosterSql = (l: string) =>
  `select distinct roster_s.student_id from enrollments roster_s
    where roster_s.class_id = ${l}.class_id and ${enrolledOnSql('roster_s', `${l}.date`)}
      and ${inLessonGroupSql(l, 'roster_s.student_id')}`;

/** The roster of each lesson of a JSON list of `{ id, class_id, date, subgroup_id }`. */
export const ROSTERS_OF_SQL = `
  select l.id, array(${lessonRosterSql('l')}) as students
    from jsonb_to_recordset(?::jsonb) as l(id uuid, class_id uuid, date date, subgroup_id uuid)`;

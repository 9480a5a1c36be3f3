import type { Person } from '../people/entities/person.entity';

/*
 * Who teaches a lesson: its substitute when one is set for its date, otherwise the teacher
 * of its timetable entry. The only place the rule is written; the read models splice the SQL
 * fragment into their statements, everything else calls `teacherOf`. (The policies express
 * the same rule as conditions: `{ teacher: me, substitute: null }` or `{ substitute: me }`.)
 */

/** SQL: the person who teaches the lesson row `l`. */
export const teacherOfLessonSql = (l: string) => `coalesce(${l}.substitute_id, ${l}.teacher_id)`;

/** The person who teaches the lesson (its substitute when one is set). */
export const teacherOf = <P extends Pick<Person, 'id'>>(lesson: {
  teacher: P;
  substitute: P | null;
}): P => lesson.substitute ?? lesson.teacher;

/*
 * What period marks are suggested from (J11): the scored rows `averages` takes, each with its
 * student. Parameters end with the students' ids as a json array.
 */

const STUDENTS = `(select listed::uuid from jsonb_array_elements_text(?::jsonb) as listed)`;

/**
 * The students' current marks of a subject in a class's lessons of some dates that were not
 * cancelled, weighing as their type. Parameters: class, subject, from, to, students.
 */
export const LESSON_SCORES_SQL = `
  select m.student_id as "studentId", m.score::float8 as score, mt.weight::float8 as weight
    from lessons l
    join marks m on m.lesson_id = l.id
    join mark_types mt on mt.id = m.mark_type_id
   where l.class_id = ? and l.subject_id = ? and l.date between ? and ?
     and l.status <> 'cancelled' and m.student_id in ${STUDENTS}`;

/**
 * The students' period (quarter, half-year) marks of a subject in a year, whatever class
 * gave them, each weighing 1. Parameters: subject, year, students.
 */
export const YEAR_SCORES_SQL = `
  select pm.student_id as "studentId", pm.score::float8 as score, 1 as weight
    from period_marks pm
   where pm.subject_id = ? and pm.academic_year_id = ? and pm.kind = 'period'
     and pm.student_id in ${STUDENTS}`;

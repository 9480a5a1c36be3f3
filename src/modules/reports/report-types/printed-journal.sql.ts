import { teacherOfLessonSql } from '../../lessons/who-teaches';

/*
 * What the printed journal (J9) reads: the class's lessons that took place in the range (not
 * cancelled), with the marks and absences written in them. Bindings: class id, from, to.
 */

const HELD = `l.class_id = ? and l.date between ? and ? and l.status = 'scheduled'`;

/** The lessons with subject, topic, homework and who taught them (the substitute if any). */
export const JOURNAL_LESSONS_SQL = `
  select l.id, l.date::text as date, l.lesson_number, l.subject_id, s.name as subject_name,
         l.topic, l.homework, t.last_name, t.first_name, t.middle_name
    from lessons l
    join subjects s on s.id = l.subject_id
    join people t on t.id = ${teacherOfLessonSql('l')}
   where ${HELD}
   order by s.name, l.date, l.lesson_number, l.id`;

/** The current marks of those lessons, in the order they were given. */
export const JOURNAL_MARKS_SQL = `
  select m.lesson_id, m.student_id, m.value
    from marks m
    join lessons l on l.id = m.lesson_id
   where ${HELD}
   order by m.created_at, m.id`;

/** The attendance entries of those lessons with their reason code (Б, У, Н, О…). */
export const JOURNAL_ABSENCES_SQL = `
  select a.lesson_id, a.student_id, r.code
    from attendance a
    join lessons l on l.id = a.lesson_id
    join absence_reasons r on r.id = a.reason_id
   where ${HELD}`;

/** Bindings: school id. The staff card of the school's director, if an account has the role. */
export const SCHOOL_DIRECTOR_SQL = `
  select p.last_name, p.first_name, p.middle_name
    from role_assignments ra
    join people p on p.account_id = ra.account_id and p.school_id = ra.school_id
   where ra.school_id = ? and ra.role = 'director' and p.kind = 'staff'
   order by ra.created_at, p.id
   limit 1`;

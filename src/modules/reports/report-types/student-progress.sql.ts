/** Bindings: student id, from, to. The student's marks in lessons held in the range. */
export const STUDENT_MARKS_SQL = `
  select s.id as subject_id, s.name as subject_name, l.date::text as date, m.value,
         m.score::float8 as score, mt.weight::float8 as weight
    from marks m
    join lessons l on l.id = m.lesson_id
    join subjects s on s.id = l.subject_id
    join mark_types mt on mt.id = m.mark_type_id
   where m.student_id = ? and l.date between ? and ? and l.status = 'scheduled'
   order by s.name, l.date, l.lesson_number, m.created_at`;

/** Bindings: student id, from, to. The student's absences and late arrivals in the range. */
export const STUDENT_ABSENCES_SQL = `
  select l.date::text as date, l.lesson_number, s.name as subject_name, r.code, r.name as reason
    from attendance a
    join lessons l on l.id = a.lesson_id
    join subjects s on s.id = l.subject_id
    join absence_reasons r on r.id = a.reason_id
   where a.student_id = ? and l.date between ? and ? and l.status = 'scheduled'
   order by l.date, l.lesson_number`;

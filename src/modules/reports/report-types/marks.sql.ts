/**
 * Bindings: class id. The period and year marks given in the class (a student's marks follow
 * the class they were in when given), with the subject's names.
 */
export const CLASS_PERIOD_MARKS_SQL = `
  select pm.student_id, pm.subject_id, s.name as subject_name, s.short_name as subject_short_name,
         pm.study_period_id, pm.kind, pm.value, pm.score::float8 as score
    from period_marks pm
    join subjects s on s.id = pm.subject_id
   where pm.class_id = ? and pm.kind in ('period', 'year')`;

/*
 * The scale a subject is marked on (J3): the subject's own scale, else the school's default.
 * The one place the rule is written in SQL; `gradingScaleOf` and the marks sheet use it.
 */

/**
 * SQL: the scale as `{ name, values }` (json) of the school `school` for a subject whose own
 * scale is `ownScaleId` (SQL expressions; a null scale id means the default).
 */
export const subjectScaleSql = (school: string, ownScaleId: string) => `
  select json_build_object('name', gs.name, 'values', gs.values)
    from grading_scales gs
   where gs.school_id = ${school} and (gs.is_default or gs.id = ${ownScaleId})
   order by gs.is_default
   limit 1`;

/** The scale of one subject: parameters school id, subject id, school id. */
export const SUBJECT_SCALE_SQL = `select (${subjectScaleSql(
  '?',
  '(select s.grading_scale_id from subjects s where s.id = ? and s.school_id = ?)',
)}) as scale`;

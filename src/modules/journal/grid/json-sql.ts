/**
 * Builders of SQL expressions that write JSON text, for the journal's hot read paths.
 *
 * PostgreSQL's `json_build_object` looks up the output function of every argument on every
 * row; for the ~1,500 marks of a journal page that was most of the statement's time. These
 * builders concatenate text instead (`concat`, `string_agg`): every value goes through one
 * of the helpers below, which escape strings with `to_json` and write SQL NULL as `null`.
 * The result is compact JSON (no spaces), built once and sent as it is.
 */

/** An SQL expression (of the type each helper says). */
export type SqlExpression = string;

/** A text (or date: ISO `YYYY-MM-DD`) value, escaped; SQL NULL → null. */
export const jsonString = (expression: SqlExpression): SqlExpression =>
  `coalesce(to_json(${expression})::text, 'null')`;

/** A uuid (needs no escaping); SQL NULL → null. */
export const jsonUuid = (expression: SqlExpression): SqlExpression =>
  `coalesce('"' || ${expression}::text || '"', 'null')`;

/** A number or a boolean (their text is JSON as it is); SQL NULL → null. */
export const jsonScalar = (expression: SqlExpression): SqlExpression =>
  `coalesce((${expression})::text, 'null')`;

/** An object from expressions that are already JSON text (built by these helpers). */
export function jsonObject(fields: Record<string, SqlExpression>): SqlExpression {
  const parts = Object.entries(fields).map(
    ([key, value], index) => `'${index === 0 ? '{' : ','}"${key}":', ${value}`,
  );
  return `concat(${parts.join(', ')}, '}')`;
}

/** `jsonObject(fields)`, or null when `present` (an SQL condition) is false. */
export const jsonObjectOrNull = (
  present: SqlExpression,
  fields: Record<string, SqlExpression>,
): SqlExpression => `case when ${present} then ${jsonObject(fields)} else 'null' end`;

/** An aggregate: the array of `element` (JSON text) over the group's rows, `[]` for none. */
export const jsonArrayAgg = (element: SqlExpression, orderBy: SqlExpression): SqlExpression =>
  `'[' || coalesce(string_agg(${element}, ',' order by ${orderBy}), '') || ']'`;

import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';

/**
 * The baseline of `PUT /v1/lessons/:id/marks`: the lesson's marks become exactly the ones
 * sent, in ONE statement. Items match an existing mark of the same student and mark type
 * (oldest first, as the API matches them) and update it; the others are inserted; marks
 * left unmatched are deleted. The journal's triggers stay on: the period lock checks every
 * row and the history trigger writes one `journal_changes` row per changed mark, with the
 * actor and request id set (transaction-local, as the API does) by the same statement.
 * No authentication and no validation beyond the shape, like the rest of the baseline.
 */
const LESSON_MARKS_SQL = `
with settings as (
  select set_config('app.actor_id', $3::text, true) as actor,
         set_config('app.request_id', $4::text, true) as request
),
lesson as (
  select l.id, l.school_id, l.date from lessons l where l.id = $1
),
wanted as (
  select (e.item ->> 'studentId')::uuid as student_id,
         (e.item ->> 'markTypeId')::uuid as mark_type_id,
         e.item ->> 'value' as value,
         case when e.item ->> 'value' ~ '^[0-9]+$' then (e.item ->> 'value')::numeric end as score,
         row_number() over (partition by e.item ->> 'studentId', e.item ->> 'markTypeId'
                            order by e.ord) as nth
    from jsonb_array_elements($2::jsonb) with ordinality as e(item, ord)
),
existing as (
  select m.id, m.student_id, m.mark_type_id,
         row_number() over (partition by m.student_id, m.mark_type_id
                            order by m.created_at, m.id) as nth
    from marks m where m.lesson_id = $1
),
matched as (
  select w.*, x.id as mark_id
    from wanted w left join existing x using (student_id, mark_type_id, nth)
),
updated as (
  update marks m
     set value = w.value, score = w.score, updated_at = statement_timestamp()
    from matched w, settings
   where m.id = w.mark_id
  returning m.id, m.student_id, m.mark_type_id, m.value, m.score
),
inserted as (
  insert into marks (id, created_at, updated_at, school_id, lesson_id, student_id, mark_type_id,
                     value, score, due_on, late, given_by)
  select gen_random_uuid(), statement_timestamp(), statement_timestamp(), l.school_id, l.id,
         w.student_id, w.mark_type_id, w.value, w.score, l.date + t.check_within_days, false,
         $3::uuid
    from matched w cross join lesson l cross join settings
    join mark_types t on t.id = w.mark_type_id
   where w.mark_id is null
  returning id, student_id, mark_type_id, value, score
),
deleted as (
  delete from marks m using settings
   where m.lesson_id = $1
     and m.id not in (select mark_id from matched where mark_id is not null)
  returning m.id
)
select id, student_id as "studentId", mark_type_id as "markTypeId", value, score::float8 as score
  from updated
union all
select id, student_id, mark_type_id, value, score::float8 from inserted`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `PUT /lessons/:id/marks` with `{ marks: [{ studentId, markTypeId, value }] }`; `x-actor` is the writer. */
export function registerLessonMarks(app: FastifyInstance, pool: Pool): void {
  app.put<{ Params: { id: string }; Body: { marks?: unknown } }>(
    '/lessons/:id/marks',
    async (request, reply) => {
      const actor = request.headers['x-actor'];
      if (
        !UUID.test(request.params.id) ||
        typeof actor !== 'string' ||
        !UUID.test(actor) ||
        !Array.isArray(request.body?.marks)
      ) {
        return reply.code(400).send({ title: 'a lesson id, an x-actor and { marks: [...] }' });
      }
      const { rows } = await pool.query({
        name: 'lesson_marks',
        text: LESSON_MARKS_SQL,
        values: [request.params.id, JSON.stringify(request.body.marks), actor, request.id],
      });
      return { items: rows };
    },
  );
}

import Fastify from 'fastify';
import { Pool } from 'pg';
import { exitWithParent } from '../processes';
import { registerLessonMarks } from './lesson-marks';
import { BASELINE_PORT, BENCH_DATABASE_URL, POOL_SIZE } from '../settings';

/**
 * The hand-written baseline: Fastify and `pg`, no framework, no ORM, no authentication, no
 * caching. It serves the same journal grid as `GET /v1/classes/:id/journal` (same JSON shape)
 * from ONE query that returns flat rows (one per lesson, student, mark and absence), assembled
 * into JSON in JavaScript; a primary-key read of a mark; the whole-lesson marks write in one
 * statement (lesson-marks.ts); and `GET /ping`, a bare route answering a small JSON with no
 * database work at all. What the API does on top (tokens,
 * policies, validation, problem answers, rate limits, metrics) is what the comparison prices.
 */

/**
 * Flat rows, in the order the answer lists them: the header, lessons by date and number,
 * students by name, marks by lesson then as given, absences by lesson.
 */
const GRID_SQL = `
with per as (
  select id, name, starts_on, ends_on, closed_at from study_periods where id = $3
),
les as (
  select l.* from lessons l, per
   where l.class_id = $1 and l.subject_id = $2 and l.date between per.starts_on and per.ends_on
),
stu as (
  select p.id, p.last_name, p.first_name, p.search_name from people p
   where p.id in (select e.student_id from enrollments e, per
                   where e.class_id = $1 and e.starts_on <= per.ends_on
                     and (e.ends_on is null or e.ends_on > per.starts_on))
)
select * from ((
select 0 as k, c.id, s.id as ref, per.id as ref2, null as d, null::int as n,
       c.grade || c.letter as t1, s.name as t2, s.short_name as t3, per.name as t4, null as t5,
       per.starts_on::text as d1, per.ends_on::text as d2, null::numeric as x1, null::numeric as x2,
       per.closed_at is not null as b, null::timestamptz as ts
  from classes c, subjects s, per
 where c.id = $1 and s.id = $2
) union all (
select 1, les.id, les.subgroup_id, lt.id, les.date::text, les.lesson_number, les.topic, les.homework,
       les.status, lt.name, lt.kind, les.homework_due_on::text, null, null, null,
       les.attendance_taken_at is not null, null
  from les left join lesson_types lt on lt.id = les.lesson_type_id
) union all (
select 2, stu.id, null, null, null, null, stu.last_name, stu.first_name, stu.search_name, null, null,
       null, null, null, null, null, null
  from stu
) union all (
select 3, m.id, m.lesson_id, mt.id, les.date::text, les.lesson_number, m.value, m.comment, mt.short_name,
       m.student_id::text, null, null, null, m.score, mt.weight, m.late, m.created_at
  from les join marks m on m.lesson_id = les.id join mark_types mt on mt.id = m.mark_type_id
 where m.student_id in (select id from stu)
) union all (
select 4, a.id, a.lesson_id, null, les.date::text, les.lesson_number, r.code, null, null,
       a.student_id::text, null, null, null, a.minutes_late, null, r.excused, null
  from les join attendance a on a.lesson_id = les.id join absence_reasons r on r.id = a.reason_id
 where a.student_id in (select id from stu)
)) flat
order by k, d, n, ts, t3 collate "C", id`;

interface FlatRow {
  k: number;
  id: string;
  ref: string | null;
  ref2: string | null;
  d: string | null;
  n: number | null;
  t1: string | null;
  t2: string | null;
  t3: string | null;
  t4: string | null;
  t5: string | null;
  d1: string | null;
  d2: string | null;
  x1: string | null;
  x2: string | null;
  b: boolean | null;
  ts: Date | null;
}

const MARK_SQL = `
select id, lesson_id, student_id, mark_type_id, value, score, comment, due_on::text, late, given_by,
       created_at, updated_at
  from marks where id = $1`;

interface Scored {
  score: number | null;
  weight: number;
}

/** Plain and weighted average over marks with a score, 2 decimals half up (as the API). */
function averages(marks: Scored[]): { average: number | null; weightedAverage: number | null } {
  let n = 0;
  let sum = 0;
  let weighted = 0;
  let weights = 0;
  for (const mark of marks) {
    if (mark.score === null) continue;
    const score = Math.round(mark.score * 100);
    const weight = Math.round(mark.weight * 100);
    n += 1;
    sum += score;
    weighted += score * weight;
    weights += weight;
  }
  if (n === 0) return { average: null, weightedAverage: null };
  const half = (a: number, b: number) => Math.floor((2 * a + b) / (2 * b)) / 100;
  return { average: half(sum, n), weightedAverage: weights > 0 ? half(weighted, weights) : null };
}

/** The JournalGridDto of flat rows. */
function assembleGrid(rows: FlatRow[]): unknown {
  const head = rows.find((row) => row.k === 0);
  if (!head) return null;
  const lessons: unknown[] = [];
  const students = new Map<
    string,
    {
      id: string;
      name: string;
      marks: unknown[];
      absences: unknown[];
      scored: Scored[];
      counts: { total: number; excused: number; unexcused: number; late: number };
    }
  >();
  const all: Scored[] = [];
  for (const row of rows) {
    if (row.k === 1) {
      lessons.push({
        id: row.id,
        date: row.d,
        lessonNumber: row.n,
        topic: row.t1,
        lessonType: row.ref2 ? { id: row.ref2, name: row.t4, kind: row.t5 } : null,
        homework: row.t2,
        homeworkDueOn: row.d1,
        status: row.t3,
        subgroupId: row.ref,
        attendanceTaken: row.b,
      });
    } else if (row.k === 2) {
      students.set(row.id, {
        id: row.id,
        name: `${row.t1} ${row.t2}`,
        marks: [],
        absences: [],
        scored: [],
        counts: { total: 0, excused: 0, unexcused: 0, late: 0 },
      });
    } else if (row.k === 3) {
      const student = students.get(row.t4!);
      if (!student) continue;
      const score = row.x1 === null ? null : Number(row.x1);
      const weight = Number(row.x2);
      student.marks.push({
        id: row.id,
        lessonId: row.ref,
        value: row.t1,
        score,
        markType: { id: row.ref2, shortName: row.t3, weight },
        comment: row.t2,
        late: row.b,
      });
      student.scored.push({ score, weight });
      all.push({ score, weight });
    } else if (row.k === 4) {
      const student = students.get(row.t4!);
      if (!student) continue;
      const minutesLate = row.x1 === null ? null : Number(row.x1);
      student.absences.push({ lessonId: row.ref, code: row.t1, excused: row.b, minutesLate });
      if (minutesLate !== null || row.t1 === 'О') student.counts.late += 1;
      else {
        student.counts.total += 1;
        if (row.b) student.counts.excused += 1;
        else student.counts.unexcused += 1;
      }
    }
  }
  return {
    schoolClass: { id: head.id, name: head.t1 },
    subject: { id: head.ref, name: head.t2, shortName: head.t3 },
    period: { id: head.ref2, name: head.t4, startsOn: head.d1, endsOn: head.d2, closed: head.b },
    subgroup: null,
    lessons,
    students: [...students.values()].map((s) => ({
      id: s.id,
      name: s.name,
      marks: s.marks,
      absences: s.absences,
      ...averages(s.scored),
      absenceCounts: s.counts,
    })),
    classAverage: averages(all),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function startBaseline(port = BASELINE_PORT) {
  const pool = new Pool({ connectionString: BENCH_DATABASE_URL, max: POOL_SIZE });
  const app = Fastify({ logger: false });

  app.get<{
    Params: { classId: string };
    Querystring: { subjectId?: string; studyPeriodId?: string };
  }>('/grid/:classId', async (request, reply) => {
    const { classId } = request.params;
    const { subjectId, studyPeriodId } = request.query;
    if (![classId, subjectId, studyPeriodId].every((id) => id && UUID.test(id))) {
      return reply.code(400).send({ title: 'classId, subjectId and studyPeriodId are UUIDs' });
    }
    const { rows } = await pool.query<FlatRow>({
      text: GRID_SQL,
      values: [classId, subjectId, studyPeriodId],
    });
    const grid = assembleGrid(rows);
    return grid ? grid : reply.code(404).send({ title: 'Not found' });
  });

  app.get<{ Params: { id: string } }>('/marks/:id', async (request, reply) => {
    if (!UUID.test(request.params.id)) return reply.code(400).send({ title: 'id is a UUID' });
    const { rows } = await pool.query<Record<string, unknown>>({
      text: MARK_SQL,
      values: [request.params.id],
    });
    const mark = rows[0];
    if (!mark) return reply.code(404).send({ title: 'Not found' });
    return {
      id: mark.id,
      lessonId: mark.lesson_id,
      studentId: mark.student_id,
      markTypeId: mark.mark_type_id,
      value: mark.value,
      score: mark.score === null ? null : Number(mark.score),
      comment: mark.comment,
      dueOn: mark.due_on,
      late: mark.late,
      givenBy: mark.given_by,
      createdAt: mark.created_at,
      updatedAt: mark.updated_at,
    };
  });

  registerLessonMarks(app, pool);

  // The bare Fastify route: what a request costs with nothing of ours on it.
  app.get('/ping', () => ({ status: 'ok' }));

  app.get('/health', () => ({ status: 'ok' }));

  await app.listen({ host: '127.0.0.1', port });
  return {
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

if (require.main === module) {
  exitWithParent();
  startBaseline().then(
    () => console.log(`[bench:baseline] listening on http://127.0.0.1:${BASELINE_PORT}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

import type { Role } from '../src/core/auth/roles';
import type { NextRequest } from './load';
import type { Server } from './processes';
import { DIARY_WEEK, GRID_SUBJECT } from './settings';
import type { World } from './world';

export type Bearer = (accountId: string, role: Role) => Record<string, string>;

/** One side of one scenario: which server answers which requests. */
export interface Scenario {
  key: string;
  scenario: string;
  side: string;
  server: Server;
  next: () => NextRequest;
  /** Sequential requests that count the API's SQL statements (and time them one at a time). */
  count?: number;
  /** The status a working answer has, when not 2xx. */
  expectStatus?: number;
}

/**
 * Every scenario, in the order they are measured. The writes come last. A fixed-rate run
 * of some of them follows the saturation runs (see run.ts): its rate is derived from the
 * maxima measured here.
 */
export function scenariosOf(
  world: World,
  bearer: Bearer,
  api: Server,
  baseline: Server,
): Scenario[] {
  const teacher = bearer(world.teacher.accountId, 'teacher');
  const deputy = bearer(world.deputyAccountId, 'deputy');
  const { grid } = world;
  const gridLabel = `journal grid ${grid.className} ${GRID_SUBJECT}, ${grid.periodName} (${grid.students} × ${grid.lessons}, ${grid.marks} marks)`;

  const rotate = <T>(items: T[], make: (item: T) => NextRequest) => {
    let i = 0;
    return () => make(items[i++ % items.length]);
  };
  const diaryTokens = new Map(
    world.diaryStudents.map((s) => [s.id, bearer(s.accountId, 'student')] as const),
  );
  const bodies = ['5', '4'].map((value) =>
    JSON.stringify({
      marks: world.write.students.map((studentId) => ({
        studentId,
        markTypeId: world.write.markTypeId,
        value,
      })),
    }),
  );
  // Which body each lesson holds now, shared by the API's and the baseline's writes: each
  // request sends the other one, so every request changes 30 marks.
  const holding = new Map(
    world.write.lessons.map((lesson) => [lesson, world.write.holdingFirstBody.has(lesson) ? 0 : 1]),
  );
  const lessonMarks = (path: (lesson: string) => string, headers: Record<string, string>) =>
    rotate(world.write.lessons, (lesson) => {
      const body = 1 - holding.get(lesson)!;
      holding.set(lesson, body);
      return { method: 'PUT' as const, path: path(lesson), headers, body: bodies[body] };
    });
  const markApi = (headers: Record<string, string>) =>
    rotate(world.markIds, (id) => ({ path: `/v1/marks/${id}`, headers }));
  const writeLabel = `whole-lesson marks, PUT ${world.write.students.length} marks (${world.write.className}, ${world.write.lessons.length} lessons in rotation)`;

  return [
    {
      key: 'grid.baseline',
      scenario: gridLabel,
      side: 'baseline',
      server: baseline,
      next: () => ({
        path: `/grid/${grid.classId}?subjectId=${grid.subjectId}&studyPeriodId=${grid.periodId}`,
      }),
    },
    {
      key: 'grid.api',
      scenario: gridLabel,
      side: 'API (subject teacher)',
      server: api,
      next: gridApiRequest(world, teacher),
      count: 200,
    },
    {
      key: 'diary.api',
      scenario: `diary week ${DIARY_WEEK} (${world.diaryStudents.length} students, own tokens)`,
      side: 'API (student)',
      server: api,
      next: rotate(world.diaryStudents, (student) => ({
        path: `/v1/students/${student.id}/diary?week=${DIARY_WEEK}`,
        headers: diaryTokens.get(student.id),
      })),
      count: 100,
    },
    {
      key: 'mark.baseline',
      scenario: 'single mark by id',
      side: 'baseline',
      server: baseline,
      next: rotate(world.markIds, (id) => ({ path: `/marks/${id}` })),
    },
    {
      key: 'mark.api.deputy',
      scenario: 'single mark by id',
      side: 'API (deputy)',
      server: api,
      next: markApi(deputy),
      count: 200,
    },
    {
      key: 'mark.api.teacher',
      scenario: 'single mark by id',
      side: 'API (teacher)',
      server: api,
      next: markApi(teacher),
      count: 200,
    },
    {
      key: 'nodb.baseline',
      scenario: 'no database work',
      side: 'baseline: bare Fastify GET /ping',
      server: baseline,
      next: () => ({ path: '/ping' }),
    },
    {
      // No API route answers 200 without the database; this one runs everything up to the
      // handler (token, rate limit, scopes from the cache, ability, policy, validation) and
      // answers a problem document.
      key: 'nodb.api',
      scenario: 'no database work',
      side: 'API (teacher): GET /v1/marks/not-a-uuid → 400',
      server: api,
      next: () => ({ path: '/v1/marks/not-a-uuid', headers: teacher }),
      count: 200,
      expectStatus: 400,
    },
    {
      // Last: the writes.
      key: 'lessonMarks.baseline',
      scenario: writeLabel,
      side: 'baseline (one statement)',
      server: baseline,
      next: lessonMarks((lesson) => `/lessons/${lesson}/marks`, {
        'x-actor': world.teacher.accountId,
      }),
    },
    {
      key: 'lessonMarks.api',
      scenario: writeLabel,
      side: 'API (subject teacher)',
      server: api,
      next: lessonMarks((lesson) => `/v1/lessons/${lesson}/marks`, teacher),
      count: 40,
    },
  ];
}

export function gridApiRequest(world: World, headers: Record<string, string>) {
  const { grid } = world;
  return (): NextRequest => ({
    path: `/v1/classes/${grid.classId}/journal?subjectId=${grid.subjectId}&studyPeriodId=${grid.periodId}`,
    headers,
  });
}

/**
 * The latency targets hold at an offered load, not at saturation: half of a maximum measured
 * in the same run. The write is offered half the baseline's maximum; the diary, which has no
 * baseline, half the API's own maximum (half the bare route's would be far more than any
 * diary can answer, and measure a growing queue rather than a latency).
 */
export const FIXED_RATE_RUNS: { key: string; of: string; basis: string; target: number }[] = [
  { key: 'diary.api', of: 'diary.api', basis: "half the API's own maximum", target: 20 },
  {
    key: 'lessonMarks.api',
    of: 'lessonMarks.baseline',
    basis: "half the baseline's maximum",
    target: 40,
  },
];

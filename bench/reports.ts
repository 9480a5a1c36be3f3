import { join } from 'node:path';
import { Client } from 'pg';
import { load, type LoadResult } from './load';
import { Server, sleep } from './processes';
import { IN_FLIGHT } from './report-targets';
import { keepInFlight, ReportJobs, TypeNotAvailable, type ReportRequest } from './report-jobs';
import type { Scenario } from './scenarios';
import {
  BENCH_DATABASE_URL,
  CONNECTIONS,
  ROOT,
  SECONDS,
  WARMUP_SECONDS,
  YEAR_NAME,
} from './settings';
import type { Row } from './targets';
import type { World } from './world';

/**
 * The report targets of issue 15, measured with the worker running (`BENCH_ONLY=report`):
 * the time from `POST /v1/reports` to `done` of three reports, and the diary's latency at its
 * fixed offered rate while ten reports are being built, side by side with the same run alone.
 */

/** Timed runs of each report, after one warm-up build. */
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 5);
/** A timed build is polled often: the figure is late by at most this. */
const TIMED_POLL_MS = 20;
/**
 * The ten in flight poll once a second, as a client would: the worker has a backlog anyway
 * (4 build at once), and the polls stay a small load beside the diary.
 */
const LOAD_POLL_MS = 1000;

interface Timed {
  key: string;
  name: string;
  /** None: shown for reference, not a target. */
  goalMs?: number;
  request: ReportRequest;
}

interface Timing {
  runs?: number[];
  /** Why not measured: the type does not exist on this branch. */
  unavailable?: string;
  /** The build failed or got stuck: a failed target. */
  error?: string;
}

export interface ReportFigures {
  timed: Timed[];
  timings: Map<string, Timing>;
  load?: {
    alone: LoadResult;
    loaded: LoadResult;
    built: number;
    building: number;
    errors: string[];
  };
  loadError?: string;
}

interface Options {
  world: World;
  apiOrigin: string;
  /** The deputy's headers: the leadership runs every report of the school. */
  deputy: Record<string, string>;
  workerEnv: NodeJS.ProcessEnv;
  /** The runner's servers: the worker joins them, so a signal stops it too. */
  servers: Server[];
  diary: Scenario;
  rows: Map<string, Row>;
  selected: (key: string) => boolean;
  log: (message: string) => void;
}

async function timedReports(db: Client, world: World): Promise<Timed[]> {
  const year = await db.query<{ id: string }>(
    'select id from academic_years where school_id = $1 and name = $2',
    [world.schoolId, YEAR_NAME],
  );
  const academicYearId = year.rows[0].id;
  const { classId, className, periodId, periodName } = world.grid;
  const r6 = (format: string): ReportRequest => ({
    type: 'attendance-summary',
    format,
    params: { academicYearId },
  });
  return [
    {
      key: 'report.r6.pdf',
      name: 'R6 attendance, whole school, year (pdf)',
      goalMs: 2000,
      request: r6('pdf'),
    },
    {
      key: 'report.r6.json',
      name: 'R6 attendance, whole school, year (json, reference)',
      request: r6('json'),
    },
    {
      key: 'report.r5.pdf',
      name: `R5 marks summary, ${className}, year (pdf)`,
      goalMs: 1000,
      request: { type: 'marks-summary', format: 'pdf', params: { classId } },
    },
    {
      key: 'report.j9.pdf',
      name: `J9 printed journal, ${className}, ${periodName} (pdf, draft)`,
      goalMs: 5000,
      request: {
        type: 'printed-journal',
        format: 'pdf',
        params: { classId, studyPeriodId: periodId, draft: true },
      },
    },
  ];
}

export async function measureReports(options: Options): Promise<ReportFigures> {
  const { log, selected } = options;
  const db = new Client({ connectionString: BENCH_DATABASE_URL });
  await db.connect();
  const timed = await timedReports(db, options.world);
  const figures: ReportFigures = { timed, timings: new Map() };
  const wanted = timed.filter((t) => selected(t.key));
  if (wanted.length === 0 && !selected('report.load')) {
    await db.end();
    return figures;
  }
  const jobs = new ReportJobs(options.apiOrigin, options.deputy, db);
  log(
    `starting the worker (dist/worker.js) as deployed: of the ${IN_FLIGHT} reports in flight the school's limit (REPORTS_PER_SCHOOL, 2) lets two build at once, at WORKER_NICE 10`,
  );
  const worker = Server.start(
    'worker',
    '(no port)',
    join(ROOT, 'dist', 'worker.js'),
    options.workerEnv,
    ['-r', join(__dirname, 'exit-with-parent.js')],
  );
  options.servers.push(worker);
  try {
    await worker.waitForOutput('processing queue');
    for (const t of wanted) figures.timings.set(t.key, await timeOne(jobs, t, log));
    if (selected('report.load')) {
      try {
        figures.load = await diaryWithReports(jobs, db, options, timed[0].request);
      } catch (error) {
        figures.loadError = (error as Error).message;
        log(`report.load: ${figures.loadError}`);
      }
    }
    if (jobs.cachedRetries)
      log(`reports: ${jobs.cachedRetries} answers came from the cache and were asked again`);
  } finally {
    await worker.stop();
    await jobs.cleanUp();
    await db.end();
  }
  return figures;
}

async function timeOne(jobs: ReportJobs, t: Timed, log: (m: string) => void): Promise<Timing> {
  try {
    await jobs.build(t.request, TIMED_POLL_MS); // warm-up; answers whether the type exists
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await jobs.build(t.request, TIMED_POLL_MS));
    log(
      `${t.key}: ${runs.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s (request to done, ${RUNS} runs after a warm-up)`,
    );
    return { runs };
  } catch (error) {
    const message = (error as Error).message;
    log(`${t.key}: ${message}`);
    return error instanceof TypeNotAvailable
      ? { unavailable: 'type not available' }
      : { error: message };
  }
}

/**
 * The diary's fixed-rate run (half its maximum, as in run.ts) alone, then again while ten
 * reports are kept asked for: R5 of each class in turn, and every fifth the whole school's R6.
 */
async function diaryWithReports(
  jobs: ReportJobs,
  db: Client,
  options: Options,
  wholeSchool: ReportRequest,
) {
  const { diary, rows, log } = options;
  const run = async (rate: number | undefined, label: string, measuring = () => {}) => {
    const settings = { connections: CONNECTIONS, rate };
    await load(diary.server.baseUrl, diary.next, { ...settings, seconds: WARMUP_SECONDS });
    measuring();
    const r = await load(diary.server.baseUrl, diary.next, { ...settings, seconds: SECONDS });
    log(
      `report.load: diary ${label}: ${r.rps.toFixed(1)} req/s, p99 ${(r.p99Corrected ?? r.p99).toFixed(1)} ms`,
    );
    return r;
  };
  // The same rate as the diary's own fixed-rate run: from its maximum in this run if measured.
  const max = rows.get('diary.api')?.result?.rps ?? (await run(undefined, 'at saturation')).rps;
  const rate = max / 2;
  const alone = await run(rate, 'alone');

  const classes = await db.query<{ id: string }>(
    'select id from classes where school_id = $1 order by grade, letter',
    [options.world.schoolId],
  );
  let i = 0;
  const next = (): ReportRequest => {
    i += 1;
    if (i % 5 === 0) return wholeSchool;
    const classId = classes.rows[i % classes.rows.length].id;
    return { type: 'marks-summary', format: 'pdf', params: { classId } };
  };
  const flight = keepInFlight(jobs, next, IN_FLIGHT, LOAD_POLL_MS);
  // How many the worker builds at once, sampled over the measured run (after the warm-up,
  // which lets the reports start).
  const samples: number[] = [];
  let sampling = false;
  let before = 0;
  const sampler = (async () => {
    while (!flight.stopped()) {
      if (sampling) samples.push(await jobs.building());
      await sleep(500);
    }
  })();
  let loaded: LoadResult;
  let built: number;
  let errors: string[] = [];
  try {
    loaded = await run(rate, `with ${IN_FLIGHT} reports in flight`, () => {
      sampling = true;
      before = flight.built();
    });
    built = flight.built() - before;
  } finally {
    sampling = false;
    log('report.load: asking for no more reports; waiting for those in flight');
    ({ errors } = await flight.stop());
    await sampler;
    for (const error of errors) log(`report.load: a report did not build: ${error}`);
  }
  const building = samples.reduce((a, b) => a + b, 0) / (samples.length || 1);

  const scenario = `${diary.scenario}, beside reports`;
  const side = `${diary.side} at ${rate.toFixed(0)} req/s`;
  rows.set('report.diary@rate', { scenario, side: `${side}, alone`, result: alone });
  rows.set('report.diary+reports@rate', {
    scenario,
    side: `${side}, ${IN_FLIGHT} reports in flight`,
    result: loaded,
  });
  return { alone, loaded, built, building, errors };
}

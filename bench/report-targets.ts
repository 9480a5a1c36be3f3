import type { ReportFigures } from './reports';
import type { Target } from './targets';

/** The diary with ten reports building may be at most this many times its p99 alone. */
export const LOAD_RATIO = 1.25;
export const IN_FLIGHT = 10;
/** The school's default limit (2) would cap the ten; the bench is one school. */

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Issue 15's report targets, printed with the others; figures absent → not measured. */
export function judgeReports(figures?: ReportFigures): Target[] {
  const targets: Target[] = [];
  for (const t of figures?.timed ?? []) {
    const timing = figures?.timings.get(t.key);
    const name = t.goalMs ? `${t.name}: request to done ≤ ${seconds(t.goalMs)}` : t.name;
    if (!timing?.runs) {
      targets.push({
        name,
        measured: timing?.unavailable
          ? `not measured (${timing.unavailable})`
          : (timing?.error ?? 'not measured'),
        // A build that failed misses its target; a type not there yet is not judged.
        pass: timing?.error && t.goalMs ? false : null,
      });
      continue;
    }
    const sorted = [...timing.runs].sort((a, b) => a - b);
    const middle = sorted.length / 2;
    const median =
      sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
    targets.push({
      name,
      measured: `median ${seconds(median)}, max ${seconds(sorted.at(-1)!)} (${sorted.length} runs)`,
      pass: t.goalMs ? median <= t.goalMs : null,
    });
  }

  const name = `diary week p99 with ${IN_FLIGHT} reports in flight (worker defaults): ≤ ${LOAD_RATIO} × alone`;
  const load = figures?.load;
  if (!load) {
    targets.push({
      name,
      measured: figures?.loadError ?? 'not measured',
      pass: figures?.loadError ? false : null,
    });
    return targets;
  }
  const alone = load.alone.p99Corrected!;
  const loaded = load.loaded.p99Corrected!;
  const ratio = loaded / alone;
  const failed = load.loaded.unexpected + load.loaded.errors;
  targets.push({
    name,
    measured:
      `${ratio.toFixed(2)} × (${loaded.toFixed(1)} vs ${alone.toFixed(1)} ms at ${load.alone.rate!.toFixed(0)} req/s;` +
      ` ${load.built} built, ${load.building.toFixed(1)} building on average` +
      `${failed ? `; ${failed} diary requests failed` : ''}` +
      `${load.errors.length ? `; ${load.errors.length} reports failed` : ''})`,
    pass: ratio <= LOAD_RATIO && failed === 0 && load.errors.length === 0,
  });
  return targets;
}

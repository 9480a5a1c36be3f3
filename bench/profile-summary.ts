import { readFileSync } from 'node:fs';

/** The parts of a V8 `.cpuprofile` the summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

export interface Summary {
  totalMs: number;
  /** Self time by function (`name file:line`), largest first. */
  functions: { key: string; selfMs: number; totalMs: number }[];
  /** Self time by where the code lives: a package, a file of ours, Node, GC, idle. */
  areas: { area: string; selfMs: number }[];
}

function areaOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node';
  const ours = /\/dist\/(.+)$/.exec(url);
  return ours ? `ours: ${ours[1]}` : url;
}

/**
 * Self time (the function itself was running) and total time (it was anywhere on the
 * stack, counted once per sample) of every function of a CPU profile.
 */
export function summarise(profile: CpuProfile): Summary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const keyOf = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const file = url.replace(/^.*\/(node_modules|dist)\//, '$1/').replace(/^file:\/\//, '');
    return `${functionName || '(anonymous)'} ${file}${url ? `:${lineNumber + 1}` : ''}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const areas = new Map<string, number>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    totalUs += us;
    const key = keyOf(id);
    self.set(key, (self.get(key) ?? 0) + us);
    const frame = byId.get(id)!.callFrame;
    const area = areaOf(frame.url, frame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const onStack = keyOf(at);
      if (seen.has(onStack)) continue;
      seen.add(onStack);
      total.set(onStack, (total.get(onStack) ?? 0) + us);
    }
  });
  return {
    totalMs: totalUs / 1000,
    functions: [...self]
      .map(([key, us]) => ({ key, selfMs: us / 1000, totalMs: (total.get(key) ?? 0) / 1000 }))
      .sort((a, b) => b.selfMs - a.selfMs),
    areas: [...areas]
      .map(([area, us]) => ({ area, selfMs: us / 1000 }))
      .sort((a, b) => b.selfMs - a.selfMs),
  };
}

/** The summary as text: the top functions by self time, then by area. */
export function formatSummary(summary: Summary, top = 40): string {
  const pct = (ms: number) => `${((100 * ms) / summary.totalMs).toFixed(1).padStart(5)} %`;
  return [
    `profile: ${(summary.totalMs / 1000).toFixed(1)} s sampled`,
    '',
    'self %   total %  function',
    ...summary.functions.slice(0, top).map((f) => `${pct(f.selfMs)}  ${pct(f.totalMs)}  ${f.key}`),
    '',
    'self %   where',
    ...summary.areas.slice(0, top).map((a) => `${pct(a.selfMs)}  ${a.area}`),
  ].join('\n');
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node dist/bench/bench/profile-summary.js <file.cpuprofile> [top]');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  console.log(formatSummary(summarise(profile), Number(process.argv[3] ?? 40)));
}

import type { NextRequest } from './load';

export interface Sent {
  ok: boolean;
  status: number;
  code?: string;
  detail: string;
  body: unknown;
  bytes: number;
}

export async function send(origin: string, request: NextRequest): Promise<Sent> {
  const response = await fetch(`${origin}${request.path}`, {
    method: request.method ?? 'GET',
    headers: request.body
      ? { ...request.headers, 'content-type': 'application/json' }
      : request.headers,
    body: request.body,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  const problem = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return {
    ok: response.ok,
    status: response.status,
    code: typeof problem.code === 'string' ? problem.code : undefined,
    detail:
      typeof problem.detail === 'string'
        ? problem.detail
        : typeof problem.title === 'string'
          ? problem.title
          : text.slice(0, 200),
    body,
    bytes: Buffer.byteLength(text),
  };
}

/** The first path where two JSON values differ, or undefined. */
export function firstDifference(a: unknown, b: unknown, path: string): string | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path || '.'}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const found = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of [...keys].sort()) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (found) return found;
    }
    return undefined;
  }
  return a === b ? undefined : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

/**
 * The methods each registered path answers, so that a known path called with another
 * method gets 405 with `Allow` rather than 404. Filled from Fastify's `onRoute` hook;
 * catch-all routes (CORS preflight, the docs' files) are left out, or every path would
 * look known.
 */
export class RouteMethods {
  private readonly routes: { pattern: RegExp; methods: Set<string> }[] = [];
  private readonly byUrl = new Map<string, Set<string>>();

  record(methods: string | string[], url: string): void {
    if (url.includes('*')) return;
    let known = this.byUrl.get(url);
    if (!known) {
      known = new Set();
      this.byUrl.set(url, known);
      this.routes.push({ pattern: patternOf(url), methods: known });
    }
    for (const method of [methods].flat()) known.add(method.toUpperCase());
  }

  /** The methods the path answers, sorted; empty for a path no route has. */
  allowedFor(path: string): string[] {
    const allowed = new Set<string>();
    for (const route of this.routes) {
      if (route.pattern.test(path)) route.methods.forEach((method) => allowed.add(method));
    }
    return [...allowed].sort();
  }
}

/** `/v1/lessons/:id/marks` → a RegExp matching one segment for each parameter. */
function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) =>
      segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}$`);
}

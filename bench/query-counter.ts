/**
 * Preloaded into the API under test (`node -r …/query-counter.js dist/main.js`): counts every
 * statement the process sends to PostgreSQL (each `Client#query` of every copy of `pg` that
 * MikroORM/knex or the app load, BEGIN/COMMIT included) and tells the count to the benchmark
 * runner, its parent, over the IPC channel. Costs one increment per statement.
 */
import { dirname } from 'node:path';

let statements = 0;

const roots = [process.cwd()];
for (const name of ['knex', '@mikro-orm/knex', '@mikro-orm/postgresql']) {
  try {
    roots.push(dirname(require.resolve(`${name}/package.json`, { paths: [process.cwd()] })));
  } catch {
    // not installed: nothing of it to patch
  }
}
const patched = new Set<string>();
for (const root of roots) {
  let path: string;
  try {
    path = require.resolve('pg', { paths: [root] });
  } catch {
    continue;
  }
  if (patched.has(path)) continue;
  patched.add(path);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require(path) as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    statements += 1;
    return query.apply(this, args);
  };
}

process.on('message', (message: unknown) => {
  if (message === 'bench:statements') process.send?.({ statements });
});
// The runner stops the API at the end; if the runner dies instead, do not outlive it.
process.on('disconnect', () => process.exit(0));

import type { TestApp } from './test-app';
import { eventually } from './workers';

/**
 * Asks for a report through the API, waits until the worker has built it, and downloads its
 * file: the report resource, the file's bytes and the download's headers.
 */
export async function builtReport(t: TestApp, auth: Record<string, string>, body: object) {
  const asked = await t.http().post('/v1/reports').set(auth).send(body);
  if (asked.status !== 202) {
    throw new Error(`report not accepted: ${asked.status} ${JSON.stringify(asked.body)}`);
  }
  const id = asked.body.id as string;
  const report = await eventually(async () => {
    const got = await t.http().get(`/v1/reports/${id}`).set(auth).expect(200);
    if (got.body.status === 'failed') throw new Error(JSON.stringify(got.body.problem));
    return got.body.status === 'done' ? (got.body as Record<string, unknown>) : undefined;
  });
  const file = await t
    .http()
    .get(`/v1/reports/${id}/file`)
    .set(auth)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  return { report, file: file.body as Buffer, headers: file.headers };
}

/** The tables of a report built as `json`. */
export function jsonTables(file: Buffer): {
  title?: string;
  columns: { key: string; title: string }[];
  rows: Record<string, unknown>[];
  totals?: Record<string, unknown>;
}[] {
  return (JSON.parse(file.toString('utf8')) as { tables: never[] }).tables;
}

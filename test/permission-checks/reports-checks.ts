import type { TestUser } from '../support/factories';
import type { MatrixCell } from '../support/permission-matrix';
import type { TestApp } from '../support/test-app';
import type { PeopleWorld } from './people-world';

type Check = (cell: MatrixCell, actor: TestUser) => Promise<void>;
type Key = 'A' | 'B' | 'C';

export interface ReportsCheckContext {
  t: () => TestApp;
  people: () => PeopleWorld;
}

/** The classes whose reports a cell runs: all (school), the led 7А (class), the taught 7Б. */
function reach(cell: MatrixCell): Key[] {
  if (!cell.letters.has('W')) return [];
  switch (cell.scope) {
    case 'school':
      return ['A', 'B', 'C'];
    case 'class':
      return ['A'];
    case 'taught':
      return ['B'];
    default:
      throw new Error(`No reports scope "${cell.scope}" (${cell.subject} × ${cell.role})`);
  }
}

/**
 * "School reports": asks for a class report of each class and for the whole school's
 * attendance; what the cell allows is queued (202) and then readable by its asker, anything
 * else is refused (403 to staff who see the class, else 404) and queues nothing.
 */
export function reportsChecks(ctx: ReportsCheckContext): Record<string, Check> {
  return {
    async 'School reports'(cell, actor) {
      const http = () => ctx.t().http();
      const { classes } = ctx.people();
      const allowed = reach(cell);
      const asked: string[] = [];
      for (const key of ['A', 'B', 'C'] as const) {
        const response = await http()
          .post('/v1/reports')
          .set(actor.auth)
          .send({ type: 'marks-summary', format: 'json', params: { classId: classes[key].id } });
        if (allowed.includes(key)) {
          expect({ key, status: response.status }).toEqual({ key, status: 202 });
          asked.push(response.body.id as string);
        } else {
          expect({ key, status: [403, 404].includes(response.status) }).toEqual({
            key,
            status: true,
          });
        }
      }
      const wholeSchool = await http()
        .post('/v1/reports')
        .set(actor.auth)
        .send({
          type: 'attendance-summary',
          format: 'csv',
          params: { schoolId: classes.A.schoolId, from: '2026-09-01', to: '2026-09-30' },
        });
      if (cell.scope === 'school') {
        expect(wholeSchool.status).toBe(202);
        asked.push(wholeSchool.body.id as string);
      } else {
        expect([403, 404]).toContain(wholeSchool.status);
      }
      const list = await http().get('/v1/reports?limit=100').set(actor.auth).expect(200);
      const listed = (list.body.items as { id: string }[]).map((report) => report.id);
      expect(listed.sort()).toEqual([...asked].sort());
      for (const id of asked) await http().get(`/v1/reports/${id}`).set(actor.auth).expect(200);
    },
  };
}

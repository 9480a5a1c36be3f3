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

/** The classes whose class reports a cell runs: all (school), the led 7А, the taught 7Б. */
function classesReached(cell: MatrixCell): Key[] {
  if (!cell.letters.has('W')) return [];
  switch (cell.scope) {
    case 'school':
      return ['A', 'B', 'C'];
    case 'class':
      return ['A'];
    case 'taught':
      return ['B'];
    case 'own':
    case 'children':
      return [];
    default:
      throw new Error(`No reports scope "${cell.scope}" (${cell.subject} × ${cell.role})`);
  }
}

/** The school-wide reports that are a role's own (`own`): what its duties need. */
const OWN_REPORTS: Record<string, string[]> = {
  secretary: ['movement-summary'],
  medical: ['health-groups', 'attendance-summary'],
  psychologist: ['health-groups', 'attendance-summary'],
};

/**
 * "School reports": asks for a class report of each class, for school-wide reports and for
 * the progress report of the parent actor's child (7В's student); what the cell allows is
 * queued (202) and then readable by its asker, anything else is refused (403 to staff who see
 * the class or work in the school, else 404) and queues nothing.
 */
export function reportsChecks(ctx: ReportsCheckContext): Record<string, Check> {
  return {
    async 'School reports'(cell, actor) {
      const http = () => ctx.t().http();
      const { classes, students } = ctx.people();
      const schoolId = classes.A.schoolId;
      const asked: string[] = [];
      const ask = async (label: string, body: object, allowed: boolean) => {
        const response = await http().post('/v1/reports').set(actor.auth).send(body);
        const outcome = allowed ? response.status === 202 : [403, 404].includes(response.status);
        expect({ label, status: response.status, outcome }).toEqual({
          label,
          status: response.status,
          outcome: true,
        });
        if (allowed) asked.push(response.body.id as string);
      };

      const reached = classesReached(cell);
      for (const key of ['A', 'B', 'C'] as const) {
        await ask(
          `marks-summary of 7${key}`,
          { type: 'marks-summary', format: 'json', params: { classId: classes[key].id } },
          reached.includes(key),
        );
      }
      const whole = cell.scope === 'school';
      const own = cell.scope === 'own' ? (OWN_REPORTS[cell.role] ?? []) : [];
      const days = { schoolId, from: '2026-09-01', to: '2026-09-30' };
      for (const [type, params] of [
        ['attendance-summary', days],
        ['movement-summary', days],
        ['health-groups', { schoolId }],
      ] as const) {
        await ask(type, { type, format: 'csv', params }, whole || own.includes(type));
      }
      await ask(
        'student-progress of the parent actor’s child',
        { type: 'student-progress', format: 'json', params: { studentId: students.C.id } },
        whole || cell.scope === 'children',
      );

      const list = await http().get('/v1/reports?limit=100').set(actor.auth).expect(200);
      const listed = (list.body.items as { id: string }[]).map((report) => report.id);
      expect(listed.sort()).toEqual([...asked].sort());
      for (const id of asked) await http().get(`/v1/reports/${id}`).set(actor.auth).expect(200);
    },
  };
}

import type { TestUser } from '../support/factories';
import type { MatrixCell } from '../support/permission-matrix';
import type { TestApp } from '../support/test-app';
import type { JournalWorld } from './journal-world';
import type { PeopleWorld } from './people-world';

type Check = (cell: MatrixCell, actor: TestUser) => Promise<void>;
type Key = 'A' | 'B' | 'C';

export interface JournalCheckContext {
  t: () => TestApp;
  people: () => PeopleWorld;
  journal: () => JournalWorld;
}

/** Which classes' lessons a cell reaches, and whose cells in them the caller sees. */
function reach(cell: MatrixCell, people: PeopleWorld, journal: JournalWorld) {
  const all = (keys: Key[]) => new Map(keys.map((key) => [key, journal.studentsOf[key]]));
  if (cell.letters.size === 0) return new Map<Key, string[]>();
  switch (cell.scope) {
    case 'school':
      return all(['A', 'B', 'C']);
    case 'class':
      return all(['A']);
    case 'taught':
      return all(['B']);
    case 'self':
      return new Map<Key, string[]>([['A', [people.students.A.id]]]);
    case 'children':
      return new Map<Key, string[]>([['C', [people.students.C.id]]]);
    default:
      throw new Error(`No journal scope "${cell.scope}" (${cell.subject} × ${cell.role})`);
  }
}

/** A refused change: 403 when the caller reads such cells, else 403 or 404. */
const expectDenied = (cell: MatrixCell, status: number) =>
  cell.letters.has('R') ? expect(status).toBe(403) : expect([403, 404]).toContain(status);

/** The class whose lesson a writer writes: the one its scope reaches (7Б for a teacher). */
const targetOf = (visible: Map<Key, string[]>): Key =>
  visible.has('B') ? 'B' : ([...visible.keys()][0] ?? 'B');

export function journalChecks(ctx: JournalCheckContext): Record<string, Check> {
  const http = () => ctx.t().http();

  /** Reads each class's lesson cells, then tries to write the target lesson's. */
  const walk = async (
    cell: MatrixCell,
    actor: TestUser,
    path: 'marks' | 'attendance',
    write: (studentIds: string[]) => Record<string, unknown>,
    written: (body: { items: Record<string, unknown>[] }) => void,
  ) => {
    const world = ctx.journal();
    const visible = reach(cell, ctx.people(), ctx.journal());
    for (const key of ['A', 'B', 'C'] as const) {
      const response = await http()
        .get(`/v1/lessons/${world.lessons[key].id}/${path}`)
        .set(actor.auth)
        .expect(visible.has(key) ? 200 : 404);
      if (visible.has(key)) {
        const students = response.body.items.map((item: { studentId: string }) => item.studentId);
        expect(students.sort()).toEqual([...visible.get(key)!].sort());
      }
    }
    const target = targetOf(visible);
    const response = await http()
      .put(`/v1/lessons/${world.lessons[target].id}/${path}`)
      .set(actor.auth)
      .send(write(ctx.journal().studentsOf[target]));
    if (cell.letters.has('W')) {
      expect(response.status).toBe(200);
      written(response.body);
    } else {
      expectDenied(cell, response.status);
    }
  };

  return {
    async Marks(cell, actor) {
      const { markTypeId } = ctx.journal();
      await walk(
        cell,
        actor,
        'marks',
        (studentIds) => ({
          marks: studentIds.map((studentId) => ({ studentId, markTypeId, value: '4' })),
        }),
        (body) => expect(body.items.map((mark) => mark.value)).toEqual(['4']),
      );
    },

    async Attendance(cell, actor) {
      const { reasonId, studentsOf } = ctx.journal();
      const target = targetOf(reach(cell, ctx.people(), ctx.journal()));
      await walk(
        cell,
        actor,
        'attendance',
        (studentIds) => ({ absences: studentIds.map((studentId) => ({ studentId, reasonId })) }),
        (body) => {
          expect(body.items).toHaveLength(studentsOf[target].length);
          expect(body.items).toEqual(
            expect.arrayContaining(
              studentsOf[target].map((studentId) =>
                expect.objectContaining({
                  studentId,
                  reason: expect.objectContaining({ code: 'Н' }),
                }),
              ),
            ),
          );
        },
      );
    },
  };
}

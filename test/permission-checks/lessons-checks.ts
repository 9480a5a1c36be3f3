import type { School } from '../../src/core/tenancy/entities/school.entity';
import type { TestUser } from '../support/factories';
import type { MatrixCell } from '../support/permission-matrix';
import type { TestApp } from '../support/test-app';
import type { LessonsWorld } from './lessons-world';
import type { PeopleWorld } from './people-world';

type Check = (cell: MatrixCell, actor: TestUser) => Promise<void>;
type Key = 'A' | 'B' | 'C';

export interface LessonsCheckContext {
  t: () => TestApp;
  school: () => School;
  people: () => PeopleWorld;
  lessons: () => LessonsWorld;
}

/** Which of the world's classes (7А, 7Б, 7В) a cell's scope reaches. */
function classesFor(cell: MatrixCell): Key[] {
  if (cell.letters.size === 0) return [];
  switch (cell.scope) {
    case 'school':
      return ['A', 'B', 'C'];
    case 'class':
    case 'own':
      return ['A'];
    case 'taught':
      return ['B'];
    case 'children':
      return ['C'];
    default:
      throw new Error(`No lessons scope "${cell.scope}" (${cell.subject} × ${cell.role})`);
  }
}

/** A refused change: 403 when the caller reads such objects, else 403 or 404 (see people checks). */
const expectDenied = (cell: MatrixCell, status: number) =>
  cell.letters.has('R') ? expect(status).toBe(403) : expect([403, 404]).toContain(status);

export function lessonsChecks(ctx: LessonsCheckContext): Record<string, Check> {
  const http = () => ctx.t().http();

  return {
    async Curriculum(cell, actor) {
      const { year, subjectId } = ctx.people();
      const curriculum = await http()
        .get(`/v1/academic-years/${year.id}/curriculum`)
        .set(actor.auth);
      const load = await http()
        .get(`/v1/schools/${ctx.school().id}/teacher-load`)
        .query({ academicYearId: year.id })
        .set(actor.auth);
      if (cell.letters.has('R')) {
        expect(curriculum.status).toBe(200);
        expect(curriculum.body.items).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              grade: 7,
              subject: expect.objectContaining({ id: subjectId }),
            }),
          ]),
        );
        expect(load.status).toBe(200);
      } else {
        expect([curriculum.status, load.status]).toEqual([404, 404]);
      }
      const replace = await http()
        .put(`/v1/academic-years/${year.id}/curriculum/7`)
        .set(actor.auth)
        .send({ lines: [{ subjectId, hoursPerWeek: 5 }] });
      if (cell.letters.has('W')) {
        expect(replace.status).toBe(200);
        expect(replace.body.items).toEqual([
          expect.objectContaining({ grade: 7, hoursPerWeek: 5 }),
        ]);
      } else {
        expectDenied(cell, replace.status);
      }
    },

    async Timetable(cell, actor) {
      const { classes, subjectId } = ctx.people();
      const world = ctx.lessons();
      const visible = new Set(classesFor(cell));
      for (const key of ['A', 'B', 'C'] as const) {
        const response = await http()
          .get(`/v1/classes/${classes[key].id}/timetable`)
          .query({ on: world.on })
          .set(actor.auth)
          .expect(visible.has(key) ? 200 : 404);
        if (visible.has(key)) expect(response.body.cells).toHaveLength(1);
      }
      const replace = await http()
        .put(`/v1/classes/${classes.C.id}/timetable`)
        .set(actor.auth)
        .send({
          studyPeriodId: world.studyPeriodId,
          cells: [{ weekday: 3, lessonNumber: 1, subjectId, teacherId: world.otherTeacher.id }],
        });
      if (cell.letters.has('W')) {
        expect(replace.status).toBe(200);
        expect(replace.body.cells).toEqual([
          expect.objectContaining({ weekday: 3, lessonNumber: 1 }),
        ]);
      } else {
        expectDenied(cell, replace.status);
      }
      const cancel = await http()
        .post(`/v1/lessons/${world.lessons.C.id}/cancel`)
        .set(actor.auth)
        .send({ reason: 'Проверка прав' });
      if (cell.letters.has('W')) {
        expect(cancel.status).toBe(200);
        expect(cancel.body).toMatchObject({
          status: 'cancelled',
          cancellationReason: 'Проверка прав',
        });
        await http().post(`/v1/lessons/${world.lessons.C.id}/restore`).set(actor.auth).expect(200);
      } else {
        expect([403, 404]).toContain(cancel.status);
      }
    },

    async Lessons(cell, actor) {
      const world = ctx.lessons();
      const visible = new Set(classesFor(cell));
      for (const key of ['A', 'B', 'C'] as const) {
        const response = await http()
          .get(`/v1/lessons/${world.lessons[key].id}`)
          .set(actor.auth)
          .expect(visible.has(key) ? 200 : 404);
        if (visible.has(key)) expect(response.body.classId).toBe(ctx.people().classes[key].id);
      }
      // Record the lesson the caller sees (7Б's when it sees several).
      const target: Key = visible.has('B') ? 'B' : ([...visible][0] ?? 'B');
      const record = await http()
        .patch(`/v1/lessons/${world.lessons[target].id}`)
        .set(actor.auth)
        .send({ topic: `Тема (${cell.role})` });
      if (cell.letters.has('W')) {
        expect(record.status).toBe(200);
        expect(record.body.topic).toBe(`Тема (${cell.role})`);
      } else {
        expectDenied(cell, record.status);
      }
    },

    async 'Thematic plans'(cell, actor) {
      const { classes, subjectId, staff } = ctx.people();
      const world = ctx.lessons();
      const visible = new Set(classesFor(cell));
      for (const key of ['A', 'B'] as const) {
        const response = await http()
          .get(`/v1/thematic-plans/${world.planIds[key]}`)
          .set(actor.auth)
          .expect(visible.has(key) ? 200 : 404);
        if (visible.has(key)) expect(response.body.topics).toHaveLength(1);
      }
      // Write the plan the caller sees (7Б's when it sees several).
      const target = visible.has('B') || !visible.has('A') ? 'B' : 'A';
      const teacherId = target === 'B' ? staff[1].id : world.otherTeacher.id;
      const replace = await http()
        .put(`/v1/classes/${classes[target].id}/thematic-plans/${subjectId}`)
        .set(actor.auth)
        .send({ teacherId, topics: [{ title: 'Дроби', hours: 4 }] });
      if (cell.letters.has('W')) {
        expect(replace.status).toBe(200);
        expect(replace.body).toMatchObject({
          id: world.planIds[target],
          topics: [{ title: 'Дроби', hours: 4 }],
        });
      } else {
        expectDenied(cell, replace.status);
      }
    },
  };
}

import type { INestApplicationContext } from '@nestjs/common';
import { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import { Mark } from '../src/modules/grades/entities/mark.entity';
import type { Person } from '../src/modules/people/entities/person.entity';
import type { JournalWorld } from './support/journal-fixtures';
import { asRole } from './support/factories';
import { expectProblem } from './support/problem-matchers';
import { builtReport, jsonTables } from './support/report-requests';
import { createReportWorld, journalWriters } from './support/report-world';
import { startTestApp, type TestApp } from './support/test-app';
import { startTestWorker } from './support/workers';

/**
 * The class teacher's reports (R2, R3), the forecast (R12) and the movement summary (R7) on
 * the report world (test/support/report-world.ts), with lesson marks of the first quarter
 * («Ответ на уроке», weight 1): mathematics Алексеев 5 and 4, Борисова 3 and 4, Васильев 2
 * and 3, Григорьев 2; Russian Алексеев 5.
 */
describe('class teacher reports', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let w: JournalWorld;
  let fourth: Person;
  const period = () => ({ classId: w.schoolClass.id, studyPeriodId: w.periods[0].id });

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startTestWorker(t.config);
    ({ w, fourth } = await createReportWorld(t));
    const em = t.em();
    const [a, b, c] = w.students;
    const { mark } = journalWriters(em, w);
    const [first, second] = w.mathLessons.map((lesson) => lesson.id);
    mark(first, a, '5');
    mark(second, a, '4');
    mark(first, b, '3');
    mark(second, b, '4');
    mark(first, c, '2');
    mark(second, c, '3');
    mark(first, fourth, '2');
    em.create(Mark, {
      schoolId: w.school.id,
      lessonId: w.russianLesson.id,
      studentId: a.id,
      markTypeId: w.markTypes['Ответ на уроке'].id,
      value: '5',
      score: '5',
      givenBy: w.otherTeacher.user.account.id,
    });
    await em.flush();
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const row = (rows: Record<string, unknown>[], name: string) =>
    rows.find((r) => String(r.student).startsWith(name))!;

  it('R2: the preliminary report shows the marks the journal suggests, half up', async () => {
    const { file } = await builtReport(t, w.classTeacher.user.auth, {
      type: 'class-teacher-preliminary',
      format: 'json',
      params: period(),
    });
    const [students, standings] = jsonTables(file);
    const math = w.math.id;
    const russian = w.russian.id;
    // 4.5 → 5, 3.5 → 4, 2.5 → 3, 2 → 2; only Алексеев has a Russian mark.
    expect(row(students.rows, 'Алексеев')).toMatchObject({
      [math]: '5',
      [russian]: '5',
      missed: 2,
      missedExcused: 2,
      unexcused: 0,
      standing: 'отличник',
    });
    expect(row(students.rows, 'Борисова')).toMatchObject({
      [math]: '4',
      [russian]: null,
      missed: 1,
      missedExcused: 0,
      unexcused: 1,
      standing: 'хорошист',
    });
    expect(row(students.rows, 'Васильев')).toMatchObject({
      [math]: '3',
      missed: 0,
      standing: 'с одной «3»',
    });
    expect(row(students.rows, 'Григорьев')).toMatchObject({
      [math]: '2',
      standing: 'неуспевающий',
    });
    expect(standings.rows).toEqual([
      {
        students: 4,
        excellent: 1,
        good: 1,
        oneThree: 1,
        satisfactory: 0,
        failing: 1,
        notAssessed: 0,
        successRate: 75,
        qualityRate: 50,
      },
    ]);
  });

  it('R3: the final report shows the period marks given', async () => {
    const { file } = await builtReport(t, w.classTeacher.user.auth, {
      type: 'class-teacher-period',
      format: 'json',
      params: period(),
    });
    const [students] = jsonTables(file);
    expect(row(students.rows, 'Алексеев')).toMatchObject({
      [w.math.id]: '5',
      [w.russian.id]: '5',
      standing: 'отличник',
    });
    expect(row(students.rows, 'Васильев')).toMatchObject({
      [w.math.id]: '3',
      [w.russian.id]: '4',
      standing: 'с одной «3»',
    });
    expect(row(students.rows, 'Григорьев')).toMatchObject({
      [w.math.id]: '2',
      [w.russian.id]: '4',
      standing: 'неуспевающий',
    });
  });

  it('R2 and R3 are the class teacher’s: a teacher of the class gets 403, and runs R12', async () => {
    for (const type of ['class-teacher-preliminary', 'class-teacher-period']) {
      expectProblem(
        await t
          .http()
          .post('/v1/reports')
          .set(w.teacher.user.auth)
          .send({ type, format: 'json', params: period() }),
        403,
        'access.forbidden',
      );
    }
    const { file } = await builtReport(t, w.teacher.user.auth, {
      type: 'marks-forecast',
      format: 'json',
      params: period(),
    });
    const [forecast, averages] = jsonTables(file);
    expect(row(forecast.rows, 'Борисова')).toMatchObject({ [w.math.id]: '4' });
    expect(row(averages.rows, 'Борисова')).toMatchObject({ [w.math.id]: 3.5 });
    expect(row(averages.rows, 'Алексеев')).toMatchObject({ [w.math.id]: 4.5, [w.russian.id]: 5 });
  });

  it('R7: the movement summary counts by class, with the order numbers', async () => {
    // Run last: it moves Васильев to 7Б from 1 October.
    const [, , vasiliev] = w.students;
    const other = await t.em().findOneOrFail(SchoolClass, { schoolId: w.school.id, letter: 'Б' });
    const ordered = await t
      .http()
      .post(`/v1/schools/${w.school.id}/movement-orders`)
      .set(w.admin.auth)
      .send({
        number: '15',
        datedOn: '2026-09-30',
        kind: 'transfer',
        basis: 'Заявление родителей',
        movements: [{ studentId: vasiliev.id, toClassId: other.id, effectiveOn: '2026-10-01' }],
      });
    expect(ordered.status).toBe(201);
    const secretary = await asRole(t, 'secretary', w.school);
    const { file } = await builtReport(t, secretary.auth, {
      type: 'movement-summary',
      format: 'json',
      params: { from: '2026-09-01', to: '2026-12-31' },
    });
    const [byClass, movements] = jsonTables(file);
    expect(byClass.rows).toEqual([
      { class: '7А', atStart: 4, arrived: 0, departed: 1, atEnd: 3, orders: '№ 15 от 30.09.2026' },
      { class: '7Б', atStart: 1, arrived: 1, departed: 0, atEnd: 2, orders: '№ 15 от 30.09.2026' },
    ]);
    expect(byClass.totals).toMatchObject({ atStart: 5, arrived: 1, departed: 1, atEnd: 5 });
    expect(movements.rows).toEqual([
      {
        date: '01.10.2026',
        student: 'Васильев Глеб',
        kind: 'перевод',
        from: '7А',
        to: '7Б',
        order: '№ 15 от 30.09.2026',
      },
    ]);
    // The secretary runs nothing else.
    expectProblem(
      await t
        .http()
        .post('/v1/reports')
        .set(secretary.auth)
        .send({ type: 'class-results', format: 'json', params: period() }),
      403,
      'access.forbidden',
    );
  });
});

import type { INestApplicationContext } from '@nestjs/common';
import { Clock, type PinnedClock } from '../src/core/clock/clock';
import { Account } from '../src/core/auth/entities/account.entity';
import { Lesson } from '../src/modules/lessons/entities/lesson.entity';
import { HealthRecord } from '../src/modules/people/entities/health-record.entity';
import { Person } from '../src/modules/people/entities/person.entity';
import { asRole } from './support/factories';
import type { JournalWorld } from './support/journal-fixtures';
import { expectProblem } from './support/problem-matchers';
import { builtReport, jsonTables } from './support/report-requests';
import { createReportWorld, journalWriters } from './support/report-world';
import { startTestApp, type TestApp } from './support/test-app';
import { startTestWorker } from './support/workers';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The school-wide control reports (R9, R13, R14) and the parents' progress report on the
 * report world (test/support/report-world.ts), read on 2026-11-25.
 */
describe('school reports', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let w: JournalWorld;

  beforeAll(async () => {
    t = await startTestApp();
    ({ w } = await createReportWorld(t));
    worker = await startTestWorker(t.config);
    // The worker's clock reads the world's day too (it counts "seen in the last 14 days").
    worker.get<Clock, PinnedClock>(Clock).set(t.clock.now().toISOString());
    const em = t.em();
    const now = t.clock.now().getTime();
    const [a, b] = w.students;
    // The student was seen yesterday, the parent 20 days ago.
    (await em.findOneOrFail(Account, w.studentUser.account.id)).lastSeenAt = new Date(now - DAY_MS);
    (await em.findOneOrFail(Account, w.parentUser.account.id)).lastSeenAt = new Date(
      now - 20 * DAY_MS,
    );
    // The attendance of the 7 September mathematics lesson was taken.
    (await em.findOneOrFail(Lesson, w.mathLessons[0].id)).attendanceTakenAt = new Date(
      '2026-09-07T09:00:00Z',
    );
    em.create(HealthRecord, {
      schoolId: w.school.id,
      person: em.getReference(Person, a.id),
      healthGroup: 1,
      peGroup: 'main',
    });
    em.create(HealthRecord, {
      schoolId: w.school.id,
      person: em.getReference(Person, b.id),
      healthGroup: 2,
      peGroup: 'preparatory',
    });
    const { mark } = journalWriters(em, w);
    mark(w.mathLessons[0].id, a, '5');
    mark(w.mathLessons[1].id, a, '4');
    await em.flush();
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('R13: the week of 7 September — lessons held, attendance taken, missed, reconciled', async () => {
    const { file, report } = await builtReport(t, w.deputy.auth, {
      type: 'attendance-weekly',
      format: 'json',
      params: { week: '2026-09-09' },
    });
    // Any day names its week: the report is of the Monday.
    expect(report.params).toEqual({ schoolId: w.school.id, week: '2026-09-07' });
    const [table] = jsonTables(file);
    // Mathematics on the 7th and 8th, Russian on the 7th; one taken; Алексеев ill in two.
    expect(table.rows).toEqual([
      {
        class: '7А',
        lessons: 3,
        taken: 1,
        takenRate: 33.3,
        missed: 2,
        ill: 2,
        excused: 0,
        unexcused: 0,
        late: 0,
        reconciled: 'нет',
      },
      {
        class: '7Б',
        lessons: 0,
        taken: 0,
        takenRate: null,
        missed: 0,
        ill: 0,
        excused: 0,
        unexcused: 0,
        late: 0,
        reconciled: 'нет',
      },
    ]);
    expect(table.totals).toMatchObject({ lessons: 3, taken: 1, missed: 2, reconciled: '0 из 2' });
  });

  it('R8: journal keeping per teacher — no topic, no attendance, накопляемость, КТП', async () => {
    const { file } = await builtReport(t, w.deputy.auth, {
      type: 'journal-keeping',
      format: 'json',
      params: { from: '2026-09-01', to: '2026-09-30' },
    });
    const [table] = jsonTables(file);
    // Mathematics: four lessons of 7А (four students), none with a topic, one with attendance
    // taken, two marks: 2 / 16 student-lessons. Russian: one lesson, nothing recorded.
    expect(table.rows).toEqual([
      {
        teacher: expect.stringMatching(/^Математикова/),
        lessons: 4,
        withoutTopic: 4,
        withoutAttendance: 3,
        lateMarks: 0,
        marksPerStudentLesson: 0.13,
        byPlanRate: 0,
      },
      {
        teacher: expect.stringMatching(/^Русскова/),
        lessons: 1,
        withoutTopic: 1,
        withoutAttendance: 1,
        lateMarks: 0,
        marksPerStudentLesson: 0,
        byPlanRate: 0,
      },
    ]);
    expect(table.totals).toMatchObject({
      lessons: 5,
      withoutAttendance: 4,
      marksPerStudentLesson: 0.1,
    });
    expectProblem(
      await t
        .http()
        .post('/v1/reports')
        .set(w.teacher.user.auth)
        .send({
          type: 'journal-keeping',
          format: 'json',
          params: { from: '2026-09-01', to: '2026-09-30' },
        }),
      403,
      'access.forbidden',
    );
  });

  it('R9: usage — accounts and who was seen in the last 14 days, per class', async () => {
    const { file } = await builtReport(t, w.deputy.auth, {
      type: 'usage',
      format: 'json',
      params: {},
    });
    const [table] = jsonTables(file);
    expect(table.rows[0]).toEqual({
      class: '7А',
      students: 4,
      studentsWithAccount: 1,
      studentsActive: 1,
      studentsActiveRate: 25,
      parents: 1,
      parentsWithAccount: 1,
      parentsActive: 0,
      parentsActiveRate: 0,
    });
    // The class teacher runs it for their class; a subject teacher does not.
    const led = await builtReport(t, w.classTeacher.user.auth, {
      type: 'usage',
      format: 'csv',
      params: { classId: w.schoolClass.id },
    });
    expect(led.report.status).toBe('done');
    expectProblem(
      await t
        .http()
        .post('/v1/reports')
        .set(w.teacher.user.auth)
        .send({ type: 'usage', format: 'json', params: { classId: w.schoolClass.id } }),
      403,
      'access.forbidden',
    );
  });

  it('R14: health groups — names for the medical staff, counts for the leadership', async () => {
    const nurse = await asRole(t, 'medical', w.school);
    const medical = jsonTables(
      (await builtReport(t, nurse.auth, { type: 'health-groups', format: 'json', params: {} }))
        .file,
    );
    const counts = {
      students: 4,
      health1: 1,
      health2: 1,
      health3: 0,
      healthUnknown: 2,
      main: 1,
      preparatory: 1,
      exempt: 0,
    };
    expect(medical[0].rows[0]).toMatchObject({ class: '7А', ...counts });
    expect(medical[1].rows.slice(0, 2)).toEqual([
      { class: '7А', student: 'Алексеев Антон', healthGroup: 1, peGroup: 'основная' },
      { class: '7А', student: 'Борисова Вера', healthGroup: 2, peGroup: 'подготовительная' },
    ]);
    const deputy = jsonTables(
      (await builtReport(t, w.deputy.auth, { type: 'health-groups', format: 'json', params: {} }))
        .file,
    );
    expect(deputy).toHaveLength(1);
    expect(deputy[0].rows[0]).toMatchObject({ class: '7А', ...counts });
    expect(JSON.stringify(deputy)).not.toContain('Алексеев');
    // A teacher runs no health report.
    expectProblem(
      await t
        .http()
        .post('/v1/reports')
        .set(w.teacher.user.auth)
        .send({ type: 'health-groups', format: 'json', params: {} }),
      403,
      'access.forbidden',
    );
  });

  it('the progress report for parents: their child’s marks and absences; another child is 404', async () => {
    const body = (studentId: string, range: object = { from: '2026-09-01', to: '2026-09-30' }) => ({
      type: 'student-progress',
      format: 'json',
      params: { studentId, ...range },
    });
    const [a, b] = w.students;
    const { file } = await builtReport(t, w.parentUser.auth, body(a.id));
    const [marks, absences] = jsonTables(file);
    expect(marks.rows).toEqual([
      { subject: 'Математика', marks: '5 (07.09), 4 (08.09)', count: 2, weightedAverage: 4.5 },
    ]);
    expect(absences.rows).toEqual([
      { date: '07.09.2026', lesson: 1, subject: 'Математика', reason: 'Б — Болезнь' },
      { date: '07.09.2026', lesson: 2, subject: 'Русский язык', reason: 'Б — Болезнь' },
    ]);
    expect(absences.totals).toMatchObject({
      subject: 'пропущено уроков: 2, из них по уважительной причине: 2',
    });
    // By default the last two weeks up to today.
    const recent = await t
      .http()
      .post('/v1/reports')
      .set(w.parentUser.auth)
      .send(body(a.id, {}))
      .expect(202);
    expect(recent.body.params).toEqual({ studentId: a.id, from: '2026-11-12', to: '2026-11-25' });
    expectProblem(
      await t.http().post('/v1/reports').set(w.parentUser.auth).send(body(b.id)),
      404,
      'resource.not_found',
    );
    expectProblem(
      await t.http().post('/v1/reports').set(w.studentUser.auth).send(body(a.id)),
      404,
      'resource.not_found',
    );
    // The class teacher runs it for a student of the class.
    expect((await builtReport(t, w.classTeacher.user.auth, body(b.id))).report.status).toBe('done');
  });
});

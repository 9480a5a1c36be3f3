import type { Actor } from '../src/core/auth/actor';
import { callContext } from '../src/core/request-context/call-context';
import { AttendanceEntry } from '../src/modules/attendance/entities/attendance-entry.entity';
import { Mark } from '../src/modules/grades/entities/mark.entity';
import type { Lesson } from '../src/modules/lessons/entities/lesson.entity';
import type { Person } from '../src/modules/people/entities/person.entity';
import { asRole, type TestUser } from './support/factories';
import { createJournalWorld, type JournalWorld } from './support/journal-fixtures';
import { createStaffMember } from './support/lessons-fixtures';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

interface ChangeView {
  id: string;
  cell: 'mark' | 'attendance';
  recordId: string;
  action: 'create' | 'update' | 'delete';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changedBy: { accountId: string; name: string } | null;
  requestId: string | null;
  reason: string | null;
  changedAt: string;
}

describe('history of a journal cell (J10)', () => {
  let t: TestApp;
  let w: JournalWorld;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'error' });
    w = await createJournalWorld(t);
  });

  afterAll(async () => {
    await t.close();
  });

  const historyOf = (user: TestUser, lesson: Lesson, student: Person, cell?: string) => {
    const request = t
      .http()
      .get(`/v1/lessons/${lesson.id}/students/${student.id}/history`)
      .set(user.auth);
    return cell ? request.query({ cell }) : request;
  };
  const itemsOf = async (user: TestUser, lesson: Lesson, student: Person, cell?: string) => {
    const response = await historyOf(user, lesson, student, cell);
    expect([response.status, response.status === 200 ? null : response.body]).toEqual([200, null]);
    return (response.body as { items: ChangeView[] }).items;
  };
  /** What a reader of the history notices: what happened, from what to what, by whom, why. */
  const shown = (items: ChangeView[]) =>
    items.map((item) => ({
      action: item.action,
      before: item.before,
      after: item.after,
      by: item.changedBy?.name ?? null,
      reason: item.reason,
    }));
  const markType = (name: string) => ({
    id: w.markTypes[name].id,
    shortName: w.markTypes[name].shortName,
  });
  const actorOf = (user: TestUser): Actor => ({
    accountId: user.account.id,
    isPlatformOperator: false,
    grants: user.grants,
  });

  it('lists create, updates and delete of a mark, oldest first, with values, author, request and reason', async () => {
    const lesson = w.mathLessons[0];
    const [student] = w.students;
    const teacher = w.teacher.user;
    const created = await t
      .http()
      .post(`/v1/lessons/${lesson.id}/marks`)
      .set(teacher.auth)
      .set('X-Request-Id', 'history-test-create-1')
      .send({ studentId: student.id, markTypeId: w.markTypes['Ответ на уроке'].id, value: '3' });
    expect([created.status, created.body]).toEqual([201, expect.objectContaining({ value: '3' })]);
    const markId = (created.body as { id: string }).id;

    const patched = await t
      .http()
      .patch(`/v1/marks/${markId}`)
      .set(teacher.auth)
      .send({ value: '4', comment: 'Дополнил ответ' });
    expect(patched.status).toBe(200);
    const corrected = await t
      .http()
      .patch(`/v1/marks/${markId}`)
      .set(teacher.auth)
      .set('X-Change-Reason', 'Corrected at the parent request')
      .send({ value: '5', markTypeId: w.markTypes['Контрольная работа'].id, comment: null });
    expect(corrected.status).toBe(200);
    const deleted = await t
      .http()
      .delete(`/v1/marks/${markId}`)
      .set(teacher.auth)
      .set('X-Change-Reason', 'Given to the wrong student');
    expect(deleted.status).toBe(204);

    const items = await itemsOf(teacher, lesson, student, 'mark');
    expect(shown(items)).toEqual([
      {
        action: 'create',
        before: null,
        after: { value: '3', score: 3, markType: markType('Ответ на уроке'), comment: null },
        by: teacher.account.displayName,
        reason: null,
      },
      {
        action: 'update',
        before: { value: '3', score: 3, markType: markType('Ответ на уроке'), comment: null },
        after: {
          value: '4',
          score: 4,
          markType: markType('Ответ на уроке'),
          comment: 'Дополнил ответ',
        },
        by: teacher.account.displayName,
        reason: null,
      },
      {
        action: 'update',
        before: {
          value: '4',
          score: 4,
          markType: markType('Ответ на уроке'),
          comment: 'Дополнил ответ',
        },
        after: { value: '5', score: 5, markType: markType('Контрольная работа'), comment: null },
        by: teacher.account.displayName,
        reason: 'Corrected at the parent request',
      },
      {
        action: 'delete',
        before: { value: '5', score: 5, markType: markType('Контрольная работа'), comment: null },
        after: null,
        by: teacher.account.displayName,
        reason: 'Given to the wrong student',
      },
    ]);
    expect(items.every((item) => item.cell === 'mark' && item.recordId === markId)).toBe(true);
    expect(items[0].changedBy).toEqual({
      accountId: teacher.account.id,
      name: teacher.account.displayName,
    });
    expect(items[0].requestId).toBe('history-test-create-1');
    expect(new Set(items.map((item) => item.requestId)).size).toBe(4);
    const times = items.map((item) => Date.parse(item.changedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('shows a change written straight into the database as made by nobody through the API', async () => {
    const lesson = w.mathLessons[1];
    const student = w.students[2];
    const em = t.em();
    const mark = em.create(Mark, {
      schoolId: w.school.id,
      lessonId: lesson.id,
      studentId: student.id,
      markTypeId: w.markTypes['Ответ на уроке'].id,
      value: '4',
      score: '4',
      givenBy: w.teacher.user.account.id,
    });
    await em.flush();
    await t
      .em()
      .getConnection()
      .execute("update marks set value = '2', score = 2 where id = ?", [mark.id]);

    const items = await itemsOf(w.deputy, lesson, student, 'mark');
    expect(items.map((item) => [item.action, item.changedBy, item.requestId])).toEqual([
      ['create', null, null],
      ['update', null, null],
    ]);
    expect(items[1].before).toMatchObject({ value: '4', score: 4 });
    expect(items[1].after).toMatchObject({ value: '2', score: 2 });
  });

  it('keeps the attendance of a cell too, with the reason code', async () => {
    const lesson = w.mathLessons[2];
    const [student] = w.students;
    const classTeacher = w.classTeacher.user;
    const em = t.em();
    const entry = await callContext.run(
      { requestId: 'history-test-attendance', actor: actorOf(classTeacher) },
      async () => {
        const created = em.create(AttendanceEntry, {
          schoolId: w.school.id,
          lessonId: lesson.id,
          studentId: student.id,
          reasonId: w.reasons['О'].id,
          minutesLate: 10,
          recordedBy: classTeacher.account.id,
        });
        await em.flush();
        return created;
      },
    );
    await callContext.run(
      {
        requestId: 'history-test-attendance-2',
        actor: actorOf(classTeacher),
        reason: 'Справка из поликлиники',
      },
      async () => {
        entry.reasonId = w.reasons['Б'].id;
        entry.minutesLate = null;
        entry.comment = 'Справка №12';
        await em.flush();
      },
    );

    const items = await itemsOf(w.teacher.user, lesson, student, 'attendance');
    const reason = (code: string) => ({ id: w.reasons[code].id, code });
    expect(shown(items)).toEqual([
      {
        action: 'create',
        before: null,
        after: { reason: reason('О'), minutesLate: 10, comment: null },
        by: classTeacher.account.displayName,
        reason: null,
      },
      {
        action: 'update',
        before: { reason: reason('О'), minutesLate: 10, comment: null },
        after: { reason: reason('Б'), minutesLate: null, comment: 'Справка №12' },
        by: classTeacher.account.displayName,
        reason: 'Справка из поликлиники',
      },
    ]);
    expect(items.map((item) => [item.cell, item.recordId, item.requestId])).toEqual([
      ['attendance', entry.id, 'history-test-attendance'],
      ['attendance', entry.id, 'history-test-attendance-2'],
    ]);
  });

  it('without `cell` gives marks and attendance of the cell together, in time order', async () => {
    const lesson = w.mathLessons[2];
    const [student] = w.students;
    const em = t.em();
    em.create(Mark, {
      schoolId: w.school.id,
      lessonId: lesson.id,
      studentId: student.id,
      markTypeId: w.markTypes['Домашняя работа'].id,
      value: '5',
      score: '5',
      givenBy: w.teacher.user.account.id,
    });
    await em.flush();
    const items = await itemsOf(w.classTeacher.user, lesson, student);
    expect(items.map((item) => [item.cell, item.action])).toEqual([
      ['attendance', 'create'],
      ['attendance', 'update'],
      ['mark', 'create'],
    ]);
    expect(items[2].after).toEqual({
      value: '5',
      score: 5,
      markType: markType('Домашняя работа'),
      comment: null,
    });
  });

  it('lets a student and their parent read their own cell, but not a classmate’s', async () => {
    const lesson = w.mathLessons[2];
    const [own, classmate] = w.students;
    expect((await itemsOf(w.studentUser, lesson, own)).map((item) => item.cell)).toEqual([
      'attendance',
      'attendance',
      'mark',
    ]);
    expect(await itemsOf(w.parentUser, lesson, own, 'mark')).toHaveLength(1);
    expectProblem(await historyOf(w.studentUser, lesson, classmate), 404, 'resource.not_found');
    expectProblem(await historyOf(w.parentUser, lesson, classmate), 404, 'resource.not_found');
  });

  it('answers 404 to staff who do not teach the class, and for unknown lessons or students', async () => {
    const lesson = w.mathLessons[0];
    const stranger = await createStaffMember(t, w.school, 'Посторонняя');
    expectProblem(await historyOf(stranger.user, lesson, w.students[0]), 404, 'resource.not_found');
    const otherSchoolDeputy = await asRole(t, 'deputy', (await createJournalWorld(t)).school);
    expectProblem(
      await historyOf(otherSchoolDeputy, lesson, w.students[0]),
      404,
      'resource.not_found',
    );
    expectProblem(
      await historyOf(w.deputy, lesson, w.otherTeacher.person),
      404,
      'resource.not_found',
    );
    const unknown = { ...lesson, id: '0193a1f2-7c1d-7b43-9c55-000000000000' };
    expectProblem(await historyOf(w.deputy, unknown, w.students[0]), 404, 'resource.not_found');
  });

  it('refuses a bad `cell` and bad ids with 400', async () => {
    const lesson = w.mathLessons[0];
    expectProblem(
      await historyOf(w.deputy, lesson, w.students[0], 'homework'),
      400,
      'request.invalid',
    );
    const response = await t
      .http()
      .get(`/v1/lessons/not-a-uuid/students/${w.students[0].id}/history`)
      .set(w.deputy.auth);
    expectProblem(response, 400, 'request.invalid');
  });
});

import { dirname } from 'node:path';
import { addDays } from '../src/core/calendar/date-only';
import { Enrollment } from '../src/modules/classes/entities/enrollment.entity';
import { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import {
  Subgroup,
  SubgroupMember,
  SubgroupSplit,
} from '../src/modules/classes/entities/subgroup.entity';
import { Person } from '../src/modules/people/entities/person.entity';
import { MarkType } from '../src/modules/reference-data/entities/mark-type.entity';
import { Subject } from '../src/modules/reference-data/entities/subject.entity';
import type { Lesson } from '../src/modules/lessons/entities/lesson.entity';
import { createPerson, enroll } from './support/classes-fixtures';
import { asRole, type TestUser } from './support/factories';
import { closePeriod, createJournalWorld, type JournalWorld } from './support/journal-fixtures';
import { createLesson, createStaffMember } from './support/lessons-fixtures';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

interface MarkView {
  id: string;
  lessonId: string;
  studentId: string;
  value: string;
  score: number | null;
  markType: { id: string; name: string; shortName: string; weight: number };
  comment: string | null;
  dueOn: string | null;
  late: boolean;
  givenBy: string;
  createdAt: string;
  updatedAt: string;
}

interface ChangeRow {
  record_id: string;
  student_id: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changed_by: string | null;
  reason: string | null;
}

type FieldErrors = { field: string; messages: string[] }[];

type Query = (...args: unknown[]) => unknown;

/**
 * Counts the statements this process sends to PostgreSQL while `run` runs: every
 * `Client#query` of every copy of `pg` (the app runs in-process), BEGIN and COMMIT included.
 * The same wrapper as bench/query-counter.ts, installed for the call only.
 */
async function statementsOf<T>(
  run: () => Promise<T>,
): Promise<{ result: T; statements: string[] }> {
  const roots = ['@mikro-orm/postgresql', 'knex'].map((name) =>
    dirname(require.resolve(`${name}/package.json`)),
  );
  const paths = [
    ...new Set([
      require.resolve('pg'),
      ...roots.map((root) => require.resolve('pg', { paths: [root] })),
    ]),
  ];
  const statements: string[] = [];
  const restore: (() => void)[] = [];
  for (const path of paths) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const client = (require(path) as { Client: { prototype: { query: Query } } }).Client.prototype;
    const query = client.query;
    client.query = function (this: unknown, ...args: unknown[]) {
      const first = args[0] as string | { text?: string };
      statements.push(typeof first === 'string' ? first : (first?.text ?? '?'));
      return query.apply(this, args);
    };
    restore.push(() => (client.query = query));
  }
  try {
    return { result: await run(), statements };
  } finally {
    for (const undo of restore) undo();
  }
}

describe('current marks of a lesson (J3)', () => {
  let t: TestApp;
  let w: JournalWorld;
  let type: (name: string) => string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await createJournalWorld(t);
    type = (name) => w.markTypes[name].id;
  });

  afterAll(async () => {
    await t.close();
  });

  const put = (user: TestUser, lesson: Lesson, marks: object[], reason?: string) => {
    const request = t.http().put(`/v1/lessons/${lesson.id}/marks`).set(user.auth);
    if (reason) request.set('X-Change-Reason', reason);
    return request.send({ marks });
  };
  const list = async (user: TestUser, lesson: Lesson): Promise<MarkView[]> => {
    const response = await t.http().get(`/v1/lessons/${lesson.id}/marks`).set(user.auth);
    expect([response.status, response.status === 200 ? null : response.body]).toEqual([200, null]);
    return (response.body as { items: MarkView[] }).items;
  };
  const changesOf = (lesson: Lesson) =>
    t
      .em()
      .getConnection()
      .execute<ChangeRow[]>(
        'select record_id, student_id, action, before, after, changed_by, reason from journal_changes where lesson_id = ? order by id',
        [lesson.id],
      );
  /** What a user notices of a mark: whose, what, for what. */
  const shown = (marks: MarkView[]) =>
    marks.map((mark) => [mark.studentId, mark.value, mark.markType.shortName, mark.comment]);

  it('saves a whole lesson in one request, and repeating it changes nothing', async () => {
    const [a, b, c] = w.students;
    const lesson = w.mathLessons[0];
    const body = [
      { studentId: c.id, markTypeId: type('Ответ на уроке'), value: '3' },
      { studentId: a.id, markTypeId: type('Ответ на уроке'), value: ' 5 ', comment: 'Молодец' },
      { studentId: b.id, markTypeId: type('Самостоятельная работа'), value: '4' },
    ];
    const first = await put(w.teacher.user, lesson, body, 'Marks of the lesson');
    expect(first.status).toBe(200);
    const items = (first.body as { items: MarkView[] }).items;
    // In the class's name order: Алексеев, Борисова, Васильев.
    expect(shown(items)).toEqual([
      [a.id, '5', 'Отв.', 'Молодец'],
      [b.id, '4', 'С/р', null],
      [c.id, '3', 'Отв.', null],
    ]);
    expect(items[0]).toEqual({
      id: expect.any(String),
      lessonId: lesson.id,
      studentId: a.id,
      value: '5',
      score: 5,
      markType: {
        id: type('Ответ на уроке'),
        name: 'Ответ на уроке',
        shortName: 'Отв.',
        weight: 1,
      },
      comment: 'Молодец',
      dueOn: null,
      late: false,
      givenBy: w.teacher.user.account.id,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(items[1].markType.weight).toBe(1.5);

    // The history is the database's: who, why, what.
    const changes = await changesOf(lesson);
    expect(changes).toHaveLength(3);
    for (const change of changes) {
      expect(change).toMatchObject({
        action: 'create',
        before: null,
        changed_by: w.teacher.user.account.id,
        reason: 'Marks of the lesson',
      });
    }
    expect(changes.find((change) => change.student_id === a.id)!.after).toEqual({
      value: '5',
      score: 5,
      mark_type_id: type('Ответ на уроке'),
      comment: 'Молодец',
    });

    const again = await put(w.teacher.user, lesson, body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await changesOf(lesson)).toHaveLength(3);

    // The same with the ids the first answer gave.
    const withIds = items.map((mark) => ({
      id: mark.id,
      studentId: mark.studentId,
      markTypeId: mark.markType.id,
      value: mark.value,
      comment: mark.comment,
    }));
    expect((await put(w.teacher.user, lesson, withIds)).body).toEqual(first.body);
    expect(await changesOf(lesson)).toHaveLength(3);
  });

  it('updates the marks listed and deletes those left out', async () => {
    const lesson = w.mathLessons[0];
    const before = await list(w.teacher.user, lesson);
    const [markA, markB, markC] = before;
    const response = await put(
      w.teacher.user,
      lesson,
      [
        {
          id: markA.id,
          studentId: markA.studentId,
          markTypeId: type('Ответ на уроке'),
          value: '4',
        },
        { studentId: markC.studentId, markTypeId: type('Ответ на уроке'), value: '3' },
      ],
      'Correction',
    );
    expect(response.status).toBe(200);
    const items = (response.body as { items: MarkView[] }).items;
    expect(items.map((mark) => [mark.id, mark.value, mark.comment])).toEqual([
      [markA.id, '4', null],
      [markC.id, '3', null],
    ]);
    expect(items[1].updatedAt).toBe(markC.updatedAt);
    expect(await list(w.admin, lesson)).toEqual(items);

    const changes = (await changesOf(lesson)).slice(3);
    expect(changes.map((change) => [change.action, change.record_id])).toEqual(
      expect.arrayContaining([
        ['update', markA.id],
        ['delete', markB.id],
      ]),
    );
    expect(changes).toHaveLength(2);
    expect(changes.find((change) => change.action === 'update')).toMatchObject({
      before: { value: '5', comment: 'Молодец' },
      after: { value: '4', comment: null },
      reason: 'Correction',
    });
    const gone = await t.http().get(`/v1/marks/${markB.id}`).set(w.admin.auth);
    expectProblem(gone, 404, 'resource.not_found');
  });

  it('keeps several marks of a student in one lesson', async () => {
    const [a, b] = w.students;
    const lesson = w.mathLessons[1];
    const body = [
      { studentId: a.id, markTypeId: type('Ответ на уроке'), value: '5' },
      { studentId: a.id, markTypeId: type('Домашняя работа'), value: '4' },
      { studentId: a.id, markTypeId: type('Ответ на уроке'), value: '3' },
      { studentId: b.id, markTypeId: type('Домашняя работа'), value: '2' },
    ];
    const first = await put(w.teacher.user, lesson, body);
    expect(first.status).toBe(200);
    expect(shown((first.body as { items: MarkView[] }).items)).toEqual([
      [a.id, '5', 'Отв.', null],
      [a.id, '4', 'Д/з', null],
      [a.id, '3', 'Отв.', null],
      [b.id, '2', 'Д/з', null],
    ]);
    // Matched by student and type, in order: nothing changes.
    expect((await put(w.teacher.user, lesson, body)).body).toEqual(first.body);
    expect(await changesOf(lesson)).toHaveLength(4);

    // A single mark may be added to them.
    const added = await t
      .http()
      .post(`/v1/lessons/${lesson.id}/marks`)
      .set(w.teacher.user.auth)
      .send({ studentId: b.id, markTypeId: type('Ответ на уроке'), value: '5' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ studentId: b.id, value: '5', score: 5, late: false });
    expect(await list(w.teacher.user, lesson)).toHaveLength(5);
  });

  it('refuses bad marks listing every bad field, and stores none of them', async () => {
    const lesson = w.mathLessons[2];
    const em = t.em();
    await em.nativeUpdate(MarkType, { id: type('Изложение') }, { archived: true });
    const response = await put(w.teacher.user, lesson, [
      { studentId: w.students[0].id, markTypeId: type('Ответ на уроке'), value: '5' },
      { studentId: w.students[1].id, markTypeId: type('Ответ на уроке'), value: '6' },
      { studentId: w.otherChild.id, markTypeId: type('Ответ на уроке'), value: '4' },
      { studentId: w.students[2].id, markTypeId: type('Изложение'), value: 'зач' },
    ]);
    const problem = expectProblem(response, 400, 'request.invalid');
    const errors = problem.errors as FieldErrors;
    expect(errors.map((error) => error.field).sort()).toEqual([
      'marks[1].value',
      'marks[2].studentId',
      'marks[3].markTypeId',
      'marks[3].value',
    ]);
    const message = (field: string) => errors.find((error) => error.field === field)!.messages;
    expect(message('marks[1].value')).toEqual([
      'value must be one of 5, 4, 3, 2, 1 (scale «Пятибалльная»)',
    ]);
    expect(message('marks[2].studentId')).toEqual([
      'studentId must be a student of 7А on 2026-09-14',
    ]);
    expect(message('marks[3].markTypeId')).toEqual(['mark type «Изложение» is archived']);
    expect(await list(w.admin, lesson)).toEqual([]);

    // The shape of the body is checked first, with the same field paths.
    const longComment = await put(w.teacher.user, lesson, [
      { studentId: w.students[0].id, markTypeId: type('Ответ на уроке'), value: '5' },
      {
        studentId: w.students[2].id,
        markTypeId: type('Ответ на уроке'),
        value: '',
        comment: 'х'.repeat(501),
      },
    ]);
    expect(
      (expectProblem(longComment, 400, 'request.invalid').errors as FieldErrors).map(
        (error) => error.field,
      ),
    ).toEqual(['marks[1].value', 'marks[1].comment']);

    const unknownType = await t
      .http()
      .post(`/v1/lessons/${lesson.id}/marks`)
      .set(w.teacher.user.auth)
      .send({ studentId: w.students[0].id, markTypeId: lesson.id, value: '5' });
    expect(expectProblem(unknownType, 400, 'request.invalid').errors).toEqual([
      { field: 'markTypeId', messages: ['markTypeId must be a mark type of this school'] },
    ]);
    await em.nativeUpdate(MarkType, { id: type('Изложение') }, { archived: false });
  });

  it('marks in a subgroup’s lesson only the members of the subgroup', async () => {
    const em = t.em();
    const split = em.create(SubgroupSplit, {
      schoolId: w.school.id,
      schoolClass: em.getReference(SchoolClass, w.schoolClass.id),
      subject: em.getReference(Subject, w.math.id),
    });
    const groups = [1, 2].map((position) =>
      em.create(Subgroup, { split, name: `Математика, ${position} группа`, position }),
    );
    w.students.forEach((student, index) =>
      em.create(SubgroupMember, {
        split,
        subgroup: groups[index === 0 ? 0 : 1],
        student: em.getReference(Person, student.id),
      }),
    );
    await em.flush();
    const lesson = await createLesson(t, {
      schoolClass: w.schoolClass,
      subject: w.math,
      teacher: w.teacher.person,
      subgroup: groups[0],
      date: '2026-09-16',
    });
    const refused = await put(w.teacher.user, lesson, [
      { studentId: w.students[0].id, markTypeId: type('Ответ на уроке'), value: '5' },
      { studentId: w.students[1].id, markTypeId: type('Ответ на уроке'), value: '4' },
    ]);
    expect(expectProblem(refused, 400, 'request.invalid').errors).toEqual([
      {
        field: 'marks[1].studentId',
        messages: ['the student is not in the lesson’s subgroup «Математика, 1 группа»'],
      },
    ]);
    const saved = await put(w.teacher.user, lesson, [
      { studentId: w.students[0].id, markTypeId: type('Ответ на уроке'), value: '5' },
    ]);
    expect(saved.status).toBe(200);
    expect(shown((saved.body as { items: MarkView[] }).items)).toEqual([
      [w.students[0].id, '5', 'Отв.', null],
    ]);
  });

  it('lets only the teacher of the lesson write its marks', async () => {
    const lesson = w.mathLessons[2];
    const mark = { studentId: w.students[0].id, markTypeId: type('Ответ на уроке'), value: '5' };
    // The Russian teacher of the class sees the column but does not teach mathematics.
    const refused = await put(w.otherTeacher.user, lesson, [mark]);
    const problem = expectProblem(refused, 403, 'access.forbidden');
    expect(problem.detail).toBe(
      'Only the teacher of the lesson (or a substitute for its date) gives its marks; you do not teach the lesson of 2026-09-14 in 7А.',
    );
    const single = await t
      .http()
      .post(`/v1/lessons/${lesson.id}/marks`)
      .set(w.otherTeacher.user.auth)
      .send(mark);
    expectProblem(single, 403, 'access.forbidden');
    expect(await list(w.admin, lesson)).toEqual([]);
    expect(await changesOf(lesson)).toEqual([]);

    // Neither a teacher of the school who does not teach the class, nor the leadership.
    const stranger = await createStaffMember(t, w.school, 'Посторонняя');
    expectProblem(await put(stranger.user, lesson, [mark]), 404, 'resource.not_found');
    expectProblem(
      await t.http().get(`/v1/lessons/${lesson.id}/marks`).set(stranger.user.auth),
      404,
      'resource.not_found',
    );
    expectProblem(await put(w.deputy, lesson, [mark]), 403, 'access.forbidden');
    expectProblem(await put(w.studentUser, lesson, [mark]), 403, 'access.forbidden');
  });

  it('lets the substitute write the marks of the lesson, not the substituted teacher', async () => {
    const lesson = await createLesson(t, {
      schoolClass: w.schoolClass,
      subject: w.math,
      teacher: w.teacher.person,
      substitute: w.otherTeacher.person,
      date: '2026-09-21',
      lessonNumber: 3,
    });
    const mark = { studentId: w.students[1].id, markTypeId: type('Ответ на уроке'), value: '4' };
    const refused = expectProblem(
      await put(w.teacher.user, lesson, [mark]),
      403,
      'access.forbidden',
    );
    expect(refused.detail).toBe(
      'The lesson of 2026-09-21 is taught by a substitute: only they give its marks.',
    );
    const saved = await put(w.otherTeacher.user, lesson, [mark]);
    expect(saved.status).toBe(200);
    const [given] = (saved.body as { items: MarkView[] }).items;
    expect(given).toMatchObject({ value: '4', givenBy: w.otherTeacher.user.account.id });
    // The substituted teacher still reads the marks of their class, not change them.
    expect(await list(w.teacher.user, lesson)).toEqual([given]);
    const patch = await t
      .http()
      .patch(`/v1/marks/${given.id}`)
      .set(w.teacher.user.auth)
      .send({ value: '5' });
    expectProblem(patch, 403, 'access.forbidden');
  });

  it('shows a student only their own marks and a parent only their child’s', async () => {
    const lesson = w.mathLessons[0];
    const all = await list(w.teacher.user, lesson);
    expect(all.map((mark) => mark.studentId)).toEqual([w.students[0].id, w.students[2].id]);
    const own = all.filter((mark) => mark.studentId === w.students[0].id);

    expect(await list(w.studentUser, lesson)).toEqual(own);
    expect(await list(w.parentUser, lesson)).toEqual(own);
    expect(await list(w.classTeacher.user, lesson)).toEqual(all);

    const classmates = all.find((mark) => mark.studentId === w.students[2].id)!;
    for (const user of [w.studentUser, w.parentUser]) {
      const one = await t.http().get(`/v1/marks/${own[0].id}`).set(user.auth);
      expect(one.status).toBe(200);
      expect(one.body).toEqual(own[0]);
      expectProblem(
        await t.http().get(`/v1/marks/${classmates.id}`).set(user.auth),
        404,
        'resource.not_found',
      );
    }

    // A lesson where the student has no mark: an empty list, not someone else's marks.
    expect(await list(w.studentUser, w.mathLessons[1])).toHaveLength(3);
    const classmateOnly = w.mathLessons[3];
    await put(w.teacher.user, classmateOnly, [
      { studentId: w.students[1].id, markTypeId: type('Ответ на уроке'), value: '5' },
    ]).expect(200);
    expect(await list(w.studentUser, classmateOnly)).toEqual([]);
    expect(await list(w.parentUser, classmateOnly)).toEqual([]);
    // A student account of no class of the lesson sees nothing of it.
    const stranger = await asRole(t, 'student', w.school);
    expectProblem(
      await t.http().get(`/v1/lessons/${classmateOnly.id}/marks`).set(stranger.auth),
      404,
      'resource.not_found',
    );
  });

  it('flags a control work marked after its term as late', async () => {
    const old = w.mathLessons[3];
    const late = await t
      .http()
      .post(`/v1/lessons/${old.id}/marks`)
      .set(w.teacher.user.auth)
      .send({ studentId: w.students[2].id, markTypeId: type('Контрольная работа'), value: '3' });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({
      markType: { name: 'Контрольная работа', shortName: 'К/р', weight: 2 },
      dueOn: '2026-09-18',
      late: true,
    });

    const yesterday = addDays(t.clock.today('Europe/Moscow'), -1);
    const recent = await createLesson(t, {
      schoolClass: w.schoolClass,
      subject: w.math,
      teacher: w.teacher.person,
      date: yesterday,
    });
    const inTime = await put(w.teacher.user, recent, [
      { studentId: w.students[0].id, markTypeId: type('Контрольная работа'), value: '5' },
      { studentId: w.students[1].id, markTypeId: type('Ответ на уроке'), value: '4' },
    ]);
    expect(inTime.status).toBe(200);
    expect(
      (inTime.body as { items: MarkView[] }).items.map((mark) => [mark.dueOn, mark.late]),
    ).toEqual([
      [addDays(t.clock.today('Europe/Moscow'), 2), false],
      [null, false],
    ]);
  });

  it('reads, changes (with If-Match) and deletes a single mark', async () => {
    const lesson = w.mathLessons[3];
    const created = await t
      .http()
      .post(`/v1/lessons/${lesson.id}/marks`)
      .set(w.teacher.user.auth)
      .set('Idempotency-Key', 'b8d3c0de-0000-4000-8000-000000000001')
      .send({
        studentId: w.students[0].id,
        markTypeId: type('Тест'),
        value: '4',
        comment: 'Тема 2',
      });
    expect(created.status).toBe(201);
    const mark = created.body as MarkView;

    const read = await t.http().get(`/v1/marks/${mark.id}`).set(w.teacher.user.auth);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(mark);

    const stale = await t
      .http()
      .patch(`/v1/marks/${mark.id}`)
      .set(w.teacher.user.auth)
      .set('If-Match', 'W/"stale"')
      .send({ value: '5' });
    expectProblem(stale, 412, 'resource.precondition_failed');

    const badValue = await t
      .http()
      .patch(`/v1/marks/${mark.id}`)
      .set(w.teacher.user.auth)
      .send({ value: 'отл' });
    expect(expectProblem(badValue, 400, 'request.invalid').errors).toEqual([
      { field: 'value', messages: ['value must be one of 5, 4, 3, 2, 1 (scale «Пятибалльная»)'] },
    ]);

    const changed = await t
      .http()
      .patch(`/v1/marks/${mark.id}`)
      .set(w.teacher.user.auth)
      .set('If-Match', read.headers.etag)
      .send({ value: '5', markTypeId: type('Ответ на уроке'), comment: null });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      id: mark.id,
      value: '5',
      score: 5,
      markType: { shortName: 'Отв.' },
      comment: null,
      dueOn: null,
      createdAt: mark.createdAt,
    });

    const removed = await t.http().delete(`/v1/marks/${mark.id}`).set(w.teacher.user.auth);
    expect(removed.status).toBe(204);
    expectProblem(
      await t.http().get(`/v1/marks/${mark.id}`).set(w.teacher.user.auth),
      404,
      'resource.not_found',
    );
    const history = (await changesOf(lesson)).filter((change) => change.record_id === mark.id);
    expect(history.map((change) => change.action)).toEqual(['create', 'update', 'delete']);
  });

  it('gives no marks in cancelled or future lessons', async () => {
    const mark = { studentId: w.students[0].id, markTypeId: type('Ответ на уроке'), value: '5' };
    const cancelled = await createLesson(t, {
      schoolClass: w.schoolClass,
      subject: w.math,
      teacher: w.teacher.person,
      date: '2026-09-22',
      status: 'cancelled',
    });
    const refused = expectProblem(
      await put(w.teacher.user, cancelled, [mark]),
      409,
      'resource.conflict',
    );
    expect(refused.detail).toMatch(/was cancelled/);

    const future = await createLesson(t, {
      schoolClass: w.schoolClass,
      subject: w.math,
      teacher: w.teacher.person,
      date: addDays(t.clock.today('Europe/Moscow'), 2),
    });
    const early = await t
      .http()
      .post(`/v1/lessons/${future.id}/marks`)
      .set(w.teacher.user.auth)
      .send(mark);
    expect(expectProblem(early, 409, 'resource.conflict').detail).toMatch(
      /marks are given for lessons that took place/,
    );
    expect(await list(w.admin, future)).toEqual([]);
  });

  it('keeps the marks of a student who has since left the lesson’s roster writable', async () => {
    const lesson = await createLesson(t, {
      schoolClass: w.schoolClass,
      subject: w.math,
      teacher: w.teacher.person,
      date: '2026-09-24',
    });
    const leaver = await createPerson(t, w.school, 'student', { lastName: 'Ушедший' });
    const enrollment = await enroll(t, leaver, w.schoolClass);
    const given = await put(w.teacher.user, lesson, [
      { studentId: leaver.id, markTypeId: type('Ответ на уроке'), value: '4' },
    ]).expect(200);
    // The enrollment is corrected: the student left the class before that lesson.
    await t.em().nativeUpdate(Enrollment, { id: enrollment.id }, { endsOn: '2026-09-20' });

    const read = await list(w.teacher.user, lesson);
    const back = read.map((mark) => ({
      id: mark.id,
      studentId: mark.studentId,
      markTypeId: mark.markType.id,
      value: mark.value,
      comment: 'Исправлено',
    }));
    const written = await put(w.teacher.user, lesson, back).expect(200);
    expect(written.body.items).toEqual([
      expect.objectContaining({ id: given.body.items[0].id, value: '4', comment: 'Исправлено' }),
    ]);
    // A new mark for them is refused: they are not in the lesson any more.
    const refused = await put(w.teacher.user, lesson, [
      ...back,
      { studentId: leaver.id, markTypeId: type('Тест'), value: '5' },
    ]);
    expect(expectProblem(refused, 400, 'request.invalid').errors).toEqual([
      { field: 'marks[1].studentId', messages: [expect.stringMatching(/must be a student of 7А/)] },
    ]);
  });

  it('keeps a lesson with marks from being cancelled: it took place', async () => {
    const lesson = await createLesson(t, {
      schoolClass: w.schoolClass,
      subject: w.math,
      teacher: w.teacher.person,
      date: '2026-09-23',
    });
    const mark = { studentId: w.students[1].id, markTypeId: type('Ответ на уроке'), value: '4' };
    await put(w.teacher.user, lesson, [mark]).expect(200);
    const cancel = await t
      .http()
      .post(`/v1/lessons/${lesson.id}/cancel`)
      .set(w.deputy.auth)
      .send({ reason: 'Карантин' });
    expect(expectProblem(cancel, 409, 'resource.conflict').detail).toMatch(/has marks/);
    expect(shown(await list(w.admin, lesson))).toEqual([[w.students[1].id, '4', 'Отв.', null]]);
  });

  it('locks the marks of a closed period, through the API and in the database', async () => {
    const lesson = w.mathLessons[0];
    const quarter = w.periods[0];
    const [existing] = await list(w.teacher.user, lesson);
    await closePeriod(t, w, quarter.id);

    const refused = await put(w.teacher.user, lesson, [
      { studentId: w.students[1].id, markTypeId: type('Ответ на уроке'), value: '5' },
    ]);
    expectProblem(refused, 409, 'period.closed');
    const patch = await t
      .http()
      .patch(`/v1/marks/${existing.id}`)
      .set(w.teacher.user.auth)
      .send({ value: '2' });
    expectProblem(patch, 409, 'period.closed');
    await expect(
      t.em().getConnection().execute('update marks set value = ? where id = ?', ['2', existing.id]),
    ).rejects.toMatchObject({ code: 'SJ409' });
    expect(await list(w.teacher.user, lesson)).toHaveLength(2);

    const reopened = await t
      .http()
      .post(`/v1/study-periods/${quarter.id}/reopen`)
      .set(w.admin.auth)
      .send({ reason: 'Исправление ошибки по заявлению родителя' });
    expect(reopened.status).toBe(200);

    const saved = await put(w.teacher.user, lesson, [
      { studentId: w.students[1].id, markTypeId: type('Ответ на уроке'), value: '5' },
    ]);
    expect(saved.status).toBe(200);
    expect(shown((saved.body as { items: MarkView[] }).items)).toEqual([
      [w.students[1].id, '5', 'Отв.', null],
    ]);

    const audit = await t
      .http()
      .get('/v1/audit-events')
      .query({ entity: 'StudyPeriod', entityId: quarter.id })
      .set(w.admin.auth);
    expect(audit.status).toBe(200);
    const events = (audit.body as { items: { reason: string | null; actorId: string | null }[] })
      .items;
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          reason: 'Исправление ошибки по заявлению родителя',
          actorId: w.admin.account.id,
        }),
      ]),
    );
  });
  it('saves a lesson of 30 marks in at most 4 statements, history and all', async () => {
    const lesson = await createLesson(t, {
      schoolClass: w.schoolClass,
      subject: w.math,
      teacher: w.teacher.person,
      date: '2026-10-05',
    });
    const types = ['Ответ на уроке', 'Домашняя работа', 'Самостоятельная работа'];
    const body = Array.from({ length: 30 }, (_, index) => ({
      studentId: w.students[index % 3].id,
      markTypeId: type(types[index % 3]),
      value: String(5 - (index % 4)),
    }));
    // What the guards cost before the use case runs (the teacher's scopes: no cache in
    // tests), measured on a request the validation pipe refuses after them.
    const guarded = await statementsOf(() =>
      t.http().put(`/v1/lessons/${lesson.id}/marks`).set(w.teacher.user.auth).send({ marks: 1 }),
    );
    expect(guarded.result.status).toBe(400);
    const scopes = guarded.statements.length;

    const first = await statementsOf(() => put(w.teacher.user, lesson, body, 'Thirty marks'));
    expect(first.result.status).toBe(200);
    expect(first.statements.length - scopes).toBeLessThanOrEqual(4);
    const saved = (first.result.body as { items: MarkView[] }).items;
    expect(saved).toHaveLength(30);
    expect(await list(w.admin, lesson)).toEqual(saved);
    const created = await changesOf(lesson);
    expect(created).toHaveLength(30);
    expect(new Set(created.map((change) => change.record_id))).toEqual(
      new Set(saved.map((mark) => mark.id)),
    );
    for (const change of created) {
      expect(change).toMatchObject({
        action: 'create',
        changed_by: w.teacher.user.account.id,
        reason: 'Thirty marks',
      });
    }

    // In name order: the first student's ten marks, the second's, the third's. Ten changed,
    // ten left out, ten kept as they are, five new: one write still.
    const changed = [
      ...saved.slice(0, 10).map((mark) => ({
        id: mark.id,
        studentId: mark.studentId,
        markTypeId: mark.markType.id,
        value: mark.value === '2' ? '3' : '2',
      })),
      ...saved.slice(20).map((mark) => ({
        id: mark.id,
        studentId: mark.studentId,
        markTypeId: mark.markType.id,
        value: mark.value,
      })),
      // The first student's marks are all listed by id: these five are new.
      ...body
        .slice(0, 5)
        .map((item) => ({ ...item, studentId: w.students[0].id, comment: 'Новая' })),
    ];
    const second = await statementsOf(() =>
      put(w.teacher.user, lesson, changed, 'Correction of thirty'),
    );
    expect(second.result.status).toBe(200);
    expect(second.statements.length - scopes).toBeLessThanOrEqual(4);
    const after = (second.result.body as { items: MarkView[] }).items;
    expect(after).toHaveLength(25);
    expect(await list(w.admin, lesson)).toEqual(after);
    const byId = new Map(after.map((mark) => [mark.id, mark]));
    for (const item of changed.slice(0, 20) as { id: string; value: string }[]) {
      expect(byId.get(item.id)?.value).toBe(item.value);
    }
    expect(after.filter((mark) => mark.comment === 'Новая')).toHaveLength(5);
    const history = (await changesOf(lesson)).slice(30);
    const count = (action: string) => history.filter((change) => change.action === action).length;
    expect([count('update'), count('delete'), count('create')]).toEqual([10, 10, 5]);
    expect(history.every((change) => change.reason === 'Correction of thirty')).toBe(true);

    // The same again: nothing is written, no history.
    const again = await statementsOf(() => put(w.teacher.user, lesson, changed));
    expect(again.result.body).toEqual(second.result.body);
    expect(again.statements.length - scopes).toBeLessThanOrEqual(4);
    expect(await changesOf(lesson)).toHaveLength(55);
  });

  it('stores a PUT sent twice at once only once', async () => {
    for (const date of ['2026-10-06', '2026-10-07', '2026-10-08']) {
      const lesson = await createLesson(t, {
        schoolClass: w.schoolClass,
        subject: w.math,
        teacher: w.teacher.person,
        date,
      });
      const body = w.students.map((student) => ({
        studentId: student.id,
        markTypeId: type('Ответ на уроке'),
        value: '4',
      }));
      const [one, two] = await Promise.all([
        put(w.teacher.user, lesson, body),
        put(w.teacher.user, lesson, body),
      ]);
      expect([one.status, two.status]).toEqual([200, 200]);
      expect(two.body).toEqual(one.body);
      expect(await list(w.admin, lesson)).toHaveLength(3);
      expect(await changesOf(lesson)).toHaveLength(3);
    }
  });
});

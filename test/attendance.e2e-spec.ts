import { addDays } from '../src/core/calendar/date-only';
import { randomUUID } from 'node:crypto';
import {
  Subgroup,
  SubgroupMember,
  SubgroupSplit,
} from '../src/modules/classes/entities/subgroup.entity';
import { Enrollment } from '../src/modules/classes/entities/enrollment.entity';
import { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import type { Lesson } from '../src/modules/lessons/entities/lesson.entity';
import { Person } from '../src/modules/people/entities/person.entity';
import { AbsenceReason } from '../src/modules/reference-data/entities/absence-reason.entity';
import { Subject } from '../src/modules/reference-data/entities/subject.entity';
import { createPerson, enroll } from './support/classes-fixtures';
import { createUser, type TestUser } from './support/factories';
import { closePeriod, createJournalWorld, type JournalWorld } from './support/journal-fixtures';
import { assignTeacher, createLesson, createStaffMember } from './support/lessons-fixtures';
import { linkParent } from './support/people-fixtures-credentials';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

interface EntryView {
  id: string;
  lessonId: string;
  studentId: string;
  reason: { id: string; code: string; name: string; excused: boolean };
  minutesLate: number | null;
  comment: string | null;
  recordedBy: string;
  createdAt: string;
  updatedAt: string;
}

interface LessonAttendanceView {
  lessonId: string;
  takenAt: string | null;
  items: EntryView[];
}

interface DayView {
  date: string;
  studentId: string;
  lessons: {
    lessonId: string;
    lessonNumber: number;
    subject: { id: string; name: string };
    subgroup: { id: string; name: string } | null;
    entry: EntryView | null;
  }[];
}

interface WeekView {
  weekOf: string;
  reconciled: { at: string; by: string; note: string | null } | null;
  days: {
    date: string;
    lessons: {
      lessonId: string;
      lessonNumber: number;
      subject: { id: string; name: string };
      takenAt: string | null;
    }[];
  }[];
  students: {
    student: { id: string; fullName: string };
    absences: { lessonId: string; date: string; code: string; minutesLate: number | null }[];
    totals: { lessons: number; excused: number; unexcused: number; late: number };
  }[];
  lessonsNotTaken: number;
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

describe('attendance (J2)', () => {
  let t: TestApp;
  let w: JournalWorld;

  beforeAll(async () => {
    t = await startTestApp();
    w = await createJournalWorld(t);
  });

  afterAll(async () => {
    await t.close();
  });

  const reason = (world: JournalWorld, code: string) => world.reasons[code].id;
  const take = (
    user: TestUser,
    lesson: Lesson,
    absences: object[],
    headers: Record<string, string> = {},
  ) =>
    t
      .http()
      .put(`/v1/lessons/${lesson.id}/attendance`)
      .set({ ...user.auth, ...headers })
      .send({ absences });
  const read = (user: TestUser, lesson: Lesson) =>
    t.http().get(`/v1/lessons/${lesson.id}/attendance`).set(user.auth);
  const attendanceOf = async (user: TestUser, lesson: Lesson): Promise<LessonAttendanceView> => {
    const response = await read(user, lesson);
    expect(response.status).toBe(200);
    return response.body as LessonAttendanceView;
  };
  const setDay = (user: TestUser, world: JournalWorld, date: string, body: object) =>
    t
      .http()
      .put(`/v1/classes/${world.schoolClass.id}/attendance/days/${date}`)
      .set(user.auth)
      .send(body);
  const clearDay = (user: TestUser, world: JournalWorld, date: string, studentId: string) =>
    t
      .http()
      .delete(`/v1/classes/${world.schoolClass.id}/attendance/days/${date}`)
      .query({ studentId })
      .set(user.auth);
  const week = (user: TestUser, world: JournalWorld, date: string) =>
    t.http().get(`/v1/classes/${world.schoolClass.id}/attendance/weeks/${date}`).set(user.auth);
  const reconcile = (user: TestUser, world: JournalWorld, date: string, body: object = {}) =>
    t
      .http()
      .post(`/v1/classes/${world.schoolClass.id}/attendance/weeks/${date}/reconcile`)
      .set(user.auth)
      .send(body);
  const changesOf = (lesson: Lesson) =>
    t
      .em()
      .getConnection()
      .execute<ChangeRow[]>(
        'select record_id, student_id, action, before, after, changed_by, reason from journal_changes where lesson_id = ? order by id',
        [lesson.id],
      );
  /** What a user notices of an entry: whose, which reason, how late, why. */
  const shown = (items: EntryView[]) =>
    items.map((item) => [item.studentId, item.reason.code, item.minutesLate, item.comment]);
  const fields = (body: Record<string, unknown>) =>
    (body.errors as FieldErrors).map((error) => error.field).sort();

  it('takes a whole lesson in one request; repeating it writes no history', async () => {
    const [a, b, c] = w.students;
    const lesson = w.mathLessons[1];
    const before = await attendanceOf(w.teacher.user, lesson);
    expect(before).toEqual({ lessonId: lesson.id, takenAt: null, items: [] });

    const absences = [
      { studentId: b.id, reasonId: reason(w, 'О'), minutesLate: 10, comment: 'Проспал' },
      { studentId: a.id, reasonId: reason(w, 'Б') },
    ];
    const first = await take(w.teacher.user, lesson, absences);
    expect(first.status).toBe(200);
    const taken = first.body as LessonAttendanceView;
    expect(taken.lessonId).toBe(lesson.id);
    expect(Date.parse(taken.takenAt!)).toBeGreaterThan(t.clock.now().getTime() - 60_000);
    // In the order of the class list.
    expect(shown(taken.items)).toEqual([
      [a.id, 'Б', null, null],
      [b.id, 'О', 10, 'Проспал'],
    ]);
    expect(taken.items[0]).toMatchObject({
      lessonId: lesson.id,
      reason: { id: reason(w, 'Б'), code: 'Б', name: 'Болезнь', excused: true },
      recordedBy: w.teacher.user.account.id,
    });
    expect(await attendanceOf(w.admin, lesson)).toEqual(taken);
    const created = await changesOf(lesson);
    expect(created.map((row) => [row.student_id, row.action, row.changed_by]).sort()).toEqual(
      [
        [a.id, 'create', w.teacher.user.account.id],
        [b.id, 'create', w.teacher.user.account.id],
      ].sort(),
    );

    const again = await take(w.teacher.user, lesson, absences);
    expect(again.status).toBe(200);
    const repeated = again.body as LessonAttendanceView;
    expect(repeated.items).toEqual(taken.items); // same ids, same times: nothing rewritten
    expect(repeated.takenAt! >= taken.takenAt!).toBe(true);
    expect(await changesOf(lesson)).toHaveLength(2);

    // Read before the change below: a take based on it is then out of date.
    const etag = (await read(w.teacher.user, lesson)).headers.etag;

    // Anton turns out to have skipped, Vera was on time after all, Gleb was absent.
    const changed = await take(
      w.teacher.user,
      lesson,
      [
        { studentId: a.id, reasonId: reason(w, 'Н') },
        { studentId: c.id, reasonId: reason(w, 'У'), comment: 'Соревнования' },
      ],
      { 'If-Match': etag, 'X-Change-Reason': 'Checked with the class teacher' },
    );
    expect(changed.status).toBe(200);
    const now = changed.body as LessonAttendanceView;
    expect(shown(now.items)).toEqual([
      [a.id, 'Н', null, null],
      [c.id, 'У', null, 'Соревнования'],
    ]);
    expect(now.items[0].id).toBe(taken.items[0].id); // updated in place
    const history = (await changesOf(lesson)).slice(2);
    expect(history.map((row) => [row.student_id, row.action])).toEqual(
      expect.arrayContaining([
        [a.id, 'update'],
        [b.id, 'delete'],
        [c.id, 'create'],
      ]),
    );
    expect(history).toHaveLength(3);
    expect(history.map((row) => row.reason)).toEqual(
      Array(3).fill('Checked with the class teacher'),
    );
    const update = history.find((row) => row.action === 'update')!;
    expect(update.before).toMatchObject({ reason_id: reason(w, 'Б') });
    expect(update.after).toMatchObject({ reason_id: reason(w, 'Н') });

    const stale = await take(w.teacher.user, lesson, [], { 'If-Match': etag });
    expectProblem(stale, 412, 'resource.precondition_failed');
    expect((await attendanceOf(w.teacher.user, lesson)).items).toHaveLength(2);

    // Everyone present: an empty list, and the lesson still counts as taken.
    const present = await take(w.teacher.user, w.mathLessons[3], []);
    expect(present.status).toBe(200);
    expect(present.body).toEqual({
      lessonId: w.mathLessons[3].id,
      takenAt: expect.any(String),
      items: [],
    });
  });

  it('lists every bad item of the list and stores nothing', async () => {
    const lesson = w.mathLessons[2];
    const em = t.em();
    const archived = em.create(AbsenceReason, {
      schoolId: w.school.id,
      code: 'С',
      name: 'Санаторий',
      excused: true,
      archived: true,
    });
    await em.flush();
    const shapes = await take(w.teacher.user, lesson, [
      { studentId: 'not-a-uuid', reasonId: reason(w, 'Н') },
      { studentId: w.students[0].id, reasonId: reason(w, 'О'), minutesLate: 300 },
      { studentId: w.students[1].id, reasonId: reason(w, 'О'), minutesLate: 0, late: true },
    ]);
    expect(fields(expectProblem(shapes, 400, 'request.invalid'))).toEqual([
      'absences[0].studentId',
      'absences[1].minutesLate',
      'absences[2].late',
      'absences[2].minutesLate',
    ]);

    const [a, b, c] = w.students;
    const invalid = await take(w.teacher.user, lesson, [
      { studentId: a.id, reasonId: reason(w, 'Н'), minutesLate: 5 },
      { studentId: w.otherChild.id, reasonId: reason(w, 'Б') },
      { studentId: b.id, reasonId: randomUUID() },
      { studentId: c.id, reasonId: archived.id },
      { studentId: a.id, reasonId: reason(w, 'Б') },
    ]);
    const body = expectProblem(invalid, 400, 'request.invalid');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        {
          field: 'absences[0].minutesLate',
          messages: [expect.stringMatching(/only for a late arrival \(О\)/)],
        },
        {
          field: 'absences[1].studentId',
          messages: ['studentId must be a student of the lesson (7А on 2026-09-14)'],
        },
        {
          field: 'absences[2].reasonId',
          messages: ['reasonId must be an absence reason of this school'],
        },
        { field: 'absences[3].reasonId', messages: ['absence reason «Санаторий» is archived'] },
        {
          field: 'absences[4].studentId',
          messages: ['the student is already listed in absences[0]'],
        },
      ]),
    );
    expect(fields(body)).toHaveLength(5);
    expect(await attendanceOf(w.admin, lesson)).toEqual({
      lessonId: lesson.id,
      takenAt: null,
      items: [],
    });
    expect(await changesOf(lesson)).toEqual([]);
  });

  it('lets only the lesson’s teacher, its substitute and the class teacher take it', async () => {
    const lesson = w.mathLessons[2];
    const absences = [{ studentId: w.students[0].id, reasonId: reason(w, 'Н') }];

    // The Russian teacher reads 7А's attendance but does not take a mathematics lesson.
    const russian = await take(w.otherTeacher.user, lesson, absences);
    expect(expectProblem(russian, 403, 'access.forbidden').detail).toMatch(/class teacher/);
    expect((await attendanceOf(w.otherTeacher.user, lesson)).items).toEqual([]);
    // A teacher who has nothing to do with 7А does not even see the lesson.
    const stranger = await createStaffMember(t, w.school, 'Посторонняя');
    expectProblem(await take(stranger.user, lesson, absences), 404, 'resource.not_found');
    expectProblem(await read(stranger.user, lesson), 404, 'resource.not_found');
    // Nor do students write it, nor the admin (they read it).
    expectProblem(await take(w.studentUser, lesson, absences), 403, 'access.forbidden');
    expectProblem(await take(w.admin, lesson, absences), 403, 'access.forbidden');
    expect(await attendanceOf(w.admin, lesson)).toEqual({
      lessonId: lesson.id,
      takenAt: null,
      items: [],
    });

    const byClassTeacher = await take(w.classTeacher.user, lesson, absences);
    expect(byClassTeacher.status).toBe(200);
    expect((byClassTeacher.body as LessonAttendanceView).items[0].recordedBy).toBe(
      w.classTeacher.user.account.id,
    );

    // With a substitute set, the substitute takes the lesson, the own teacher no longer does.
    const substitute = await createStaffMember(t, w.school, 'Заменова');
    const substituted = await createLesson(t, {
      schoolClass: w.schoolClass,
      subject: w.math,
      teacher: w.teacher.person,
      substitute: substitute.person,
      date: '2026-09-16',
    });
    expectProblem(await take(w.teacher.user, substituted, absences), 403, 'access.forbidden');
    expect((await take(substitute.user, substituted, absences)).status).toBe(200);
    expect(shown((await attendanceOf(substitute.user, substituted)).items)).toEqual([
      [w.students[0].id, 'Н', null, null],
    ]);
  });

  it('keeps the entry of a student who has since left the lesson’s roster writable', async () => {
    const lesson = await createLesson(t, {
      schoolClass: w.schoolClass,
      subject: w.math,
      teacher: w.teacher.person,
      date: '2026-09-25',
    });
    const leaver = await createPerson(t, w.school, 'student', { lastName: 'Ушедшая' });
    const enrollment = await enroll(t, leaver, w.schoolClass);
    await take(w.teacher.user, lesson, [{ studentId: leaver.id, reasonId: reason(w, 'Б') }]).expect(
      200,
    );
    await t.em().nativeUpdate(Enrollment, { id: enrollment.id }, { endsOn: '2026-09-20' });

    const kept = await take(w.teacher.user, lesson, [
      { studentId: leaver.id, reasonId: reason(w, 'У'), comment: 'Справка' },
    ]);
    expect(kept.status).toBe(200);
    expect(shown(kept.body.items)).toEqual([[leaver.id, 'У', null, 'Справка']]);
    // Once left out, the entry is gone and cannot come back: they are not in the lesson.
    await take(w.teacher.user, lesson, []).expect(200);
    const refused = await take(w.teacher.user, lesson, [
      { studentId: leaver.id, reasonId: reason(w, 'Н') },
    ]);
    expect(fields(expectProblem(refused, 400, 'request.invalid'))).toEqual([
      'absences[0].studentId',
    ]);
  });

  it('refuses cancelled lessons and lessons after today', async () => {
    const cancelled = await createLesson(t, {
      schoolClass: w.schoolClass,
      subject: w.math,
      teacher: w.teacher.person,
      date: '2026-09-17',
      status: 'cancelled',
    });
    const refused = await take(w.teacher.user, cancelled, []);
    expect(expectProblem(refused, 409, 'resource.conflict').detail).toMatch(/cancelled/);

    const future = await createLesson(t, {
      schoolClass: w.schoolClass,
      subject: w.math,
      teacher: w.teacher.person,
      date: addDays(t.clock.today('Europe/Moscow'), 2),
    });
    const early = await take(w.teacher.user, future, []);
    expect(expectProblem(early, 409, 'resource.conflict').detail).toMatch(/after today/);
    expect((await attendanceOf(w.teacher.user, future)).takenAt).toBeNull();
  });

  it('lets the class teacher set a day’s reason in every lesson the student had that day', async () => {
    const date = '2026-09-07'; // mathematics (1st lesson) and Russian (2nd)
    const vera = w.students[1];
    const [math, russian] = [w.mathLessons[0], w.russianLesson];
    await take(w.teacher.user, math, [{ studentId: vera.id, reasonId: reason(w, 'Н') }]);
    const mathTakenAt = (await attendanceOf(w.admin, math)).takenAt;

    const set = await setDay(w.classTeacher.user, w, date, {
      studentId: vera.id,
      reasonId: reason(w, 'Б'),
      comment: 'Справка № 15',
    });
    expect(set.status).toBe(200);
    const day = set.body as DayView;
    expect(day).toMatchObject({ date, studentId: vera.id });
    expect(
      day.lessons.map((lesson) => [
        lesson.lessonNumber,
        lesson.subject.name,
        lesson.entry?.reason.code,
        lesson.entry?.comment,
      ]),
    ).toEqual([
      [1, 'Математика', 'Б', 'Справка № 15'],
      [2, 'Русский язык', 'Б', 'Справка № 15'],
    ]);
    // The math entry was updated in place; the Russian one is new.
    const mathEntry = (await attendanceOf(w.admin, math)).items[0];
    expect(mathEntry.id).toBe(day.lessons[0].entry!.id);
    expect((await changesOf(math)).at(-1)).toMatchObject({
      action: 'update',
      changed_by: w.classTeacher.user.account.id,
    });
    // Nobody else's attendance was taken: the lessons' takenAt stay as they were.
    expect((await attendanceOf(w.admin, math)).takenAt).toBe(mathTakenAt);
    expect(await attendanceOf(w.admin, russian)).toMatchObject({
      takenAt: null,
      items: [{ studentId: vera.id, reason: { code: 'Б' } }],
    });

    // The math teacher does not teach the Russian lesson of that day: the whole day is refused.
    const byTeacher = await setDay(w.teacher.user, w, date, {
      studentId: vera.id,
      reasonId: reason(w, 'У'),
    });
    expect(expectProblem(byTeacher, 403, 'access.forbidden').detail).toMatch(/Русский язык/);
    expect((await attendanceOf(w.admin, math)).items[0].reason.code).toBe('Б');

    const late = await setDay(w.classTeacher.user, w, date, {
      studentId: w.otherChild.id,
      reasonId: reason(w, 'О'),
    });
    expect(fields(expectProblem(late, 400, 'request.invalid'))).toEqual(['reasonId', 'studentId']);
    const noLessons = await setDay(w.classTeacher.user, w, '2026-09-09', {
      studentId: vera.id,
      reasonId: reason(w, 'Б'),
    });
    expectProblem(noLessons, 409, 'resource.conflict');

    const cleared = await clearDay(w.classTeacher.user, w, date, vera.id);
    expect(cleared.status).toBe(200);
    expect((cleared.body as DayView).lessons.map((lesson) => lesson.entry)).toEqual([null, null]);
    expect((await attendanceOf(w.admin, math)).items).toEqual([]);
    expect((await attendanceOf(w.admin, russian)).items).toEqual([]);
  });

  it('covers only the subgroups the student belongs to', async () => {
    const em = t.em();
    const english = await em.findOneOrFail(Subject, {
      schoolId: w.school.id,
      name: 'Английский язык',
    });
    const split = em.create(SubgroupSplit, {
      schoolId: w.school.id,
      schoolClass: em.getReference(SchoolClass, w.schoolClass.id),
      subject: english,
    });
    const groups = [1, 2].map((position) =>
      em.create(Subgroup, { split, name: `Английский язык, ${position} группа`, position }),
    );
    const [a, b, c] = w.students;
    for (const [student, group] of [
      [a, groups[0]],
      [b, groups[1]],
      [c, groups[1]],
    ] as const) {
      em.create(SubgroupMember, {
        split,
        subgroup: group,
        student: em.getReference(Person, student.id),
      });
    }
    await em.flush();
    const englishTeacher = await createStaffMember(t, w.school, 'Инглишева');
    await assignTeacher(t, w.schoolClass, english, englishTeacher.person, { subgroup: groups[0] });
    const date = '2026-09-18';
    const groupLesson = (group: Subgroup) =>
      createLesson(t, {
        schoolClass: w.schoolClass,
        subject: english,
        teacher: englishTeacher.person,
        subgroup: group,
        date,
        lessonNumber: 3,
      });
    const first = await groupLesson(groups[0]);
    await groupLesson(groups[1]);

    const wrongGroup = await take(englishTeacher.user, first, [
      { studentId: b.id, reasonId: reason(w, 'Н') },
    ]);
    expect(expectProblem(wrongGroup, 400, 'request.invalid').errors).toEqual([
      {
        field: 'absences[0].studentId',
        messages: [
          'studentId must be a student of the lesson (7А on 2026-09-18 in «Английский язык, 1 группа»)',
        ],
      },
    ]);

    const day = await setDay(w.classTeacher.user, w, date, {
      studentId: a.id,
      reasonId: reason(w, 'У'),
    });
    expect(day.status).toBe(200);
    expect(
      (day.body as DayView).lessons.map((lesson) => [
        lesson.subgroup?.name,
        lesson.entry?.reason.code,
      ]),
    ).toEqual([['Английский язык, 1 группа', 'У']]);
  });

  it('shows a student their own entries and a parent their child’s', async () => {
    const [a, b] = w.students;
    const lesson = w.mathLessons[2];
    await take(w.teacher.user, lesson, [
      { studentId: b.id, reasonId: reason(w, 'Н') },
      { studentId: a.id, reasonId: reason(w, 'О'), minutesLate: 7 },
    ]);
    const own = await attendanceOf(w.studentUser, lesson);
    expect(shown(own.items)).toEqual([[a.id, 'О', 7, null]]);
    expect(own.takenAt).toEqual(expect.any(String));
    expect(shown((await attendanceOf(w.parentUser, lesson)).items)).toEqual([[a.id, 'О', 7, null]]);
    expect(shown((await attendanceOf(w.otherTeacher.user, lesson)).items)).toHaveLength(2);

    // Present in a lesson: an empty list, not a 404.
    await take(w.teacher.user, lesson, [{ studentId: b.id, reasonId: reason(w, 'Н') }]);
    expect((await attendanceOf(w.studentUser, lesson)).items).toEqual([]);

    // The parent of a child of another class sees nothing of 7А's lessons.
    const otherParentUser = await createUser(t, { roles: [{ role: 'parent', school: w.school }] });
    const otherParent = await createPerson(t, w.school, 'parent', {
      lastName: 'Дмитриева',
      accountId: otherParentUser.account.id,
    });
    await linkParent(t, otherParent, w.otherChild);
    expectProblem(await read(otherParentUser, lesson), 404, 'resource.not_found');
    // Nor does a student read the class's week.
    expectProblem(await week(w.studentUser, w, '2026-09-14'), 404, 'resource.not_found');
  });

  describe('the weekly reconciliation', () => {
    let v: JournalWorld;
    const MONDAY = '2026-09-21';

    beforeAll(async () => {
      // Mathematics on Monday (1st) and Tuesday, Russian on Monday (2nd).
      v = await createJournalWorld(t, [MONDAY, '2026-09-22']);
    });

    it('sums up the week and is refused while a lesson is not taken', async () => {
      const [a, b, c] = v.students;
      const [mathMonday, mathTuesday] = v.mathLessons;
      await take(v.teacher.user, mathMonday, [
        { studentId: a.id, reasonId: reason(v, 'Б') },
        { studentId: c.id, reasonId: reason(v, 'О'), minutesLate: 5 },
      ]);
      await take(v.teacher.user, mathTuesday, [{ studentId: a.id, reasonId: reason(v, 'Б') }]);
      await setDay(v.classTeacher.user, v, MONDAY, { studentId: b.id, reasonId: reason(v, 'Н') });

      const badDate = await week(v.deputy, v, '2026-02-30');
      expect(expectProblem(badDate, 400, 'request.invalid').errors).toEqual([
        { field: 'date', messages: ['date must be a date YYYY-MM-DD'] },
      ]);

      const response = await week(v.deputy, v, '2026-09-24');
      expect(response.status).toBe(200);
      const view = response.body as WeekView;
      expect(view.weekOf).toBe(MONDAY);
      expect(view.reconciled).toBeNull();
      expect(
        view.days.map((day) => [
          day.date,
          day.lessons.map((lesson) => [lesson.subject.name, lesson.takenAt !== null]),
        ]),
      ).toEqual([
        [
          MONDAY,
          [
            ['Математика', true],
            ['Русский язык', false],
          ],
        ],
        ['2026-09-22', [['Математика', true]]],
      ]);
      expect(view.lessonsNotTaken).toBe(1);
      expect(
        view.students.map((row) => [
          row.student.fullName,
          row.absences.map((absence) => `${absence.date} ${absence.code}`),
          row.totals,
        ]),
      ).toEqual([
        [
          expect.stringMatching(/^Алексеев Антон/),
          ['2026-09-21 Б', '2026-09-22 Б'],
          { lessons: 3, excused: 2, unexcused: 0, late: 0 },
        ],
        [
          expect.stringMatching(/^Борисова Вера/),
          ['2026-09-21 Н', '2026-09-21 Н'],
          { lessons: 3, excused: 0, unexcused: 2, late: 0 },
        ],
        [
          expect.stringMatching(/^Васильев Глеб/),
          ['2026-09-21 О'],
          { lessons: 3, excused: 0, unexcused: 0, late: 1 },
        ],
      ]);
      expect(view.students[2].absences[0].minutesLate).toBe(5);

      const refused = await reconcile(v.classTeacher.user, v, MONDAY, { note: 'Проверено' });
      const problem = expectProblem(refused, 409, 'resource.conflict');
      expect(problem.lessons).toEqual([
        {
          lessonId: v.russianLesson.id,
          date: MONDAY,
          lessonNumber: 2,
          subject: { id: v.russian.id, name: 'Русский язык' },
        },
      ]);
      expect((await week(v.deputy, v, MONDAY)).body).toMatchObject({ reconciled: null });

      // Only the class teacher reconciles.
      expectProblem(await reconcile(v.teacher.user, v, MONDAY), 403, 'access.forbidden');
      expectProblem(await reconcile(v.deputy, v, MONDAY), 403, 'access.forbidden');

      await take(v.otherTeacher.user, v.russianLesson, [
        { studentId: b.id, reasonId: reason(v, 'Н') },
      ]);
      const done = await reconcile(v.classTeacher.user, v, MONDAY, { note: 'Проверено' });
      expect(done.status).toBe(200);
      const reconciled = done.body as WeekView;
      expect(reconciled.lessonsNotTaken).toBe(0);
      expect(reconciled.reconciled).toEqual({
        at: expect.any(String),
        by: v.classTeacher.user.account.id,
        note: 'Проверено',
      });
      expect((await week(v.admin, v, '2026-09-27')).body).toEqual(reconciled);

      // Reconciling again records the new check.
      const againResponse = await reconcile(v.classTeacher.user, v, '2026-09-23', {
        note: 'Справка Борисовой получена',
      });
      const again = againResponse.body as WeekView;
      expect(again.reconciled!.note).toBe('Справка Борисовой получена');
      expect(again.reconciled!.at >= reconciled.reconciled!.at).toBe(true);
      const rows = await t
        .em()
        .getConnection()
        .execute<{ n: string }[]>('select count(*) as n from attendance_weeks where class_id = ?', [
          v.schoolClass.id,
        ]);
      expect(Number(rows[0].n)).toBe(1);
    });

    it('reconciles a week with lessons not taken when forced', async () => {
      const response = await reconcile(v.classTeacher.user, v, '2026-09-28');
      expect(response.status).toBe(200); // a week without lessons has nothing to take
      const extra = await createLesson(t, {
        schoolClass: v.schoolClass,
        subject: v.math,
        teacher: v.teacher.person,
        date: '2026-10-05',
      });
      expectProblem(
        await reconcile(v.classTeacher.user, v, '2026-10-05'),
        409,
        'resource.conflict',
      );
      const forced = await reconcile(v.classTeacher.user, v, '2026-10-05', {
        force: true,
        note: 'Учитель на больничном',
      });
      expect(forced.status).toBe(200);
      expect(forced.body).toMatchObject({
        weekOf: '2026-10-05',
        lessonsNotTaken: 1,
        reconciled: { note: 'Учитель на больничном' },
        days: [{ date: '2026-10-05', lessons: [{ lessonId: extra.id, takenAt: null }] }],
      });
      const future = await reconcile(
        v.classTeacher.user,
        v,
        addDays(t.clock.today('Europe/Moscow'), 14),
        { force: true },
      );
      expect(expectProblem(future, 409, 'resource.conflict').detail).toMatch(/not begun/);
    });
  });

  it('locks the attendance of a closed quarter, through the API and in the database', async () => {
    const x = await createJournalWorld(t);
    const [a, b] = x.students;
    const lesson = x.mathLessons[0];
    await take(x.teacher.user, lesson, [{ studentId: a.id, reasonId: reason(x, 'Н') }]);
    const [existing] = (await attendanceOf(x.admin, lesson)).items;
    await closePeriod(t, x, x.periods[0].id);

    const refused = await take(x.teacher.user, lesson, [
      { studentId: a.id, reasonId: reason(x, 'Б') },
    ]);
    expectProblem(refused, 409, 'period.closed');
    const day = await setDay(x.classTeacher.user, x, lesson.date, {
      studentId: b.id,
      reasonId: reason(x, 'Б'),
    });
    expect(expectProblem(day, 409, 'period.closed').detail).toMatch(/is closed/);
    expectProblem(await clearDay(x.classTeacher.user, x, lesson.date, a.id), 409, 'period.closed');

    const connection = t.em().getConnection();
    await expect(
      connection.execute('update attendance set reason_id = ? where id = ?', [
        reason(x, 'Б'),
        existing.id,
      ]),
    ).rejects.toMatchObject({ code: 'SJ409' });
    await expect(
      connection.execute(
        `insert into attendance (id, created_at, updated_at, school_id, lesson_id, student_id, reason_id, recorded_by)
         values (?, now(), now(), ?, ?, ?, ?, ?)`,
        [randomUUID(), x.school.id, lesson.id, b.id, reason(x, 'Н'), x.admin.account.id],
      ),
    ).rejects.toMatchObject({ code: 'SJ409' });
    expect(shown((await attendanceOf(x.admin, lesson)).items)).toEqual([[a.id, 'Н', null, null]]);
  });
});

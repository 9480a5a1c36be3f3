import { randomUUID } from 'node:crypto';
import { AttendanceEntry } from '../src/modules/attendance/entities/attendance-entry.entity';
import { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import {
  Subgroup,
  SubgroupMember,
  SubgroupSplit,
} from '../src/modules/classes/entities/subgroup.entity';
import { Mark } from '../src/modules/grades/entities/mark.entity';
import { Lesson } from '../src/modules/lessons/entities/lesson.entity';
import type { Person } from '../src/modules/people/entities/person.entity';
import { LessonType } from '../src/modules/reference-data/entities/lesson-type.entity';
import { createPerson, enroll } from './support/classes-fixtures';
import { asRole, createSchool, type TestUser } from './support/factories';
import { createJournalWorld, type JournalWorld } from './support/journal-fixtures';
import { createLesson, createStaffMember } from './support/lessons-fixtures';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

interface GridMark {
  id: string;
  lessonId: string;
  value: string;
  score: number | null;
  markType: { id: string; shortName: string; weight: number };
  comment: string | null;
  late: boolean;
}

interface GridStudent {
  id: string;
  name: string;
  marks: GridMark[];
  absences: { lessonId: string; code: string; excused: boolean; minutesLate: number | null }[];
  average: number | null;
  weightedAverage: number | null;
  absenceCounts: { total: number; excused: number; unexcused: number; late: number };
}

interface Grid {
  schoolClass: { id: string; name: string };
  subject: { id: string; name: string; shortName: string };
  period: { id: string; name: string; startsOn: string; endsOn: string; closed: boolean };
  subgroup: { id: string; name: string } | null;
  lessons: {
    id: string;
    date: string;
    lessonNumber: number;
    topic: string | null;
    lessonType: { id: string; name: string; kind: string } | null;
    homework: string | null;
    homeworkDueOn: string | null;
    status: string;
    subgroupId: string | null;
    attendanceTaken: boolean;
  }[];
  students: GridStudent[];
  classAverage: { average: number | null; weightedAverage: number | null };
}

/** Written into JSON by PostgreSQL: quotes, a backslash, a line break and a tab survive. */
const TRICKY_COMMENT = 'Устно у доски: "отлично" \\ см.\nстр. 5\t✓';

describe('journal grid (GET /v1/classes/{id}/journal)', () => {
  let t: TestApp;
  let w: JournalWorld;
  let firstQuarter: string;
  /** Math lessons of the first quarter: the world's four, then one of subgroup 1. */
  let lessons: Lesson[];
  let groups: Subgroup[];
  let latecomer: Person;
  let unrelatedTeacher: TestUser;

  const grid = (user: TestUser, query: Record<string, string> = {}, classId?: string) =>
    t
      .http()
      .get(`/v1/classes/${classId ?? w.schoolClass.id}/journal`)
      .query({ subjectId: w.math.id, studyPeriodId: firstQuarter, ...query })
      .set(user.auth);

  /** Runs `call` and counts the SQL statements sent to PostgreSQL meanwhile. */
  async function countStatements<T>(call: () => Promise<T>): Promise<{ result: T; count: number }> {
    const knex = t.em().getConnection().getKnex();
    let count = 0;
    const listener = () => count++;
    knex.on('query', listener);
    try {
      const result = await call();
      return { result, count };
    } finally {
      knex.removeListener('query', listener);
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    w = await createJournalWorld(t);
    firstQuarter = w.periods[0].id;
    const em = t.em();
    const [anton, vera, gleb] = w.students;

    // Subgroups of mathematics: Антон and Вера in the first, Глеб in the second.
    const split = em.create(SubgroupSplit, {
      schoolId: w.school.id,
      schoolClass: em.getReference(SchoolClass, w.schoolClass.id),
      subject: w.math.id,
    });
    groups = [1, 2].map((position) =>
      em.create(Subgroup, { split, name: `Математика, ${position} группа`, position }),
    );
    for (const [student, group] of [
      [anton, groups[0]],
      [vera, groups[0]],
      [gleb, groups[1]],
    ] as const) {
      em.create(SubgroupMember, { split, subgroup: group, student: student.id });
    }
    await em.flush();

    const groupLesson = await createLesson(t, {
      schoolClass: w.schoolClass,
      subject: w.math,
      teacher: w.teacher.person,
      date: '2026-09-21',
      subgroup: groups[0],
    });
    lessons = [...w.mathLessons, groupLesson];
    // Not in the first quarter's grid: the second quarter, and cancelled but shown.
    await createLesson(t, {
      schoolClass: w.schoolClass,
      subject: w.math,
      teacher: w.teacher.person,
      date: '2026-11-16',
    });
    const control = await em.findOneOrFail(LessonType, {
      schoolId: w.school.id,
      name: 'Контрольная работа',
    });
    await em.nativeUpdate(
      Lesson,
      { id: lessons[1].id },
      {
        topic: 'Контрольная работа № 1 «Дроби»',
        lessonType: control.id,
        homework: '§ 3, № 12',
        homeworkDueOn: '2026-09-14',
        attendanceTakenAt: t.clock.now(),
      },
    );

    // A student who joined in November: in the second quarter's grid only.
    latecomer = await createPerson(t, w.school, 'student', {
      lastName: 'Гусев',
      firstName: 'Денис',
    });
    await enroll(t, latecomer, w.schoolClass, '2026-11-10');

    const type = (name: string) => w.markTypes[name].id;
    const mark = (
      student: Person,
      lesson: Lesson,
      value: string,
      markType: string,
      extra: Partial<Mark> = {},
    ) =>
      em.create(Mark, {
        schoolId: w.school.id,
        lessonId: lesson.id,
        studentId: student.id,
        markTypeId: type(markType),
        value,
        score: /^\d$/.test(value) ? `${value}.00` : null,
        givenBy: w.teacher.user.account.id,
        ...extra,
      });
    // Антон: 5 (×1), 4 (×2), 3 (×1.5), «зач» (no score).
    mark(anton, lessons[0], '5', 'Ответ на уроке', { comment: TRICKY_COMMENT });
    mark(anton, lessons[1], '4', 'Контрольная работа');
    mark(anton, lessons[2], '3', 'Самостоятельная работа', { late: true });
    mark(anton, lessons[3], 'зач', 'Ответ на уроке');
    // Вера: 2 and 5 in one lesson (×1 each), 4 (×2).
    mark(vera, lessons[0], '2', 'Ответ на уроке');
    mark(vera, lessons[0], '5', 'Домашняя работа');
    mark(vera, lessons[2], '4', 'Контрольная работа');
    // Russian is another grid.
    em.create(Mark, {
      schoolId: w.school.id,
      lessonId: w.russianLesson.id,
      studentId: anton.id,
      markTypeId: type('Диктант'),
      value: '2',
      score: '2.00',
      givenBy: w.otherTeacher.user.account.id,
    });

    const absent = (student: Person, lesson: Lesson, code: string, minutesLate?: number) =>
      em.create(AttendanceEntry, {
        schoolId: w.school.id,
        lessonId: lesson.id,
        studentId: student.id,
        reasonId: w.reasons[code].id,
        minutesLate: minutesLate ?? null,
        recordedBy: w.teacher.user.account.id,
      });
    absent(anton, lessons[1], 'Б');
    absent(anton, lessons[3], 'О', 10);
    absent(vera, lessons[0], 'Н');
    absent(vera, lessons[1], 'У');
    absent(vera, lessons[2], 'Н');
    await em.flush();

    unrelatedTeacher = (await createStaffMember(t, w.school, 'Посторонняя')).user;
  });
  afterAll(() => t.close());

  it('gives the staff the whole grid: lessons, marks, absences, exact averages', async () => {
    const { result: response, count } = await countStatements(() => grid(w.deputy));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    // The deputy's rights need no scopes: the grid is one statement.
    expect(count).toBe(1);
    const body = response.body as Grid;
    const [anton, vera, gleb] = w.students;

    expect(body.schoolClass).toEqual({ id: w.schoolClass.id, name: '7А' });
    expect(body.subject).toEqual({ id: w.math.id, name: 'Математика', shortName: 'Матем.' });
    expect(body.period).toEqual({
      id: firstQuarter,
      name: w.periods[0].name,
      startsOn: '2026-09-01',
      endsOn: w.periods[0].endsOn,
      closed: false,
    });
    expect(body.subgroup).toBeNull();
    expect(body.lessons.map((lesson) => [lesson.id, lesson.date, lesson.subgroupId])).toEqual([
      [lessons[0].id, '2026-09-07', null],
      [lessons[1].id, '2026-09-08', null],
      [lessons[2].id, '2026-09-14', null],
      [lessons[3].id, '2026-09-15', null],
      [lessons[4].id, '2026-09-21', groups[0].id],
    ]);
    expect(body.lessons[1]).toMatchObject({
      lessonNumber: 1,
      topic: 'Контрольная работа № 1 «Дроби»',
      lessonType: { name: 'Контрольная работа', kind: 'control' },
      homework: '§ 3, № 12',
      homeworkDueOn: '2026-09-14',
      status: 'scheduled',
      attendanceTaken: true,
    });
    expect(body.lessons[0]).toMatchObject({ lessonType: null, attendanceTaken: false });

    expect(body.students.map((student) => [student.id, student.name])).toEqual([
      [anton.id, 'Алексеев Антон'],
      [vera.id, 'Борисова Вера'],
      [gleb.id, 'Васильев Глеб'],
    ]);
    const [a, v, g] = body.students;
    expect(a.marks.map((m) => [m.lessonId, m.value, m.score, m.markType.weight])).toEqual([
      [lessons[0].id, '5', 5, 1],
      [lessons[1].id, '4', 4, 2],
      [lessons[2].id, '3', 3, 1.5],
      [lessons[3].id, 'зач', null, 1],
    ]);
    expect(a.marks[0]).toMatchObject({
      comment: TRICKY_COMMENT,
      late: false,
      markType: { id: w.markTypes['Ответ на уроке'].id, shortName: 'Отв.' },
    });
    expect(a.marks[2].late).toBe(true);
    // (5 + 4 + 3) / 3; (5·1 + 4·2 + 3·1.5) / 4.5 = 3.888…
    expect([a.average, a.weightedAverage]).toEqual([4, 3.89]);
    // (2 + 5 + 4) / 3 = 3.666…; (2 + 5 + 8) / 4 = 3.75
    expect([v.average, v.weightedAverage]).toEqual([3.67, 3.75]);
    // In the order of the lessons; two marks of one lesson in the order they were given.
    expect(v.marks.map((m) => m.lessonId)).toEqual([lessons[0].id, lessons[0].id, lessons[2].id]);
    expect(v.marks.map((m) => m.value).sort()).toEqual(['2', '4', '5']);
    expect(g).toMatchObject({ marks: [], absences: [], average: null, weightedAverage: null });
    // 23 / 6 = 3.833…; 32.5 / 8.5 = 3.8235…
    expect(body.classAverage).toEqual({ average: 3.83, weightedAverage: 3.82 });

    expect(a.absences).toEqual([
      { lessonId: lessons[1].id, code: 'Б', excused: true, minutesLate: null },
      { lessonId: lessons[3].id, code: 'О', excused: false, minutesLate: 10 },
    ]);
    expect(a.absenceCounts).toEqual({ total: 1, excused: 1, unexcused: 0, late: 1 });
    expect(v.absenceCounts).toEqual({ total: 3, excused: 1, unexcused: 2, late: 0 });
    expect(g.absenceCounts).toEqual({ total: 0, excused: 0, unexcused: 0, late: 0 });

    // The page as PostgreSQL wrote it still gets an ETag: an unchanged journal answers 304.
    const etag = response.headers.etag;
    expect(etag).toMatch(/^W\//);
    expect((await grid(w.deputy).set('If-None-Match', etag)).status).toBe(304);
  });

  it('gives the teachers of the class the whole grid in at most two statements', async () => {
    for (const teacher of [w.teacher, w.otherTeacher, w.classTeacher]) {
      const { result: response, count } = await countStatements(() => grid(teacher.user));
      expect(response.status).toBe(200);
      // The teacher's scopes, then the grid.
      expect(count).toBe(2);
      expect((response.body as Grid).students.map((student) => student.name)).toEqual([
        'Алексеев Антон',
        'Борисова Вера',
        'Васильев Глеб',
      ]);
    }
  });

  it('gives a student only their own row, with the lessons and the class average', async () => {
    const { result: response, count } = await countStatements(() => grid(w.studentUser));
    expect(response.status).toBe(200);
    expect(count).toBe(2);
    const body = response.body as Grid;
    expect(body.students).toHaveLength(1);
    expect(body.students[0]).toMatchObject({
      id: w.students[0].id,
      name: 'Алексеев Антон',
      average: 4,
      weightedAverage: 3.89,
      absenceCounts: { total: 1, excused: 1, unexcused: 0, late: 1 },
    });
    expect(body.lessons).toHaveLength(5);
    expect(body.classAverage).toEqual({ average: 3.83, weightedAverage: 3.82 });
    const text = JSON.stringify(body);
    for (const classmate of w.students.slice(1)) {
      expect(text).not.toContain(classmate.id);
      expect(text).not.toContain(classmate.lastName);
    }
  });

  it('gives a parent only their child’s row', async () => {
    const response = await grid(w.parentUser);
    expect(response.status).toBe(200);
    const body = response.body as Grid;
    expect(body.students.map((student) => student.name)).toEqual(['Алексеев Антон']);
    expect(body.students[0].marks).toHaveLength(4);
    expect(JSON.stringify(body)).not.toContain('Борисова');
  });

  it('answers 404 to those who may not read the class', async () => {
    expectProblem(await grid(unrelatedTeacher), 404, 'resource.not_found');
    // Not even whether the parameters are right.
    expectProblem(
      await grid(unrelatedTeacher, { subjectId: randomUUID() }),
      404,
      'resource.not_found',
    );
    const elsewhere = await asRole(t, 'deputy', await createSchool(t));
    expectProblem(await grid(elsewhere), 404, 'resource.not_found');
    // A student of another class.
    const outsider = await asRole(t, 'student', w.school);
    const card = await createPerson(t, w.school, 'student', { accountId: outsider.account.id });
    const sevenB = await t.em().findOneOrFail(SchoolClass, { schoolId: w.school.id, letter: 'Б' });
    await enroll(t, card, sevenB);
    expectProblem(await grid(outsider), 404, 'resource.not_found');
    expectProblem(await grid(w.deputy, {}, randomUUID()), 404, 'resource.not_found');
  });

  it('refuses a subject, period or subgroup that is not the class’s', async () => {
    const response = await grid(w.deputy, {
      subjectId: randomUUID(),
      studyPeriodId: randomUUID(),
      subgroupId: randomUUID(),
    });
    const problem = expectProblem(response, 400, 'request.invalid');
    expect((problem.errors as { field: string }[]).map((error) => error.field)).toEqual([
      'subjectId',
      'studyPeriodId',
      'subgroupId',
    ]);
    // A subgroup of the class but of another subject.
    const russianGroups = await grid(w.deputy, {
      subjectId: w.russian.id,
      subgroupId: groups[0].id,
    });
    expectProblem(russianGroups, 400, 'request.invalid');
    expectProblem(await grid(w.deputy, { subjectId: 'math' }), 400, 'request.invalid');
  });

  it('shows a subgroup: its members, its lessons and the whole-class lessons', async () => {
    const response = await grid(w.teacher.user, { subgroupId: groups[0].id });
    expect(response.status).toBe(200);
    const body = response.body as Grid;
    expect(body.subgroup).toEqual({ id: groups[0].id, name: 'Математика, 1 группа' });
    expect(body.lessons.map((lesson) => lesson.id)).toEqual(lessons.map((lesson) => lesson.id));
    expect(body.students.map((student) => student.name)).toEqual([
      'Алексеев Антон',
      'Борисова Вера',
    ]);
    expect(body.classAverage).toEqual({ average: 3.83, weightedAverage: 3.82 });

    const second = (await grid(w.teacher.user, { subgroupId: groups[1].id })).body as Grid;
    expect(second.lessons.map((lesson) => lesson.id)).toEqual(
      lessons.slice(0, 4).map((lesson) => lesson.id),
    );
    expect(second.students.map((student) => student.name)).toEqual(['Васильев Глеб']);
    expect(second.classAverage).toEqual({ average: null, weightedAverage: null });
  });

  it('shows the period running today by default, with the students enrolled in it', async () => {
    const now = t.clock.today('Europe/Moscow');
    const running =
      w.periods.find((period) => period.startsOn <= now && now <= period.endsOn) ??
      [...w.periods].reverse().find((period) => period.endsOn < now) ??
      w.periods[0];
    const response = await t
      .http()
      .get(`/v1/classes/${w.schoolClass.id}/journal`)
      .query({ subjectId: w.math.id })
      .set(w.deputy.auth);
    expect(response.status).toBe(200);
    const body = response.body as Grid;
    expect(body.period.id).toBe(running.id);
    const names = body.students.map((student) => student.name);
    expect(names.includes('Гусев Денис')).toBe('2026-11-10' <= running.endsOn);

    // The latecomer is in no grid of the first quarter.
    const first = (await grid(w.deputy)).body as Grid;
    expect(first.students.map((student) => student.id)).not.toContain(latecomer.id);
    const second = (await grid(w.deputy, { studyPeriodId: w.periods[1].id })).body as Grid;
    expect(second.students.map((student) => student.name)).toEqual([
      'Алексеев Антон',
      'Борисова Вера',
      'Васильев Глеб',
      'Гусев Денис',
    ]);
    expect(second.lessons.map((lesson) => lesson.date)).toEqual(['2026-11-16']);
    expect(second.students.every((student) => student.marks.length === 0)).toBe(true);
  });

  it('says a closed period is closed', async () => {
    await t
      .http()
      .post(`/v1/study-periods/${firstQuarter}/close`)
      .set(w.admin.auth)
      .send({ reason: 'Итоги четверти подведены' })
      .expect(200);
    const body = (await grid(w.teacher.user)).body as Grid;
    expect(body.period.closed).toBe(true);
    expect(body.students[0].average).toBe(4);
  });
});

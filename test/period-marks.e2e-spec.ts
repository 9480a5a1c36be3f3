import { randomUUID } from 'node:crypto';
import { Mark } from '../src/modules/grades/entities/mark.entity';
import { GradingScale } from '../src/modules/reference-data/entities/grading-scale.entity';
import { Subject } from '../src/modules/reference-data/entities/subject.entity';
import { closePeriod, createJournalWorld, type JournalWorld } from './support/journal-fixtures';
import { createLesson } from './support/lessons-fixtures';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';
import { asRole, type TestUser } from './support/factories';

interface PeriodMarkView {
  id: string;
  studentId: string;
  schoolClassId: string;
  subjectId: string;
  kind: string;
  studyPeriodId: string | null;
  value: string;
  score: number | null;
  comment: string | null;
  givenBy: string;
  createdAt: string;
  updatedAt: string;
}

interface SuggestionView {
  student: { id: string; fullName: string };
  marksCount: number;
  average: number | null;
  weightedAverage: number | null;
  suggested: string | null;
}

describe('period, year, exam and final marks (J4)', () => {
  let t: TestApp;
  let w: JournalWorld;
  let q1: string;
  let q2: string;

  const url = () => `/v1/classes/${w.schoolClass.id}/period-marks`;
  const put = (user: TestUser, body: Record<string, unknown>) =>
    t.http().put(url()).set(user.auth).send(body);
  const list = async (user: TestUser, query = '') =>
    (await t.http().get(`${url()}${query}`).set(user.auth).expect(200)).body
      .items as PeriodMarkView[];
  const suggestions = async (user: TestUser, query: string) =>
    (await t.http().get(`${url()}/suggestions${query}`).set(user.auth).expect(200)).body
      .items as SuggestionView[];
  const quarterMarks = (
    marks: { studentId: string; value: string | null; comment?: string }[],
  ) => ({
    subjectId: w.math.id,
    kind: 'period',
    studyPeriodId: q1,
    marks,
  });

  beforeAll(async () => {
    t = await startTestApp();
    w = await createJournalWorld(t);
    [q1, q2] = w.periods.map((period) => period.id);
  });
  afterAll(() => t.close());

  it('lets the subject teacher give quarter marks, н/а and осв included', async () => {
    const [anton, vera, gleb] = w.students;
    const given = await put(
      w.teacher.user,
      quarterMarks([
        { studentId: anton.id, value: '5' },
        { studentId: vera.id, value: 'н/а', comment: 'Пропустила 60 % уроков' },
        { studentId: gleb.id, value: ' осв ' },
      ]),
    ).expect(200);
    const common = {
      schoolClassId: w.schoolClass.id,
      subjectId: w.math.id,
      kind: 'period',
      studyPeriodId: q1,
      givenBy: w.teacher.user.account.id,
    };
    expect(given.body.items).toEqual([
      {
        ...common,
        studentId: anton.id,
        value: '5',
        score: 5,
        comment: null,
        id: expect.any(String),
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
      {
        ...common,
        studentId: vera.id,
        value: 'н/а',
        score: null,
        comment: 'Пропустила 60 % уроков',
        id: expect.any(String),
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
      {
        ...common,
        studentId: gleb.id,
        value: 'осв',
        score: null,
        comment: null,
        id: expect.any(String),
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    ]);

    // Only the listed students change; null deletes.
    const changed = await put(
      w.teacher.user,
      quarterMarks([
        { studentId: vera.id, value: '3' },
        { studentId: gleb.id, value: null },
      ]),
    ).expect(200);
    expect(
      (changed.body.items as PeriodMarkView[]).map((m) => [
        m.studentId,
        m.value,
        m.score,
        m.comment,
      ]),
    ).toEqual([
      [anton.id, '5', 5, null],
      [vera.id, '3', 3, null],
    ]);
    expect(await list(w.deputy, `?subjectId=${w.math.id}&kind=period&studyPeriodId=${q1}`)).toEqual(
      changed.body.items,
    );
    expect(await list(w.deputy, `?kind=year`)).toEqual([]);
  });

  it('refuses other teachers (403) and strangers (404)', async () => {
    const russianTeacher = await put(
      w.otherTeacher.user,
      quarterMarks([{ studentId: w.students[0].id, value: '2' }]),
    );
    expect(expectProblem(russianTeacher, 403, 'access.forbidden').detail).toBe(
      'Only a teacher assigned to Математика in 7А gives its period marks.',
    );
    expectProblem(
      await put(w.classTeacher.user, quarterMarks([{ studentId: w.students[0].id, value: '2' }])),
      403,
      'access.forbidden',
    );
    expectProblem(
      await put(w.studentUser, quarterMarks([{ studentId: w.students[0].id, value: '5' }])),
      403,
      'access.forbidden',
    );
    const leadership = await put(
      w.deputy,
      quarterMarks([{ studentId: w.students[0].id, value: '5' }]),
    );
    expectProblem(leadership, 403, 'access.forbidden');
    // A teacher who neither teaches nor leads 7А does not see its marks at all.
    const stranger = await asRole(t, 'teacher', w.school);
    expectProblem(
      await put(stranger, quarterMarks([{ studentId: w.students[0].id, value: '5' }])),
      404,
      'resource.not_found',
    );
    expectProblem(await t.http().get(url()).set(stranger.auth), 404, 'resource.not_found');
    expectProblem(
      await t
        .http()
        .get(`${url()}/suggestions?subjectId=${w.math.id}&studyPeriodId=${q1}`)
        .set(stranger.auth),
      404,
      'resource.not_found',
    );
    expect((await list(w.teacher.user, `?studyPeriodId=${q1}`)).map((m) => m.value)).toEqual([
      '5',
      '3',
    ]);
  });

  it('shows a student their own marks and a parent their child’s', async () => {
    const own = await list(w.studentUser);
    expect(own.map((m) => [m.studentId, m.value])).toEqual([[w.students[0].id, '5']]);
    const child = await list(w.parentUser);
    expect(child.map((m) => [m.studentId, m.value])).toEqual([[w.students[0].id, '5']]);
    // The Russian teacher reads the class’s marks (they teach it) without writing them.
    expect(await list(w.otherTeacher.user, `?subjectId=${w.math.id}`)).toHaveLength(2);
  });

  it('validates kind, period, students and values, listing every bad field', async () => {
    const missingPeriod = await put(w.teacher.user, {
      subjectId: w.math.id,
      kind: 'period',
      marks: [{ studentId: w.students[0].id, value: '5' }],
    });
    expect(expectProblem(missingPeriod, 400, 'request.invalid').errors).toEqual([
      { field: 'studyPeriodId', messages: ['is required for kind period'] },
    ]);
    const periodForYear = await put(w.teacher.user, {
      subjectId: w.math.id,
      kind: 'year',
      studyPeriodId: q1,
      marks: [{ studentId: w.students[0].id, value: '5' }],
    });
    expect(expectProblem(periodForYear, 400, 'request.invalid').errors).toEqual([
      {
        field: 'studyPeriodId',
        messages: ['only for kind period (a year mark is of the whole year)'],
      },
    ]);

    const bad = await put(
      w.teacher.user,
      quarterMarks([
        { studentId: w.students[0].id, value: '6' },
        { studentId: w.otherChild.id, value: '4' },
        { studentId: w.students[0].id, value: '4' },
      ]),
    );
    expect(expectProblem(bad, 400, 'request.invalid').errors).toEqual([
      { field: 'marks[1].studentId', messages: ['is not a student of 7А in 1 четверть'] },
      { field: 'marks[2].studentId', messages: ['repeats marks[0]'] },
      {
        field: 'marks[0].value',
        messages: ['must be one of 5, 4, 3, 2, 1, н/а, осв (scale «Пятибалльная»)'],
      },
    ]);
    // A subject of no school is a bad request, even for the subject's own teacher.
    const unknownSubject = await put(w.teacher.user, {
      ...quarterMarks([{ studentId: w.students[0].id, value: '5' }]),
      subjectId: randomUUID(),
    });
    expect(expectProblem(unknownSubject, 400, 'request.invalid').errors).toEqual([
      { field: 'subjectId', messages: ['must be a subject of the class’s school'] },
    ]);
    const badKind = await put(w.teacher.user, { ...quarterMarks([]), kind: 'semester' });
    expect(
      (expectProblem(badKind, 400, 'request.invalid').errors as { field: string }[]).map(
        (e) => e.field,
      ),
    ).toEqual(['kind', 'marks']);
    // Nothing was stored by the refused writes.
    expect((await list(w.teacher.user, `?studyPeriodId=${q1}`)).map((m) => m.value)).toEqual([
      '5',
      '3',
    ]);
  });

  it('suggests the weighted average of the quarter’s marks, rounded on the scale', async () => {
    const [anton, vera, gleb] = w.students;
    const type = (name: string) => w.markTypes[name].id;
    const [lesson1, lesson2] = w.mathLessons;
    await t
      .http()
      .put(`/v1/lessons/${lesson1.id}/marks`)
      .set(w.teacher.user.auth)
      .send({
        marks: [
          { studentId: anton.id, markTypeId: type('Ответ на уроке'), value: '5' },
          { studentId: anton.id, markTypeId: type('Контрольная работа'), value: '4' },
          { studentId: vera.id, markTypeId: type('Ответ на уроке'), value: '5' },
        ],
      })
      .expect(200);
    await t
      .http()
      .put(`/v1/lessons/${lesson2.id}/marks`)
      .set(w.teacher.user.auth)
      .send({
        marks: [
          { studentId: anton.id, markTypeId: type('Самостоятельная работа'), value: '3' },
          { studentId: vera.id, markTypeId: type('Домашняя работа'), value: '4' },
        ],
      })
      .expect(200);
    // Not counted: a Russian mark, a cancelled math lesson, a math lesson of the 2nd quarter.
    await t
      .http()
      .put(`/v1/lessons/${w.russianLesson.id}/marks`)
      .set(w.otherTeacher.user.auth)
      .send({ marks: [{ studentId: anton.id, markTypeId: type('Диктант'), value: '2' }] })
      .expect(200);
    const em = t.em();
    const cancelled = await createLesson(t, {
      schoolClass: w.schoolClass,
      subject: w.math,
      teacher: w.teacher.person,
      date: '2026-09-21',
      status: 'cancelled',
    });
    const secondQuarter = await createLesson(t, {
      schoolClass: w.schoolClass,
      subject: w.math,
      teacher: w.teacher.person,
      date: '2026-11-10',
    });
    for (const lesson of [cancelled, secondQuarter]) {
      em.create(Mark, {
        schoolId: w.school.id,
        lessonId: lesson.id,
        studentId: anton.id,
        markTypeId: type('Ответ на уроке'),
        value: '1',
        score: '1.00',
        givenBy: w.teacher.user.account.id,
      });
    }
    await em.flush();

    const lines = await suggestions(w.teacher.user, `?subjectId=${w.math.id}&studyPeriodId=${q1}`);
    expect(lines).toEqual([
      {
        student: { id: anton.id, fullName: expect.stringContaining('Алексеев Антон') },
        marksCount: 3,
        // (5·1 + 4·2 + 3·1.5) / 4.5 = 3.888… ; (5 + 4 + 3) / 3 = 4
        average: 4,
        weightedAverage: 3.89,
        suggested: '4',
      },
      {
        student: { id: vera.id, fullName: expect.stringContaining('Борисова Вера') },
        marksCount: 2,
        average: 4.5,
        weightedAverage: 4.5,
        suggested: '5',
      },
      {
        student: { id: gleb.id, fullName: expect.stringContaining('Васильев Глеб') },
        marksCount: 0,
        average: null,
        weightedAverage: null,
        suggested: null,
      },
    ]);
    // Students and parents see their own line only; a teacher of another class nothing.
    expect(await suggestions(w.studentUser, `?subjectId=${w.math.id}&studyPeriodId=${q1}`)).toEqual(
      [lines[0]],
    );
    expect(await suggestions(w.parentUser, `?subjectId=${w.math.id}&studyPeriodId=${q1}`)).toEqual([
      lines[0],
    ]);
    const noPeriod = await t
      .http()
      .get(`${url()}/suggestions?subjectId=${w.math.id}`)
      .set(w.teacher.user.auth);
    expect(expectProblem(noPeriod, 400, 'request.invalid').errors).toEqual([
      { field: 'studyPeriodId', messages: ['is required for kind period'] },
    ]);
  });

  it('suggests year marks from the period marks with a score', async () => {
    const [anton, vera, gleb] = w.students;
    await put(w.teacher.user, {
      subjectId: w.math.id,
      kind: 'period',
      studyPeriodId: q2,
      marks: [
        { studentId: anton.id, value: '4' },
        { studentId: vera.id, value: 'н/а' },
      ],
    }).expect(200);
    const lines = await suggestions(w.deputy, `?subjectId=${w.math.id}&kind=year`);
    expect(lines.map(({ student, ...rest }) => [student.id, rest])).toEqual([
      [anton.id, { marksCount: 2, average: 4.5, weightedAverage: 4.5, suggested: '5' }],
      [vera.id, { marksCount: 2, average: 3, weightedAverage: 3, suggested: '3' }],
      [gleb.id, { marksCount: 0, average: null, weightedAverage: null, suggested: null }],
    ]);
  });

  it('marks a pass/fail subject with its own values', async () => {
    const em = t.em();
    const passFail = await em.findOneOrFail(GradingScale, {
      schoolId: w.school.id,
      name: 'Зачёт / незачёт',
    });
    const russian = await em.findOneOrFail(Subject, w.russian.id);
    russian.gradingScaleId = passFail.id;
    await em.flush();
    const body = (value: string) => ({
      subjectId: w.russian.id,
      kind: 'period',
      studyPeriodId: q1,
      marks: [{ studentId: w.students[0].id, value }],
    });
    const refused = await put(w.otherTeacher.user, body('5'));
    expect(expectProblem(refused, 400, 'request.invalid').errors).toEqual([
      {
        field: 'marks[0].value',
        messages: ['must be one of зач, незач, н/а, осв (scale «Зачёт / незачёт»)'],
      },
    ]);
    const given = await put(w.otherTeacher.user, body('зач')).expect(200);
    expect(given.body.items).toEqual([
      expect.objectContaining({ subjectId: w.russian.id, value: 'зач', score: null }),
    ]);
    const lines = await suggestions(
      w.otherTeacher.user,
      `?subjectId=${w.russian.id}&studyPeriodId=${q1}`,
    );
    // The dictation «2» was given before the scale changed: it still counts with its score,
    // but a scale without scores suggests nothing.
    expect(lines[0]).toMatchObject({ marksCount: 1, average: 2, suggested: null });
  });

  it('locks quarter marks of a closed quarter, in the API and in the database', async () => {
    const [anton] = w.students;
    await closePeriod(t, w, q1);
    const refused = await put(w.teacher.user, quarterMarks([{ studentId: anton.id, value: '4' }]));
    expect(expectProblem(refused, 409, 'period.closed').detail).toContain('1 четверть');
    const deletion = await put(
      w.teacher.user,
      quarterMarks([{ studentId: anton.id, value: null }]),
    );
    expectProblem(deletion, 409, 'period.closed');
    const [stored] = await list(w.teacher.user, `?studyPeriodId=${q1}&subjectId=${w.math.id}`);
    expect(stored).toMatchObject({ studentId: anton.id, value: '5' });

    await expect(
      t
        .em()
        .getConnection()
        .execute(`update period_marks set value = '2', score = 2 where id = ?`, [stored.id]),
    ).rejects.toMatchObject({ code: 'SJ409' });
    // The second quarter is still open.
    await put(w.teacher.user, {
      subjectId: w.math.id,
      kind: 'period',
      studyPeriodId: q2,
      marks: [{ studentId: anton.id, value: '5' }],
    }).expect(200);
  });

  it('allows year marks until every quarter of grade 7 is closed', async () => {
    const [anton, vera] = w.students;
    const yearMarks = (value: string) => ({
      subjectId: w.math.id,
      kind: 'year',
      marks: [
        { studentId: anton.id, value },
        { studentId: vera.id, value: '3' },
      ],
    });
    const given = await put(w.teacher.user, yearMarks('5')).expect(200);
    expect(
      (given.body.items as PeriodMarkView[]).map((m) => [
        m.studentId,
        m.kind,
        m.studyPeriodId,
        m.value,
      ]),
    ).toEqual([
      [anton.id, 'year', null, '5'],
      [vera.id, 'year', null, '3'],
    ]);
    const remaining = w.periods.slice(1);
    for (const period of remaining.slice(0, -1)) await closePeriod(t, w, period.id);
    await put(w.teacher.user, yearMarks('4')).expect(200);
    await closePeriod(t, w, remaining[remaining.length - 1].id);
    const locked = await put(w.teacher.user, yearMarks('5'));
    expect(expectProblem(locked, 409, 'period.closed').detail).toContain('year marks are locked');
    expect((await list(w.studentUser, '?kind=year')).map((m) => m.value)).toEqual(['4']);
  });
});

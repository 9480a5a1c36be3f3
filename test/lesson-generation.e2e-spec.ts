import type { School } from '../src/core/tenancy/entities/school.entity';
import type { AcademicYear } from '../src/modules/academic-years/entities/academic-year.entity';
import { Holiday } from '../src/modules/academic-years/entities/holiday.entity';
import type { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import { Lesson } from '../src/modules/lessons/entities/lesson.entity';
import type { Person } from '../src/modules/people/entities/person.entity';
import type { Room } from '../src/modules/reference-data/entities/room.entity';
import { Subject } from '../src/modules/reference-data/entities/subject.entity';
import { Mark } from '../src/modules/grades/entities/mark.entity';
import { MarkType } from '../src/modules/reference-data/entities/mark-type.entity';
import {
  createAcademicYear as createYearViaApi,
  periodsOfGrade,
  type PeriodView,
} from './support/calendar-fixtures';
import { createClass, createPerson } from './support/classes-fixtures';
import { asRole, createRegion, createSchool, type TestUser } from './support/factories';
import {
  addDefaultReferenceData,
  assignTeacher,
  createRoom,
  createStaffMember,
} from './support/lessons-fixtures';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Dated lessons from the timetable (J1). Grade 7's first quarter is 2026-09-01 (a Tuesday) …
 * 2026-10-24; a quarantine closes grade 7 on 2026-09-21 … 23 (Monday to Wednesday), and
 * a holiday of grade 1 only on Monday 2026-09-28 does not concern it.
 */
describe('lesson generation (J1)', () => {
  let t: TestApp;
  let school: School;
  let deputy: TestUser;
  let q1: PeriodView;
  let sevenV: SchoolClass;
  let maths: Subject;
  let physics: Subject;
  let ivanova: Person;
  let petrov: Person;
  let kozlov: Person;
  let room101: Room;
  let room102: Room;
  let room103: Room;

  beforeAll(async () => {
    t = await startTestApp();
    school = await createSchool(t, await createRegion(t), 'A');
    const admin = await asRole(t, 'admin', school);
    deputy = await asRole(t, 'deputy', school);
    const yearView = await createYearViaApi(t, admin, school);
    [q1] = periodsOfGrade(yearView, 7);
    const em = t.em();
    em.create(Holiday, {
      schoolId: school.id,
      academicYearId: yearView.id,
      name: 'Карантин',
      startsOn: '2026-09-21',
      endsOn: '2026-09-23',
      grades: [7],
    });
    em.create(Holiday, {
      schoolId: school.id,
      academicYearId: yearView.id,
      name: 'День здоровья 1 классов',
      startsOn: '2026-09-28',
      endsOn: '2026-09-28',
      grades: [1],
    });
    await em.flush();
    await addDefaultReferenceData(t, school);
    maths = await t.em().findOneOrFail(Subject, { schoolId: school.id, name: 'Математика' });
    physics = await t.em().findOneOrFail(Subject, { schoolId: school.id, name: 'Физика' });
    sevenV = await createClass(t, { id: yearView.id, schoolId: school.id } as AcademicYear, 7, 'В');
    ivanova = (await createStaffMember(t, school, 'Иванова')).person;
    petrov = (await createStaffMember(t, school, 'Петров')).person;
    kozlov = (await createStaffMember(t, school, 'Козлов')).person;
    await assignTeacher(t, sevenV, maths, ivanova);
    await assignTeacher(t, sevenV, maths, petrov);
    await assignTeacher(t, sevenV, physics, kozlov);
    room101 = await createRoom(t, school, '101');
    room102 = await createRoom(t, school, '102');
    room103 = await createRoom(t, school, '103');
  });
  afterAll(() => t.close());

  const put = (body: object) =>
    t.http().put(`/v1/classes/${sevenV.id}/timetable`).set(deputy.auth).send(body);
  const regenerate = (from: string, to: string) =>
    t
      .http()
      .post(`/v1/classes/${sevenV.id}/lessons/regenerate`)
      .set(deputy.auth)
      .send({ from, to });
  const lessons = async () =>
    t
      .em()
      .find(
        Lesson,
        { schoolClass: sevenV.id },
        { populate: ['subject'], orderBy: { date: 'asc', lessonNumber: 'asc' } },
      );
  const lessonOn = async (date: string, subject: Subject) =>
    t.em().findOneOrFail(Lesson, {
      schoolClass: sevenV.id,
      date,
      subject: subject.id,
      origin: 'timetable',
    });
  /** Everything of a lesson that regeneration could change. */
  const state = (l: Lesson) => ({
    id: l.id,
    date: l.date,
    lessonNumber: l.lessonNumber,
    subject: l.subject.id,
    teacher: l.teacher.id,
    substitute: l.substitute?.id ?? null,
    room: l.room?.id ?? null,
    status: l.status,
    topic: l.topic,
  });
  const datesOf = (all: Lesson[], subject: Subject) =>
    all.filter((l) => l.subject.id === subject.id).map((l) => l.date);

  const mondayMaths = { weekday: 1, lessonNumber: 1, subjectId: '', teacherId: '' };

  it('gives every school day of the period its lessons, and holidays none', async () => {
    const response = await put({
      studyPeriodId: q1.id,
      cells: [
        { ...mondayMaths, subjectId: maths.id, teacherId: ivanova.id, roomId: room101.id },
        { weekday: 3, lessonNumber: 2, subjectId: physics.id, teacherId: kozlov.id },
      ],
    });
    expect(response.status).toBe(200);
    // 6 Mondays and 7 Wednesdays: the quarantine takes one of each.
    expect(response.body.generation).toEqual({ created: 13, updated: 0, removed: 0, kept: [] });
    const all = await lessons();
    expect(datesOf(all, maths)).toEqual([
      '2026-09-07',
      '2026-09-14',
      '2026-09-28',
      '2026-10-05',
      '2026-10-12',
      '2026-10-19',
    ]);
    expect(datesOf(all, physics)).toEqual([
      '2026-09-02',
      '2026-09-09',
      '2026-09-16',
      '2026-09-30',
      '2026-10-07',
      '2026-10-14',
      '2026-10-21',
    ]);
    expect(all.find((l) => l.date === '2026-09-07')).toMatchObject({
      lessonNumber: 1,
      teacher: expect.objectContaining({ id: ivanova.id }),
      room: expect.objectContaining({ id: room101.id }),
      substitute: null,
      origin: 'timetable',
      status: 'scheduled',
      topic: null,
      recordedAt: null,
    });
  });

  it('regenerating again changes nothing', async () => {
    const before = (await lessons()).map(state);
    const again = await regenerate(q1.startsOn, q1.endsOn).expect(200);
    expect(again.body).toEqual({ created: 0, updated: 0, removed: 0, kept: [] });
    // Beyond the period (autumn holidays, the second quarter without a timetable): nothing.
    const wider = await regenerate('2026-08-01', '2026-11-30').expect(200);
    expect(wider.body).toEqual({ created: 0, updated: 0, removed: 0, kept: [] });
    expect((await lessons()).map(state)).toEqual(before);
  });

  it('a change from a date keeps earlier lessons and what was recorded in later ones', async () => {
    // Recorded: an earlier lesson, a later one the new timetable still has, and a later one
    // it no longer has. One later lesson is cancelled, one substituted in another room.
    const em = t.em();
    const recorded = new Date('2026-09-14T10:00:00Z');
    for (const [date, subject, topic] of [
      ['2026-09-07', maths, 'Дроби'],
      ['2026-09-14', maths, 'Десятичные дроби'],
      ['2026-09-16', physics, 'Сила'],
    ] as const) {
      const lesson = await em.findOneOrFail(Lesson, {
        schoolClass: sevenV.id,
        date,
        subject: subject.id,
      });
      lesson.topic = topic;
      lesson.recordedAt = recorded;
    }
    await em.flush();
    const cancelled = await lessonOn('2026-10-05', maths);
    await t
      .http()
      .post(`/v1/lessons/${cancelled.id}/cancel`)
      .set(deputy.auth)
      .send({ reason: 'Экскурсия' })
      .expect(200);
    const substituted = await lessonOn('2026-09-28', maths);
    await t
      .http()
      .put(`/v1/lessons/${substituted.id}/substitution`)
      .set(deputy.auth)
      .send({ teacherId: kozlov.id, roomId: room103.id })
      .expect(200);
    const before = await lessons();
    const earlier = before.filter((l) => l.date < '2026-09-14').map(state);

    // From Monday 2026-09-14: maths with Петров in 102; physics moves to Thursday.
    const response = await put({
      studyPeriodId: q1.id,
      effectiveFrom: '2026-09-14',
      cells: [
        { ...mondayMaths, subjectId: maths.id, teacherId: petrov.id, roomId: room102.id },
        { weekday: 4, lessonNumber: 3, subjectId: physics.id, teacherId: kozlov.id },
      ],
    });
    expect(response.status).toBe(200);
    const sep16 = before.find((l) => l.date === '2026-09-16')!;
    expect(response.body).toMatchObject({
      on: '2026-09-14',
      studyPeriod: { id: q1.id },
      cells: [
        {
          weekday: 1,
          lessonNumber: 1,
          subject: { id: maths.id, name: 'Математика' },
          teacher: { id: petrov.id },
          room: { id: room102.id, name: '102' },
          validFrom: '2026-09-14',
          validUntil: '2026-10-24',
        },
        {
          weekday: 4,
          lessonNumber: 3,
          subject: { id: physics.id, name: 'Физика' },
          teacher: { id: kozlov.id },
          room: null,
          validFrom: '2026-09-14',
          validUntil: '2026-10-24',
        },
      ],
      generation: {
        // Thursdays 09-17 … 10-22.
        created: 6,
        // Blank Mondays 09-28, 10-05, 10-12, 10-19 follow the new teacher; 09-14 is recorded.
        updated: 4,
        // Blank Wednesdays 09-30 … 10-21; 09-16 has a topic and is kept.
        removed: 4,
        kept: [
          {
            lessonId: sep16.id,
            date: '2026-09-16',
            lessonNumber: 2,
            subject: { id: physics.id, name: 'Физика' },
          },
        ],
      },
    });
    expect(response.body.cells).toHaveLength(2);

    const after = await lessons();
    expect(after.filter((l) => l.date < '2026-09-14').map(state)).toEqual(earlier);
    expect(earlier.find((l) => l.date === '2026-09-07')).toMatchObject({
      teacher: ivanova.id,
      room: room101.id,
      topic: 'Дроби',
    });
    const stateOn = (date: string, subject: Subject) =>
      state(after.find((l) => l.date === date && l.subject.id === subject.id)!);
    // Recorded: it was taught by Иванова in 101, and stays so.
    expect(stateOn('2026-09-14', maths)).toEqual({
      ...state(before.find((l) => l.date === '2026-09-14')!),
      teacher: ivanova.id,
      room: room101.id,
      topic: 'Десятичные дроби',
    });
    expect(stateOn('2026-09-16', physics)).toEqual(state(sep16));
    expect(stateOn('2026-10-05', maths)).toMatchObject({
      id: cancelled.id,
      teacher: petrov.id,
      status: 'cancelled',
    });
    expect(after.find((l) => l.id === cancelled.id)?.cancellationReason).toBe('Экскурсия');
    // The substitution stays, in the room it chose.
    expect(stateOn('2026-09-28', maths)).toMatchObject({
      id: substituted.id,
      teacher: petrov.id,
      substitute: kozlov.id,
      room: room103.id,
    });
    expect(datesOf(after, physics)).toEqual([
      '2026-09-02',
      '2026-09-09',
      '2026-09-16',
      '2026-09-17',
      '2026-09-24',
      '2026-10-01',
      '2026-10-08',
      '2026-10-15',
      '2026-10-22',
    ]);

    // The timetable of the week before is what it was.
    const old = await t
      .http()
      .get(`/v1/classes/${sevenV.id}/timetable`)
      .query({ on: '2026-09-08' })
      .set(deputy.auth)
      .expect(200);
    expect(
      (old.body.cells as { weekday: number; teacher: { id: string }; validUntil: string }[]).map(
        (c) => [c.weekday, c.teacher.id, c.validUntil],
      ),
    ).toEqual([
      [1, ivanova.id, '2026-09-13'],
      [3, kozlov.id, '2026-09-13'],
    ]);

    // And regenerating is still idempotent: only the recorded lesson is reported again.
    const again = await regenerate(q1.startsOn, q1.endsOn).expect(200);
    expect(again.body).toEqual({
      created: 0,
      updated: 0,
      removed: 0,
      kept: [response.body.generation.kept[0]],
    });
    expect((await lessons()).map(state)).toEqual(after.map(state));
  });

  it('never touches lessons added by hand', async () => {
    const added = await t
      .http()
      .post(`/v1/classes/${sevenV.id}/lessons`)
      .set(deputy.auth)
      .send({ date: '2026-09-18', lessonNumber: 4, subjectId: maths.id, teacherId: ivanova.id })
      .expect(201);
    expect(added.body).toMatchObject({ origin: 'manual', date: '2026-09-18', lessonNumber: 4 });
    await put({ studyPeriodId: q1.id, effectiveFrom: '2026-09-14', cells: [] }).expect(200);
    await regenerate(q1.startsOn, q1.endsOn).expect(200);
    const manual = await t.em().findOne(Lesson, added.body.id as string);
    expect(manual).toMatchObject({ origin: 'manual', date: '2026-09-18', status: 'scheduled' });
  });

  it('regenerates at most 366 days, from a date not after the end', async () => {
    expect(
      expectProblem(await regenerate('2026-10-01', '2026-09-01'), 400, 'request.invalid').errors,
    ).toEqual([{ field: 'to', messages: ['to must not be before from'] }]);
    expect(
      expectProblem(await regenerate('2026-09-01', '2027-09-02'), 400, 'request.invalid').errors,
    ).toEqual([{ field: 'to', messages: ['at most 366 days at a time'] }]);
    await regenerate('2026-09-01', '2027-09-01').expect(200);
    expectProblem(await regenerate('2026-09-01', 'tomorrow'), 400, 'request.invalid');
  });

  it('keeps a lesson with marks, though nothing else was recorded in it', async () => {
    await put({
      studyPeriodId: q1.id,
      effectiveFrom: '2026-09-14',
      cells: [{ ...mondayMaths, subjectId: maths.id, teacherId: ivanova.id }],
    }).expect(200);
    const marked = await lessonOn('2026-10-12', maths);
    expect(marked.topic).toBeNull();
    const student = await createPerson(t, school, 'student', { lastName: 'Оценённый' });
    const em = t.em();
    const markType = await em.findOneOrFail(MarkType, { schoolId: school.id, name: 'Тест' });
    em.create(Mark, {
      schoolId: school.id,
      lessonId: marked.id,
      studentId: student.id,
      markTypeId: markType.id,
      value: '5',
      score: '5',
      givenBy: deputy.account.id,
    });
    await em.flush();

    const response = await put({
      studyPeriodId: q1.id,
      effectiveFrom: '2026-09-14',
      cells: [{ ...mondayMaths, subjectId: maths.id, teacherId: petrov.id }],
    }).expect(200);
    // Still Ivanova's lesson: its mark was given in her lesson.
    expect((await lessonOn('2026-10-12', maths)).teacher.id).toBe(ivanova.id);
    expect((await lessonOn('2026-10-19', maths)).teacher.id).toBe(petrov.id);

    const emptied = await put({ studyPeriodId: q1.id, effectiveFrom: '2026-09-14', cells: [] });
    expect(emptied.status).toBe(200);
    expect(emptied.body.generation.kept).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ lessonId: marked.id, date: '2026-10-12' }),
      ]),
    );
    expect(response.body.generation.removed).toBe(0);
    // What stays of the timetable's lessons from then on: the marked one and those with a topic.
    const left = await t.em().find(Lesson, {
      schoolClass: sevenV.id,
      origin: 'timetable',
      date: { $gte: '2026-09-14' },
    });
    expect(left.map((l) => l.id)).toContain(marked.id);
    expect(left.filter((l) => l.id !== marked.id && l.topic === null)).toEqual([]);
  });
});

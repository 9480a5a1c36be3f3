import { AttendanceEntry } from '../src/modules/attendance/entities/attendance-entry.entity';
import { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import {
  Subgroup,
  SubgroupMember,
  SubgroupSplit,
} from '../src/modules/classes/entities/subgroup.entity';
import { Mark } from '../src/modules/grades/entities/mark.entity';
import { Lesson } from '../src/modules/lessons/entities/lesson.entity';
import { Person } from '../src/modules/people/entities/person.entity';
import { fullName } from '../src/modules/people/person-name';
import { GradingScale } from '../src/modules/reference-data/entities/grading-scale.entity';
import { Subject } from '../src/modules/reference-data/entities/subject.entity';
import type { TestUser } from './support/factories';
import { createJournalWorld, type JournalWorld } from './support/journal-fixtures';
import { createPerson, enroll } from './support/classes-fixtures';
import { createLesson, createStaffMember } from './support/lessons-fixtures';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';
import { moscowInstant } from './support/test-clock';

interface Ref {
  id: string;
  name: string;
}
interface LessonRow {
  lessonId: string;
  date: string;
  lessonNumber: number;
  subject: Ref;
  teacher: Ref;
}
interface ClassControl {
  period: { id: string; name: string; startsOn: string; endsOn: string };
  studentsWithoutMarks: {
    student: Ref;
    subject: Ref;
    lessonsWithoutMark: number;
    lastMarkOn: string | null;
  }[];
  lessonsWithoutTopic: LessonRow[];
  lessonsWithoutAttendance: LessonRow[];
  lateMarks: {
    markId: string;
    lessonId: string;
    date: string;
    student: Ref;
    subject: Ref;
    markType: { id: string; shortName: string };
    value: string;
    teacher: Ref;
    dueOn: string | null;
    givenAt: string;
  }[];
  forecast: {
    student: Ref;
    subject: Ref;
    marksCount: number;
    weightedAverage: number | null;
    forecast: string | null;
  }[];
}
interface SchoolControl {
  items: {
    schoolClass: Ref;
    period: { id: string; name: string };
    lessonsWithoutTopic: number;
    lessonsWithoutAttendance: number;
    lateMarks: number;
    studentsWithoutMarks: number;
  }[];
}

/**
 * The first quarter of 7А (the clock is pinned to 2026-11-22, in the second): four mathematics lessons
 * (09-07, 09-08, 09-14, 09-15) and one Russian lesson (09-07), plus what each test adds.
 */
describe('journal-keeping control (J6) and forecast (J11)', () => {
  let t: TestApp;
  let w: JournalWorld;
  let firstQuarter: string;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'error' });
    w = await createJournalWorld(t);
    // Read before the lessons of 2026-11-23…11-30 this file adds to the second quarter.
    t.clock.set(moscowInstant('2026-11-22'));
    firstQuarter = w.periods[0].id;
    const [a, b] = w.students;
    const em = t.em();
    // Russian is marked pass/fail in this school.
    const passFail = await em.findOneOrFail(GradingScale, {
      schoolId: w.school.id,
      name: 'Зачёт / незачёт',
    });
    (await em.findOneOrFail(Subject, w.russian.id)).gradingScaleId = passFail.id;
    // Topics of the first two mathematics lessons; attendance of both taken (the first all
    // present, the second with one absence); the last has a substitute.
    const lessons = await em.find(Lesson, { id: { $in: w.mathLessons.map((l) => l.id) } });
    const byDate = (date: string) => lessons.find((l) => l.date === date)!;
    byDate('2026-09-07').topic = 'Натуральные числа';
    byDate('2026-09-07').attendanceTakenAt = new Date('2026-09-07T09:00:00Z');
    byDate('2026-09-08').topic = 'Дроби';
    byDate('2026-09-08').attendanceTakenAt = new Date('2026-09-08T09:00:00Z');
    byDate('2026-09-15').substitute = em.getReference(Person, w.classTeacher.person.id);
    em.create(AttendanceEntry, {
      schoolId: w.school.id,
      lessonId: w.mathLessons[1].id,
      studentId: w.students[2].id,
      reasonId: w.reasons['Б'].id,
      recordedBy: w.teacher.user.account.id,
    });
    const mark = (
      lesson: Lesson,
      student: Person,
      type: string,
      value: string,
      extra: Partial<Mark> = {},
    ) =>
      em.create(Mark, {
        schoolId: w.school.id,
        lessonId: lesson.id,
        studentId: student.id,
        markTypeId: w.markTypes[type].id,
        value,
        score: /^\d$/.test(value) ? value : null,
        givenBy: w.teacher.user.account.id,
        ...extra,
      });
    // Алексеев: marked in the last lesson; a control work marked late; a pass in Russian.
    mark(w.mathLessons[3], a, 'Ответ на уроке', '5');
    mark(w.mathLessons[1], a, 'Контрольная работа', '4', { dueOn: '2026-09-11', late: true });
    mark(w.russianLesson, a, 'Ответ на уроке', 'зач');
    // Борисова: two marks in the first lesson, none since (three lessons).
    mark(w.mathLessons[0], b, 'Ответ на уроке', '3');
    mark(w.mathLessons[0], b, 'Домашняя работа', '4');
    // Васильев: no mark at all.
    await em.flush();
    // Neither a cancelled lesson nor one of another period counts.
    await createLesson(t, {
      schoolClass: w.schoolClass,
      subject: w.math,
      teacher: w.teacher.person,
      date: '2026-09-21',
      status: 'cancelled',
    });
    await createLesson(t, {
      schoolClass: w.schoolClass,
      subject: w.math,
      teacher: w.teacher.person,
      date: '2026-11-16',
    });
    await createLesson(t, {
      schoolClass: w.schoolClass,
      subject: w.math,
      teacher: w.teacher.person,
      date: '2026-11-30',
    });
  });

  afterAll(async () => {
    await t.close();
  });

  const classControl = (user: TestUser, query: Record<string, string | number> = {}) =>
    t.http().get(`/v1/classes/${w.schoolClass.id}/journal/control`).set(user.auth).query(query);
  const readClass = async (user: TestUser, query: Record<string, string | number> = {}) => {
    const response = await classControl(user, query);
    expect([response.status, response.status === 200 ? null : response.body]).toEqual([200, null]);
    return response.body as ClassControl;
  };
  const readClassOf = async (
    world: JournalWorld,
    user: TestUser,
    query: Record<string, string | number>,
  ) => {
    const response = await t
      .http()
      .get(`/v1/classes/${world.schoolClass.id}/journal/control`)
      .set(user.auth)
      .query(query);
    expect([response.status, response.status === 200 ? null : response.body]).toEqual([200, null]);
    return response.body as ClassControl;
  };
  const schoolControl = (user: TestUser, query: Record<string, string | number> = {}) =>
    t.http().get(`/v1/schools/${w.school.id}/journal/control`).set(user.auth).query(query);
  const ref = (person: Person) => ({ id: person.id, name: fullName(person) });
  const subjectRef = (subject: Subject) => ({ id: subject.id, name: subject.name });

  it('flags students without marks in their latest lessons («накопляемость»)', async () => {
    const [, b, c] = w.students;
    const report = await readClass(w.classTeacher.user, { studyPeriodId: firstQuarter });
    expect(report.period).toEqual({
      id: firstQuarter,
      name: w.periods[0].name,
      startsOn: '2026-09-01',
      endsOn: w.periods[0].endsOn,
    });
    expect(report.studentsWithoutMarks).toEqual([
      {
        student: ref(b),
        subject: subjectRef(w.math),
        lessonsWithoutMark: 3,
        lastMarkOn: '2026-09-07',
      },
      { student: ref(c), subject: subjectRef(w.math), lessonsWithoutMark: 4, lastMarkOn: null },
    ]);
    // With a higher threshold only the student never marked is left.
    const stricter = await readClass(w.classTeacher.user, {
      studyPeriodId: firstQuarter,
      withoutMarksFor: 4,
    });
    expect(stricter.studentsWithoutMarks.map((row) => row.student.name)).toEqual([fullName(c)]);
    // One Russian lesson is not enough to be flagged, at the default of 3.
    const russian = await readClass(w.classTeacher.user, {
      studyPeriodId: firstQuarter,
      subjectId: w.russian.id,
    });
    expect(russian.studentsWithoutMarks).toEqual([]);
    const single = await readClass(w.classTeacher.user, {
      studyPeriodId: firstQuarter,
      subjectId: w.russian.id,
      withoutMarksFor: 1,
    });
    expect(single.studentsWithoutMarks.map((row) => [row.student.name, row.subject.name])).toEqual([
      [fullName(b), 'Русский язык'],
      [fullName(c), 'Русский язык'],
    ]);
  });

  it('lists past lessons without a topic and without attendance, not cancelled ones', async () => {
    const report = await readClass(w.deputy, { studyPeriodId: firstQuarter });
    const shown = (rows: LessonRow[]) =>
      rows.map((row) => [row.date, row.lessonNumber, row.subject.name, row.teacher.name]);
    const math = fullName(w.teacher.person);
    expect(shown(report.lessonsWithoutTopic)).toEqual([
      ['2026-09-07', 2, 'Русский язык', fullName(w.otherTeacher.person)],
      ['2026-09-14', 1, 'Математика', math],
      // The substitute records the lesson.
      ['2026-09-15', 1, 'Математика', fullName(w.classTeacher.person)],
    ]);
    expect(shown(report.lessonsWithoutAttendance)).toEqual([
      ['2026-09-07', 2, 'Русский язык', fullName(w.otherTeacher.person)],
      ['2026-09-14', 1, 'Математика', math],
      ['2026-09-15', 1, 'Математика', fullName(w.classTeacher.person)],
    ]);
    expect(report.lessonsWithoutTopic[1]).toEqual({
      lessonId: w.mathLessons[2].id,
      date: '2026-09-14',
      lessonNumber: 1,
      subject: subjectRef(w.math),
      teacher: ref(w.teacher.person),
    });
  });

  it('lists late marks', async () => {
    const report = await readClass(w.teacher.user, { studyPeriodId: firstQuarter });
    expect(report.lateMarks).toEqual([
      {
        markId: expect.any(String),
        lessonId: w.mathLessons[1].id,
        date: '2026-09-08',
        student: ref(w.students[0]),
        subject: subjectRef(w.math),
        markType: {
          id: w.markTypes['Контрольная работа'].id,
          shortName: w.markTypes['Контрольная работа'].shortName,
        },
        value: '4',
        teacher: ref(w.teacher.person),
        dueOn: '2026-09-11',
        givenAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
  });

  it('forecasts the period mark from the weighted average on the subject’s scale', async () => {
    const [a, b, c] = w.students;
    const report = await readClass(w.classTeacher.user, { studyPeriodId: firstQuarter });
    expect(
      report.forecast.map((row) => [
        row.student.name,
        row.subject.name,
        row.marksCount,
        row.weightedAverage,
        row.forecast,
      ]),
    ).toEqual([
      // (5 × 1 + 4 × 2) / 3 = 4.33 → 4
      [fullName(a), 'Математика', 2, 4.33, '4'],
      // A pass on the pass/fail scale counts as a mark, not in the average.
      [fullName(a), 'Русский язык', 1, null, null],
      // (3 + 4) / 2 = 3.5 → 4: half up.
      [fullName(b), 'Математика', 2, 3.5, '4'],
      [fullName(b), 'Русский язык', 0, null, null],
      [fullName(c), 'Математика', 0, null, null],
      [fullName(c), 'Русский язык', 0, null, null],
    ]);
    expect(report.forecast[0].student).toEqual(ref(a));
  });

  it('checks the current period by default: past lessons only', async () => {
    const report = await readClass(w.classTeacher.user);
    expect(report.period).toMatchObject({ id: w.periods[1].id, name: w.periods[1].name });
    expect(report.lessonsWithoutTopic.map((row) => row.date)).toEqual(['2026-11-16']);
    expect(report.lessonsWithoutAttendance.map((row) => row.date)).toEqual(['2026-11-16']);
    expect(report.lateMarks).toEqual([]);
    // One lesson so far: nobody is flagged yet.
    expect(report.studentsWithoutMarks).toEqual([]);
    expect(report.forecast.map((row) => [row.subject.name, row.marksCount])).toEqual([
      ['Математика', 0],
      ['Математика', 0],
      ['Математика', 0],
    ]);
  });

  it('counts only the lessons a student attends: of their subgroup, while enrolled', async () => {
    const x = await createJournalWorld(t);
    const [a, b, c] = x.students;
    const em = t.em();
    const english = await em.findOneOrFail(Subject, {
      schoolId: x.school.id,
      name: 'Английский язык',
    });
    const split = em.create(SubgroupSplit, {
      schoolId: x.school.id,
      schoolClass: em.getReference(SchoolClass, x.schoolClass.id),
      subject: english,
    });
    const groups = [1, 2].map((position) =>
      em.create(Subgroup, { split, name: `Английский язык, ${position} группа`, position }),
    );
    for (const [student, group] of [
      [a, groups[0]],
      [b, groups[0]],
      [c, groups[1]],
    ] as const) {
      em.create(SubgroupMember, {
        split,
        subgroup: group,
        student: em.getReference(Person, student.id),
      });
    }
    await em.flush();
    for (const date of ['2026-09-09', '2026-09-10', '2026-09-16']) {
      await createLesson(t, {
        schoolClass: x.schoolClass,
        subject: english,
        teacher: x.otherTeacher.person,
        subgroup: groups[0],
        date,
        lessonNumber: 3,
      });
    }
    // Joined the class on 2026-09-14: two of the four mathematics lessons are theirs.
    const newcomer = await createPerson(t, x.school, 'student', { lastName: 'Яковлев' });
    await enroll(t, newcomer, x.schoolClass, '2026-09-14');

    const report = await readClassOf(x, x.deputy, { studyPeriodId: x.periods[0].id });
    expect(
      report.studentsWithoutMarks.map((row) => [
        row.student.name,
        row.subject.name,
        row.lessonsWithoutMark,
      ]),
    ).toEqual([
      [fullName(a), 'Английский язык', 3],
      [fullName(a), 'Математика', 4],
      [fullName(b), 'Английский язык', 3],
      [fullName(b), 'Математика', 4],
      [fullName(c), 'Математика', 4],
    ]);
    const lenient = await readClassOf(x, x.deputy, {
      studyPeriodId: x.periods[0].id,
      withoutMarksFor: 2,
    });
    expect(
      lenient.studentsWithoutMarks
        .filter((row) => row.student.id === newcomer.id)
        .map((row) => [row.subject.name, row.lessonsWithoutMark]),
    ).toEqual([['Математика', 2]]);
    // English is forecast only for the students of the subgroup.
    expect(
      report.forecast
        .filter((row) => row.subject.name === 'Английский язык')
        .map((row) => row.student.id),
    ).toEqual([a.id, b.id]);
  });

  it('is for the class’s staff and the leadership: others get 404', async () => {
    await readClass(w.classTeacher.user);
    await readClass(w.otherTeacher.user);
    await readClass(w.admin);
    expectProblem(await classControl(w.studentUser), 404, 'resource.not_found');
    expectProblem(await classControl(w.parentUser), 404, 'resource.not_found');
    const stranger = await createStaffMember(t, w.school, 'Посторонняя');
    expectProblem(await classControl(stranger.user), 404, 'resource.not_found');
  });

  it('refuses bad queries with every field listed', async () => {
    const response = await classControl(w.deputy, {
      withoutMarksFor: 0,
      studyPeriodId: 'nope',
    });
    const body = expectProblem(response, 400, 'request.invalid');
    expect((body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'studyPeriodId',
      'withoutMarksFor',
    ]);
    const otherGrades = w.year.schemes.find((s) => !s.grades.includes(7))!.periods[0];
    const wrong = await classControl(w.deputy, {
      studyPeriodId: otherGrades.id,
      subjectId: w.school.id,
    });
    const wrongBody = expectProblem(wrong, 400, 'request.invalid');
    expect((wrongBody.errors as { field: string }[]).map((e) => e.field)).toEqual([
      'studyPeriodId',
      'subjectId',
    ]);
  });

  it('sums up every class for the deputy, the class teacher’s class for them', async () => {
    const response = await schoolControl(w.deputy, { studyPeriodId: firstQuarter });
    expect(response.status).toBe(200);
    const items = (response.body as SchoolControl).items;
    expect(
      items.map((item) => [
        item.schoolClass.name,
        item.period.name,
        item.lessonsWithoutTopic,
        item.lessonsWithoutAttendance,
        item.lateMarks,
        item.studentsWithoutMarks,
      ]),
    ).toEqual([
      ['7А', w.periods[0].name, 3, 3, 1, 2],
      ['7Б', w.periods[0].name, 0, 0, 0, 0],
    ]);
    expect(items[0].schoolClass).toEqual({ id: w.schoolClass.id, name: '7А' });

    const current = await schoolControl(w.classTeacher.user);
    expect(current.status).toBe(200);
    expect(
      (current.body as SchoolControl).items.map((item) => [
        item.schoolClass.name,
        item.period.id,
        item.lessonsWithoutTopic,
        item.studentsWithoutMarks,
      ]),
    ).toEqual([['7А', w.periods[1].id, 1, 0]]);

    const stricter = await schoolControl(w.deputy, {
      studyPeriodId: firstQuarter,
      withoutMarksFor: 4,
    });
    expect((stricter.body as SchoolControl).items[0].studentsWithoutMarks).toBe(1);
  });

  it('hides the school summary from students and staff without classes', async () => {
    expectProblem(await schoolControl(w.studentUser), 404, 'resource.not_found');
    const stranger = await createStaffMember(t, w.school, 'Чужая');
    expectProblem(await schoolControl(stranger.user), 404, 'resource.not_found');
    const other = await createJournalWorld(t);
    expectProblem(
      await t.http().get(`/v1/schools/${other.school.id}/journal/control`).set(w.deputy.auth),
      404,
      'resource.not_found',
    );
    expectProblem(
      await schoolControl(w.deputy, { studyPeriodId: other.periods[0].id }),
      400,
      'request.invalid',
    );
  });
});

import { addDays, mondayOf } from '../src/core/calendar/date-only';
import { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import type { Lesson } from '../src/modules/lessons/entities/lesson.entity';
import type { Person } from '../src/modules/people/entities/person.entity';
import { MarkType } from '../src/modules/reference-data/entities/mark-type.entity';
import { Subject } from '../src/modules/reference-data/entities/subject.entity';
import { createAcademicYear, periodsOfGrade, type PeriodView } from './support/calendar-fixtures';
import { createPerson, enroll, today } from './support/classes-fixtures';
import { asRole, createRegion, createSchool, createUser, type TestUser } from './support/factories';
import {
  addDefaultReferenceData,
  assignTeacher,
  createLesson,
  createStaffMember,
} from './support/lessons-fixtures';
import { expectProblem } from './support/problem-matchers';
import { TokenService } from '../src/core/auth/token.service';
import { startTestApp, type TestApp } from './support/test-app';
import { moscowInstant } from './support/test-clock';

/**
 * Every rule that depends on "today", "this week" or "the current period", checked around the
 * pinned test date, whatever it is: `make test-dates` runs this file under many dates (a
 * Sunday, 1 January, 29 February…). The school year, its periods and the lessons are built
 * relative to that date.
 */
describe('the rules of today, around the pinned date', () => {
  let t: TestApp;
  let T: string;
  let admin: TestUser;
  let deputy: TestUser;
  let teacher: { user: TestUser; person: Person };
  let student: Person;
  let studentUser: TestUser;
  let schoolClass: SchoolClass;
  let math: Subject;
  let markTypeId: string;
  let periods: PeriodView[];
  const lessons: Record<string, Lesson> = {};

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'error' });
    T = today();
    const region = await createRegion(t);
    const school = await createSchool(t, region);
    await addDefaultReferenceData(t, school);
    admin = await asRole(t, 'admin', school);
    deputy = await asRole(t, 'deputy', school);
    // A year of three periods: one over, one running (today ± 14 days), one to come.
    const year = await createAcademicYear(t, admin, school, {
      name: `Год вокруг ${T}`,
      startsOn: addDays(T, -60),
      endsOn: addDays(T, 60),
      schemes: [
        {
          name: 'Периоды',
          grades: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
          periods: [
            { name: 'Прошедший', startsOn: addDays(T, -60), endsOn: addDays(T, -15) },
            { name: 'Текущий', startsOn: addDays(T, -14), endsOn: addDays(T, 14) },
            { name: 'Будущий', startsOn: addDays(T, 15), endsOn: addDays(T, 60) },
          ],
        },
      ],
      holidays: [],
    });
    periods = periodsOfGrade(year, 7);
    const em = t.em();
    schoolClass = em.create(SchoolClass, {
      schoolId: school.id,
      academicYearId: year.id,
      grade: 7,
      letter: 'А',
    });
    await em.flush();
    math = await em.findOneOrFail(Subject, { schoolId: school.id, name: 'Математика' });
    markTypeId = (await em.findOneOrFail(MarkType, { schoolId: school.id, name: 'Ответ на уроке' }))
      .id;
    teacher = await createStaffMember(t, school, 'Сегодняшняя');
    await assignTeacher(t, schoolClass, math, teacher.person, { hoursPerWeek: 5 });
    studentUser = await createUser(t, { roles: [{ role: 'student', school }] });
    student = await createPerson(t, school, 'student', {
      lastName: 'Датов',
      accountId: studentUser.account.id,
    });
    await enroll(t, student, schoolClass);
    const monday = mondayOf(T);
    const dates = {
      lastWeek: addDays(monday, -1),
      monday,
      yesterday: addDays(T, -1),
      today: T,
      tomorrow: addDays(T, 1),
      sunday: addDays(monday, 6),
      nextWeek: addDays(monday, 7),
    };
    for (const [name, date] of Object.entries(dates)) {
      // Several names can share a date (Monday is also yesterday on a Tuesday): one per name.
      const lessonNumber = Object.keys(dates).indexOf(name) + 1;
      lessons[name] = await createLesson(t, {
        schoolClass,
        subject: math,
        teacher: teacher.person,
        date,
        lessonNumber,
      });
    }
  });

  afterAll(async () => {
    await t.close();
  });

  /** The deputy's token, issued now on the app's clock (one issued before a move expires). */
  const deputyNow = () => ({
    Authorization: `Bearer ${t.app.get(TokenService).signAccessToken({ accountId: deputy.account.id, isPlatformOperator: false, grants: deputy.grants })}`,
  });
  const journal = (auth = deputyNow()) =>
    t.http().get(`/v1/classes/${schoolClass.id}/journal`).query({ subjectId: math.id }).set(auth);

  it('lists the class’s lessons of this week, Monday to Sunday, by default', async () => {
    const response = await t
      .http()
      .get(`/v1/classes/${schoolClass.id}/lessons`)
      .set(deputy.auth)
      .expect(200);
    const week = (response.body.items as { id: string; date: string }[]).map((l) => l.date);
    const monday = mondayOf(T);
    expect(week.length).toBeGreaterThanOrEqual(3);
    expect(week.every((date) => date >= monday && date <= addDays(monday, 6))).toBe(true);
    expect(week).toEqual(expect.arrayContaining([monday, T, addDays(monday, 6)]));
    expect(week).not.toContain(addDays(monday, -1));
    expect(week).not.toContain(addDays(monday, 7));
  });

  it('lists the teacher’s lessons of today by default', async () => {
    const response = await t.http().get('/v1/me/lessons').set(teacher.user.auth).expect(200);
    const items = response.body.items as { id: string; date: string }[];
    expect(items.map((item) => item.date)).toEqual(items.map(() => T));
    expect(items.map((item) => item.id)).toContain(lessons.today.id);
  });

  it('gives marks for today’s lessons and refuses them for tomorrow’s', async () => {
    const mark = (lesson: Lesson) =>
      t
        .http()
        .post(`/v1/lessons/${lesson.id}/marks`)
        .set(teacher.user.auth)
        .send({ studentId: student.id, markTypeId, value: '5' });
    const given = await mark(lessons.today);
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({ studentId: student.id, value: '5' });
    const refused = expectProblem(await mark(lessons.tomorrow), 409, 'resource.conflict');
    expect(refused.detail).toBe(
      `The lesson is on ${addDays(T, 1)}, after today (${T}): marks are given for lessons that took place.`,
    );
  });

  it('takes attendance for today’s lesson and refuses it for tomorrow’s', async () => {
    const take = (lesson: Lesson) =>
      t
        .http()
        .put(`/v1/lessons/${lesson.id}/attendance`)
        .set(teacher.user.auth)
        .send({ absences: [] });
    const taken = await take(lessons.today);
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ lessonId: lessons.today.id, items: [] });
    expect(Date.parse(taken.body.takenAt as string)).toBeLessThanOrEqual(t.clock.now().getTime());
    expectProblem(await take(lessons.tomorrow), 409, 'resource.conflict');
  });

  it('shows this week’s diary by default', async () => {
    const response = await t.http().get('/v1/me/diary').set(studentUser.auth).expect(200);
    expect(response.body).toMatchObject({ weekOf: mondayOf(T) });
    const dates = (response.body.days as { date: string }[]).map((day) => day.date);
    expect(dates).toContain(T);
    expect(dates.every((date) => date >= mondayOf(T) && date <= addDays(mondayOf(T), 6))).toBe(
      true,
    );
  });

  it('opens the journal on the period running today, on its first and its last day too', async () => {
    const current = periods.find((period) => period.name === 'Текущий')!;
    const periodOf = async () => {
      const response = await journal().expect(200);
      return (response.body as { period: { name: string } }).period.name;
    };
    expect(await periodOf()).toBe('Текущий');
    const issuedToday = deputyNow();
    try {
      t.clock.set(moscowInstant(current.startsOn, '00:00:01'));
      expect(await periodOf()).toBe('Текущий');
      t.clock.set(moscowInstant(current.endsOn, '23:59:00'));
      // Tokens are checked on the clock they were issued on: today's has expired by now.
      expectProblem(await journal(issuedToday), 401, 'auth.unauthenticated');
      expect(await periodOf()).toBe('Текущий');
      t.clock.set(moscowInstant(addDays(current.endsOn, 1), '00:00:01'));
      expect(await periodOf()).toBe('Будущий');
    } finally {
      t.clock.set(moscowInstant(T));
    }
  });

  it('checks the current period’s past lessons only in journal control', async () => {
    const response = await t
      .http()
      .get(`/v1/classes/${schoolClass.id}/journal/control`)
      .set(deputy.auth)
      .expect(200);
    expect(response.body.period).toMatchObject({ name: 'Текущий' });
    const withoutTopic = (response.body.lessonsWithoutTopic as { date: string }[]).map(
      (row) => row.date,
    );
    expect(withoutTopic).toContain(addDays(T, -1));
    expect(withoutTopic.every((date) => date <= T)).toBe(true);
    expect(withoutTopic).not.toContain(addDays(T, 1));
  });
});

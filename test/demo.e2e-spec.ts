import { addDays, eachDate, isoWeekday, mondayOf } from '../src/core/calendar/date-only';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/local/demo-accounts';
import { defaultCalendar } from '../src/modules/academic-years/default-calendar';
import { demoYearAround } from '../src/seed/demo-seed';
import { seedDemo } from '../src/seed/demo-seed';
import { startTestApp, type TestApp } from './support/test-app';

/** Row counts of the tables the seed writes: a second seed must leave every one alone. */
const COUNTED = ['accounts', 'people', 'classes', 'lessons', 'marks', 'attendance', 'period_marks'];

/**
 * The demo region of `make run`, seeded on the pinned test date, checked login by login
 * against what the README promises each of them will find. It runs on every date of
 * `make test-dates` too: what depends on the day (this week's lessons in the holidays, a
 * period over, the summer) is worked out from the demo's calendar, written independently of
 * the seed's SQL here.
 */
describe('the demo school of make run', () => {
  let t: TestApp;
  const today = () => t.clock.today('Europe/Moscow');
  /** The demo year around today and its calendar (grades 1–9, in quarters). */
  const calendar = () => {
    const year = demoYearAround(today());
    const { schemes, holidays } = defaultCalendar(year);
    const quarters = schemes.find((scheme) => scheme.name === 'Четверти')!.periods;
    const isSchoolDay = (date: string) =>
      isoWeekday(date) <= 5 &&
      date >= year.startsOn &&
      date <= year.endsOn &&
      !year.daysOff.includes(date) &&
      !holidays.some((h) => !h.grades && date >= h.startsOn && date <= h.endsOn);
    const week = [...eachDate(mondayOf(today()), addDays(mondayOf(today()), 6))];
    return {
      year,
      quarters,
      running: today() >= year.startsOn && today() <= year.endsOn,
      /** The quarter running today, else the last one begun (the period a grid shows). */
      quarter: quarters.filter((q) => q.startsOn <= today()).at(-1) ?? quarters[0],
      schoolDaysThisWeek: week.filter(isSchoolDay),
      schoolDaysPassedThisWeek: week.filter((date) => date < today() && isSchoolDay(date)),
    };
  };

  beforeAll(async () => {
    t = await startTestApp();
    expect(await seedDemo(t.em(), t.config.databaseUrl, t.clock)).toBe(true);
  }, 120_000);
  afterAll(() => t.close());

  const auth = new Map<string, { authorization: string }>();
  async function as(login: string): Promise<{ authorization: string }> {
    if (!auth.has(login)) {
      const res = await t.http().post('/v1/auth/login').send({ login, password: DEMO_PASSWORD });
      expect({ login, status: res.status }).toEqual({ login, status: 200 });
      auth.set(login, { authorization: `Bearer ${res.body.accessToken}` });
    }
    return auth.get(login)!;
  }
  const get = async (login: string, path: string) => {
    const res = await t
      .http()
      .get(path)
      .set(await as(login));
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    return res.body;
  };
  const schoolId = async (key: string) =>
    ((await get(`${key}.director`, '/v1/me')).schools as { schoolId: string }[])[0].schoolId;
  const classNamed = async (key: string, name: string) => {
    const classes = await get(`${key}.director`, `/v1/schools/${await schoolId(key)}/classes`);
    return (classes.items as { id: string; name: string }[]).find((c) => c.name === name)!;
  };

  it('lets every demo login in, each with its role in its school', async () => {
    for (const demo of DEMO_ACCOUNTS) {
      const me = await get(demo.login, '/v1/me');
      if (demo.role === 'platform operator') expect(me.isPlatformOperator).toBe(true);
      else if (demo.role === 'authority') expect(me.regions[0].roles).toEqual(['authority']);
      else
        expect({ login: demo.login, roles: me.schools[0].roles }).toEqual({
          login: demo.login,
          roles: [demo.role],
        });
    }
  });

  it('gives each school twelve classes of grades 1–11 of 20–29 students, each with a class teacher', async () => {
    for (const key of ['school1', 'school2']) {
      const classes = await get(`${key}.director`, `/v1/schools/${await schoolId(key)}/classes`);
      const items = classes.items as {
        name: string;
        studentCount: number;
        classTeacher: { fullName: string } | null;
      }[];
      expect(items.map((c) => c.name).sort()).toEqual(
        ['1А', '2А', '3А', '4А', '5А', '5Б', '6А', '7А', '8А', '9А', '10А', '11А'].sort(),
      );
      for (const schoolClass of items) {
        expect(schoolClass.classTeacher?.fullName).toEqual(expect.any(String));
        expect(schoolClass.studentCount).toBeGreaterThanOrEqual(20);
        expect(schoolClass.studentCount).toBeLessThanOrEqual(29);
      }
    }
  });

  it('shows the student this week’s lessons in 7А, with topics and marks', async () => {
    const { schoolDaysThisWeek, schoolDaysPassedThisWeek } = calendar();
    const diary = await get('school1.student', '/v1/me/diary');
    expect(diary.weekOf).toBe(mondayOf(today()));
    type Lesson = { classId: string; topic: string | null; marks: unknown[]; status: string };
    const lessons = (diary.days as { date: string; lessons: Lesson[] }[]).flatMap((day) =>
      day.lessons.map((lesson) => ({ ...lesson, date: day.date })),
    );
    // Five or six lessons on every school day of the week, none on the others.
    expect([...new Set(lessons.map((lesson) => lesson.date))].sort()).toEqual(schoolDaysThisWeek);
    expect(lessons.length).toBeGreaterThanOrEqual(5 * schoolDaysThisWeek.length);
    const class7a = await classNamed('school1', '7А');
    for (const lesson of lessons) expect(lesson.classId).toBe(class7a.id);
    const past = lessons.filter((l) => l.date < today() && l.status === 'scheduled');
    expect(past.every((lesson) => typeof lesson.topic === 'string')).toBe(true);
    if (schoolDaysPassedThisWeek.length >= 2) {
      expect(past.flatMap((lesson) => lesson.marks).length).toBeGreaterThan(0);
    }
  });

  it('shows the parent two children, the student in 7А and a younger one in 3А', async () => {
    const me = await get('school1.parent', '/v1/me');
    const children = me.schools[0].children as {
      personId: string;
      currentClass: { name: string };
    }[];
    expect(children.map((child) => child.currentClass.name).sort()).toEqual(['3А', '7А']);
    const own = await get('school1.student', '/v1/me');
    expect(own.schools[0].cards).toEqual([
      expect.objectContaining({
        kind: 'student',
        currentClass: expect.objectContaining({ name: '7А' }),
      }),
    ]);
    expect(children.map((child) => child.personId)).toContain(own.schools[0].cards[0].personId);
    // Without choosing, the diary asks which child; each child's diary has this week's lessons.
    const unchosen = await t
      .http()
      .get('/v1/me/diary')
      .set(await as('school1.parent'));
    expect(unchosen.status).toBe(400);
    for (const child of children) {
      const diary = await get('school1.parent', `/v1/me/diary?studentId=${child.personId}`);
      expect(diary.student.id).toBe(child.personId);
      const days = (diary.days as { date: string; lessons: unknown[] }[]).filter(
        (day) => day.lessons.length,
      );
      expect(days.map((day) => day.date)).toEqual(calendar().schoolDaysThisWeek);
    }
  });

  /** The id of the grade-1–9 quarter the calendar says a grid shows today. */
  const quarterId = async () => {
    const periods = await get(
      'school1.deputy',
      `/v1/schools/${await schoolId('school1')}/study-periods`,
    );
    const { quarter } = calendar();
    return (periods.items as { id: string; name: string }[]).find((p) => p.name === quarter.name)!
      .id;
  };

  it('gives the teacher lessons this week, 7А’s algebra among them, and its full grid', async () => {
    const { schoolDaysThisWeek, running, quarter } = calendar();
    const monday = mondayOf(today());
    const week = await get(
      'school1.teacher',
      `/v1/me/lessons?from=${monday}&to=${addDays(monday, 6)}`,
    );
    if (schoolDaysThisWeek.length >= 3) expect(week.items.length).toBeGreaterThanOrEqual(10);
    if (!schoolDaysThisWeek.length) expect(week.items).toEqual([]);
    const me = await get('school1.teacher', '/v1/me');
    const teaching = me.schools[0].teaching as {
      schoolClass: { name: string };
      subjectName: string;
    }[];
    if (running) {
      expect(teaching).toContainEqual(
        expect.objectContaining({
          schoolClass: expect.objectContaining({ name: '7А' }),
          subjectName: 'Алгебра',
        }),
      );
      expect(new Set(teaching.map((line) => line.schoolClass.name)).size).toBeGreaterThan(1);
    }
    const class7a = await classNamed('school1', '7А');
    const subjects = await get(
      'school1.teacher',
      `/v1/schools/${await schoolId('school1')}/subjects`,
    );
    const algebra = (subjects.items as { id: string; name: string }[]).find(
      (s) => s.name === 'Алгебра',
    )!;
    const grid = await get(
      'school1.teacher',
      `/v1/classes/${class7a.id}/journal?subjectId=${algebra.id}&studyPeriodId=${await quarterId()}`,
    );
    expect(grid.students.length).toBeGreaterThanOrEqual(20);
    expect(grid.lessons.length).toBeGreaterThan(0);
    if (today() > addDays(quarter.startsOn, 7)) {
      expect(grid.lessons.length).toBeGreaterThan(5);
      expect(JSON.stringify(grid.students)).toMatch(/"value":"[2-5]"/);
    }
  });

  it('makes the class teacher the leader of 7А, with its journal control', async () => {
    const me = await get('school1.classteacher', '/v1/me');
    const class7a = (await classNamed('school1', '7А')) as unknown as {
      id: string;
      classTeacher: { fullName: string };
    };
    expect(me.schools[0].classesLed).toEqual(
      calendar().running ? [{ classId: class7a.id, name: '7А', grade: 7 }] : [],
    );
    expect(me.schools[0].cards).toEqual([
      expect.objectContaining({ kind: 'staff', fullName: class7a.classTeacher.fullName }),
    ]);
    const control = await get(
      'school1.classteacher',
      `/v1/classes/${class7a.id}/journal/control?studyPeriodId=${await quarterId()}`,
    );
    const student = (await get('school1.student', '/v1/me')).schools[0].cards[0];
    expect(control.period).toMatchObject({ name: calendar().quarter.name });
    expect(JSON.stringify(control)).toContain(student.personId);
    // Most parents were seen within two weeks of the seed; some long ago, some never.
    const inactive = await get(
      'school1.classteacher',
      `/v1/classes/${class7a.id}/inactive-parents?days=14`,
    );
    const students = await get('school1.classteacher', `/v1/classes/${class7a.id}/students`);
    expect(inactive.items.length).toBeGreaterThan(0);
    expect(inactive.items.length).toBeLessThan(students.items.length / 2);
  });

  it('gives the medical staff health records, and the director and deputy the whole school', async () => {
    const school = await schoolId('school1');
    for (const login of ['school1.director', 'school1.deputy']) {
      const control = await get(
        login,
        `/v1/schools/${school}/journal/control?studyPeriodId=${await quarterId()}`,
      );
      for (const name of ['1А', '5Б', '9А']) expect(JSON.stringify(control)).toContain(`"${name}"`);
    }
    const health = await t
      .em()
      .getConnection()
      .execute<{ person_id: string }[]>(
        `select h.person_id from health_records h where h.school_id = ? order by h.person_id limit 1`,
        [school],
      );
    const record = await get('school1.medical', `/v1/people/${health[0].person_id}/health`);
    expect(record.healthGroup).toEqual(expect.any(Number));
  });

  it('records an admission, a transfer and a withdrawal, and closes the first quarter once over', async () => {
    const orders = await get(
      'school1.secretary',
      `/v1/schools/${await schoolId('school1')}/movement-orders`,
    );
    // From the fourth week of the year on: an admission, a transfer and a withdrawal.
    const { year, quarters } = calendar();
    expect((orders.items as { kind: string }[]).map((order) => order.kind).sort()).toEqual(
      today() >= addDays(year.startsOn, 21) ? ['admission', 'transfer', 'withdrawal'] : [],
    );
    const periods = await get(
      'school1.deputy',
      `/v1/schools/${await schoolId('school1')}/study-periods`,
    );
    const closed = (periods.items as { name: string; closedAt: string | null }[]).filter(
      (p) => p.closedAt,
    );
    expect(closed.map((period) => period.name)).toEqual(
      quarters[0].endsOn < today() ? ['1 четверть'] : [],
    );
  });

  it('answers every request of docs/front-end-walkthrough.md', async () => {
    // 1. Log in, and refresh the tokens once.
    const login = await t
      .http()
      .post('/v1/auth/login')
      .send({ login: 'school1.teacher', password: DEMO_PASSWORD })
      .expect(200);
    const refreshed = await t
      .http()
      .post('/v1/auth/refresh')
      .send({ refreshToken: login.body.refreshToken })
      .expect(200);
    const auth = { authorization: `Bearer ${refreshed.body.accessToken}` };
    const call = (path: string) => t.http().get(path).set(auth).expect(200);
    // 2. The menu.
    const me = (await call('/v1/me')).body;
    const { schoolId: school } = me.schools[0];
    // 4. Lessons of the last two weeks, and the grid of the first class and subject taught.
    const lessons = (await call(`/v1/me/lessons?from=${addDays(today(), -13)}&to=${today()}`)).body
      .items as {
      id: string;
      date: string;
      status: string;
      substitute: unknown;
      classId: string;
      subject: { id: string };
    }[];
    if (!calendar().running) return;
    const taught = me.schools[0].teaching[0];
    const grid = (
      await call(
        `/v1/classes/${taught.schoolClass.classId}/journal?subjectId=${taught.subjectId}&studyPeriodId=${await quarterId()}`,
      )
    ).body;
    expect(grid.students.length).toBeGreaterThan(0);
    // 5. A mark in the last lesson of today or earlier, for a student of its class.
    // (Not one of the first quarter once it is closed: its marks are locked.)
    const { quarters } = calendar();
    const locked = (date: string) => quarters[0].endsOn < today() && date <= quarters[0].endsOn;
    const lesson = lessons
      .filter(
        (l) => l.date <= today() && l.status === 'scheduled' && !l.substitute && !locked(l.date),
      )
      .at(-1);
    if (!lesson) return;
    const students = (await call(`/v1/classes/${lesson.classId}/students`)).body.items as {
      id: string;
    }[];
    const types = (await call(`/v1/schools/${school}/mark-types`)).body.items as {
      id: string;
      name: string;
    }[];
    const answer = types.find((type) => type.name === 'Ответ на уроке')!;
    let given: { status: number; body: Record<string, unknown> } | undefined;
    for (const student of students) {
      const res = await t
        .http()
        .post(`/v1/lessons/${lesson.id}/marks`)
        .set(auth)
        .set('Idempotency-Key', `walkthrough-${student.id}`)
        .send({ studentId: student.id, markTypeId: answer.id, value: '5' });
      if (res.status === 201) {
        given = res;
        break;
      }
    }
    expect(given?.body).toMatchObject({ lessonId: lesson.id, value: '5' });
    const wrong = await t
      .http()
      .post(`/v1/lessons/${lesson.id}/marks`)
      .set(auth)
      .send({ studentId: given!.body.studentId, markTypeId: answer.id, value: '7' });
    expect({ status: wrong.status, code: wrong.body.code }).toEqual({
      status: 400,
      code: 'request.invalid',
    });
  });

  it('changes nothing when seeded again', async () => {
    const counts = async () =>
      Promise.all(
        COUNTED.map(
          async (table) =>
            (
              await t
                .em()
                .getConnection()
                .execute<{ n: number }[]>(`select count(*)::int as n from ${table}`)
            )[0].n,
        ),
      );
    const before = await counts();
    expect(await seedDemo(t.em(), t.config.databaseUrl, t.clock)).toBe(false);
    expect(await counts()).toEqual(before);
  });
});

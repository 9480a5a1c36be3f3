import { addDays, mondayOf } from '../src/core/calendar/date-only';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/local/demo-accounts';
import { seedDemo } from '../src/seed/demo-seed';
import { startTestApp, type TestApp } from './support/test-app';

/** Row counts of the tables the seed writes: a second seed must leave every one alone. */
const COUNTED = ['accounts', 'people', 'classes', 'lessons', 'marks', 'attendance', 'period_marks'];

/**
 * The demo region of `make run`, seeded on the pinned test date, checked login by login
 * against what the README promises each of them will find.
 */
describe('the demo school of make run', () => {
  let t: TestApp;
  const today = () => t.clock.today('Europe/Moscow');

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

  it('gives each school twelve classes of grades 1–11 with 20–28 students and a class teacher', async () => {
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
        expect(schoolClass.studentCount).toBeLessThanOrEqual(28);
      }
    }
  });

  it('shows the student this week’s lessons in 7А, with topics and marks', async () => {
    const diary = await get('school1.student', '/v1/me/diary');
    expect(diary.weekOf).toBe(mondayOf(today()));
    const lessons = (diary.days as { date: string; lessons: Record<string, unknown>[] }[]).flatMap(
      (day) => day.lessons.map((lesson) => ({ ...lesson, date: day.date })),
    );
    const class7a = await classNamed('school1', '7А');
    expect(lessons.length).toBeGreaterThanOrEqual(25);
    expect(new Set(lessons.map((lesson) => lesson.classId))).toEqual(new Set([class7a.id]));
    const past = lessons.filter((lesson) => lesson.date < today());
    expect(past.length).toBeGreaterThan(0);
    expect(past.every((lesson) => typeof lesson.topic === 'string')).toBe(true);
    expect(past.flatMap((lesson) => lesson.marks as unknown[]).length).toBeGreaterThan(0);
  });

  it('shows the parent two children, the student in 7А and a younger one in 3А', async () => {
    const res = await t
      .http()
      .get('/v1/me/diary')
      .set(await as('school1.parent'));
    expect(res.status).toBe(400);
    const children = [...(res.body.detail as string).matchAll(/\(([0-9a-f-]{36})\)/g)].map(
      (m) => m[1],
    );
    expect(children).toHaveLength(2);
    const own = await get('school1.student', '/v1/me/diary');
    expect(children).toContain(own.student.id);
    const classes = new Map<string, string>();
    for (const name of ['7А', '3А']) classes.set((await classNamed('school1', name)).id, name);
    const classOfChild: string[] = [];
    for (const id of children) {
      const diary = await get('school1.parent', `/v1/me/diary?studentId=${id}`);
      expect(diary.student.id).toBe(id);
      const lessons = diary.days.flatMap((day: { lessons: { classId: string }[] }) => day.lessons);
      expect(lessons.length).toBeGreaterThan(0);
      classOfChild.push(classes.get(lessons[0].classId)!);
    }
    expect(classOfChild.sort()).toEqual(['3А', '7А']);
  });

  it('gives the teacher lessons this week and a full grid of 7А’s algebra', async () => {
    const monday = mondayOf(today());
    const week = await get(
      'school1.teacher',
      `/v1/me/lessons?from=${monday}&to=${addDays(monday, 6)}`,
    );
    expect(week.items.length).toBeGreaterThanOrEqual(10);
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
      `/v1/classes/${class7a.id}/journal?subjectId=${algebra.id}`,
    );
    expect(grid.students.length).toBeGreaterThanOrEqual(20);
    expect(grid.lessons.length).toBeGreaterThan(5);
    expect(JSON.stringify(grid.students)).toMatch(/"value":"[2-5]"/);
  });

  it('makes the class teacher the leader of 7А, with its journal control', async () => {
    const me = await get('school1.classteacher', '/v1/me');
    const class7a = (await classNamed('school1', '7А')) as unknown as {
      id: string;
      classTeacher: { fullName: string };
    };
    expect(me.displayName).toBe(class7a.classTeacher.fullName);
    const control = await get('school1.classteacher', `/v1/classes/${class7a.id}/journal/control`);
    const student = (await get('school1.student', '/v1/me/diary')).student;
    expect(control.period).toMatchObject({ name: expect.any(String) });
    expect(JSON.stringify(control)).toContain(student.id);
  });

  it('gives the medical staff health records, and the director and deputy the whole school', async () => {
    const school = await schoolId('school1');
    for (const login of ['school1.director', 'school1.deputy']) {
      const control = await get(login, `/v1/schools/${school}/journal/control`);
      expect(JSON.stringify(control)).toContain('11А');
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

  it('records an admission, a transfer and a withdrawal, and a closed first quarter', async () => {
    const orders = await get(
      'school1.secretary',
      `/v1/schools/${await schoolId('school1')}/movement-orders`,
    );
    expect((orders.items as { kind: string }[]).map((order) => order.kind).sort()).toEqual([
      'admission',
      'transfer',
      'withdrawal',
    ]);
    const periods = await get(
      'school1.deputy',
      `/v1/schools/${await schoolId('school1')}/study-periods`,
    );
    const closed = (periods.items as { name: string; closedAt: string | null }[]).filter(
      (p) => p.closedAt,
    );
    expect(closed.map((period) => period.name)).toEqual(['1 четверть']);
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

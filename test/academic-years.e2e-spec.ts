import type { School } from '../src/core/tenancy/entities/school.entity';
import { asRole, createRegion, createSchool, type TestUser } from './support/factories';
import {
  createAcademicYear,
  periodsOfGrade,
  studyPeriods,
  type YearView,
} from './support/calendar-fixtures';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

type FieldErrors = { field: string; messages: string[] }[];

describe('academic years and study periods (O2, J5)', () => {
  let t: TestApp;
  let school: School;
  let other: School;
  let admin: TestUser;
  let teacher: TestUser;
  let medical: TestUser;
  let otherAdmin: TestUser;
  let year: YearView;

  const span = (p: { name: string; startsOn: string; endsOn: string }) => [
    p.name,
    p.startsOn,
    p.endsOn,
  ];

  beforeAll(async () => {
    t = await startTestApp();
    const region = await createRegion(t);
    school = await createSchool(t, region, 'A');
    other = await createSchool(t, region, 'B');
    admin = await asRole(t, 'admin', school);
    teacher = await asRole(t, 'teacher', school);
    medical = await asRole(t, 'medical', school);
    otherAdmin = await asRole(t, 'admin', other);
    year = await createAcademicYear(t, admin, school);
  });
  afterAll(() => t.close());

  it('creates the usual quarters, half-years and holidays when none are given', () => {
    expect(year).toMatchObject({ name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-05-31' });
    expect(periodsOfGrade(year, 7).map(span)).toEqual([
      ['1 четверть', '2026-09-01', '2026-10-24'],
      ['2 четверть', '2026-11-05', '2026-12-28'],
      ['3 четверть', '2027-01-09', '2027-03-20'],
      ['4 четверть', '2027-03-30', '2027-05-31'],
    ]);
    expect(periodsOfGrade(year, 10).map(span)).toEqual([
      ['1 полугодие', '2026-09-01', '2026-12-28'],
      ['2 полугодие', '2027-01-09', '2027-05-31'],
    ]);
    expect(year.schemes.map((s) => [s.name, s.grades])).toEqual([
      ['Четверти', [1, 2, 3, 4, 5, 6, 7, 8, 9]],
      ['Полугодия', [10, 11]],
    ]);
    expect(periodsOfGrade(year, 7).map((p) => [p.ordinal, p.closed])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, false],
    ]);
    expect(year.holidays.map((h) => [h.name, h.startsOn, h.endsOn, h.grades])).toEqual([
      ['Осенние каникулы', '2026-10-25', '2026-11-04', null],
      ['Зимние каникулы', '2026-12-29', '2027-01-08', null],
      ['Дополнительные каникулы для 1 класса', '2027-02-14', '2027-02-22', [1]],
      ['Весенние каникулы', '2027-03-21', '2027-03-29', null],
    ]);
  });

  it('lists and shows years to readers of the school', async () => {
    const list = await t
      .http()
      .get(`/v1/schools/${school.id}/academic-years`)
      .set(teacher.auth)
      .expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: year.id, name: '2026/2027', schoolId: school.id }),
    ]);
    const one = await t.http().get(`/v1/academic-years/${year.id}`).set(teacher.auth).expect(200);
    expect(one.body).toEqual(year);
  });

  it('rejects overlapping and out-of-year periods, listing every field', async () => {
    const response = await t
      .http()
      .post(`/v1/schools/${school.id}/academic-years`)
      .set(admin.auth)
      .send({
        name: '2027/2028',
        startsOn: '2027-09-01',
        endsOn: '2028-05-31',
        schemes: [
          {
            name: 'Триместры',
            grades: [1, 2, 3],
            periods: [
              { name: '1 триместр', startsOn: '2027-08-20', endsOn: '2027-11-30' },
              { name: '2 триместр', startsOn: '2027-11-15', endsOn: '2028-02-28' },
              { name: '3 триместр', startsOn: '2028-03-10', endsOn: '2028-03-01' },
            ],
          },
          {
            name: 'Полугодия',
            grades: [3, 10, 11],
            periods: [{ name: '1 полугодие', startsOn: '2027-09-01', endsOn: '2028-06-30' }],
          },
        ],
        holidays: [{ name: 'Летние', startsOn: '2028-06-01', endsOn: '2028-08-31' }],
      });
    const body = expectProblem(response, 400, 'request.invalid');
    expect((body.errors as FieldErrors).map((e) => e.field)).toEqual([
      'schemes[0].periods[0].startsOn',
      'schemes[0].periods[2].endsOn',
      'schemes[0].periods[1].startsOn',
      'schemes[1].grades',
      'schemes[1].periods[0].endsOn',
      'holidays[0].startsOn',
      'holidays[0].endsOn',
    ]);
    expect(body.errors).toContainEqual({
      field: 'schemes[0].periods[1].startsOn',
      messages: [expect.stringContaining('after the end of «1 триместр» (2027-11-30)')],
    });
    expect(body.errors).toContainEqual({
      field: 'schemes[1].grades',
      messages: ['grade 3 is already in schemes[0]'],
    });

    const dates = await t
      .http()
      .post(`/v1/schools/${school.id}/academic-years`)
      .set(admin.auth)
      .send({ name: 'x', startsOn: '2027-02-30', endsOn: '27-05-31', holidays: 'none' });
    expect(
      (expectProblem(dates, 400, 'request.invalid').errors as FieldErrors).map((e) => e.field),
    ).toEqual(expect.arrayContaining(['startsOn', 'endsOn', 'holidays']));

    const backwards = await t
      .http()
      .post(`/v1/schools/${school.id}/academic-years`)
      .set(admin.auth)
      .send({ name: 'x', startsOn: '2027-09-01', endsOn: '2027-09-01' });
    expect(expectProblem(backwards, 400, 'request.invalid').errors).toEqual([
      { field: 'endsOn', messages: ['endsOn must be after startsOn'] },
    ]);
  });

  it('refuses a second year with the same name (409)', async () => {
    const duplicate = await t
      .http()
      .post(`/v1/schools/${school.id}/academic-years`)
      .set(admin.auth)
      .send({ name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-05-31' });
    expectProblem(duplicate, 409, 'resource.already_exists');
  });

  it('finds the period of a grade on a date', async () => {
    const found = await t
      .http()
      .get(`/v1/schools/${school.id}/study-periods?grade=7&on=2026-11-20`)
      .set(teacher.auth)
      .expect(200);
    expect(found.body.items.map(span)).toEqual([['2 четверть', '2026-11-05', '2026-12-28']]);
    const senior = await t
      .http()
      .get(`/v1/schools/${school.id}/study-periods?grade=10&on=2026-11-20`)
      .set(teacher.auth)
      .expect(200);
    expect(senior.body.items.map(span)).toEqual([['1 полугодие', '2026-09-01', '2026-12-28']]);
    const inHolidays = await t
      .http()
      .get(`/v1/schools/${school.id}/study-periods?grade=7&on=2026-11-01`)
      .set(teacher.auth)
      .expect(200);
    expect(inHolidays.body.items).toEqual([]);
    expectProblem(
      await t.http().get(`/v1/schools/${school.id}/study-periods?grade=12`).set(teacher.auth),
      400,
      'request.invalid',
    );

    const periods = studyPeriods(t);
    expect((await periods.findPeriod(school.id, 7, '2026-11-20'))?.name).toBe('2 четверть');
    expect(await periods.findPeriod(school.id, 7, '2026-11-01')).toBeNull();
    // The grade-1 February week is inside the 3rd quarter, but only grade 1 rests.
    expect(await periods.findPeriod(school.id, 1, '2027-02-16')).toBeNull();
    expect((await periods.findPeriod(school.id, 2, '2027-02-16'))?.name).toBe('3 четверть');
    expect(await periods.findPeriod(other.id, 7, '2026-11-20')).toBeNull();
  });

  it('closes and reopens a period, with a reason to reopen', async () => {
    const first = periodsOfGrade(year, 7)[0];
    const periods = studyPeriods(t);
    expect(await periods.isLocked(school.id, 7, '2026-10-01')).toBe(false);

    const closed = await t
      .http()
      .post(`/v1/study-periods/${first.id}/close`)
      .set(admin.auth)
      .send({ reason: 'Итоговые отметки выставлены' })
      .expect(200);
    expect(closed.body).toMatchObject({
      id: first.id,
      closed: true,
      closedBy: admin.account.id,
      stateReason: 'Итоговые отметки выставлены',
    });
    expect(closed.body.closedAt).toEqual(expect.any(String));
    const shown = await t.http().get(`/v1/academic-years/${year.id}`).set(teacher.auth);
    expect(periodsOfGrade(shown.body as YearView, 7)[0]).toMatchObject({ closed: true });
    expect(await periods.isLocked(school.id, 7, '2026-10-01')).toBe(true);
    expect(await periods.isLocked(school.id, 10, '2026-10-01')).toBe(false);

    expectProblem(
      await t.http().post(`/v1/study-periods/${first.id}/close`).set(admin.auth).send({}),
      409,
      'resource.conflict',
    );
    expectProblem(
      await t
        .http()
        .patch(`/v1/study-periods/${first.id}`)
        .set(admin.auth)
        .send({ endsOn: '2026-10-23' }),
      409,
      'period.closed',
    );

    const noReason = await t
      .http()
      .post(`/v1/study-periods/${first.id}/reopen`)
      .set(admin.auth)
      .send({});
    expect(expectProblem(noReason, 400, 'request.invalid').errors).toEqual([
      { field: 'reason', messages: expect.any(Array) },
    ]);
    const reopened = await t
      .http()
      .post(`/v1/study-periods/${first.id}/reopen`)
      .set(admin.auth)
      .send({ reason: 'Исправление отметки по заявлению родителя' })
      .expect(200);
    expect(reopened.body).toMatchObject({
      closed: false,
      closedAt: null,
      closedBy: null,
      stateReason: 'Исправление отметки по заявлению родителя',
    });
    expectProblem(
      await t
        .http()
        .post(`/v1/study-periods/${first.id}/reopen`)
        .set(admin.auth)
        .send({ reason: 'Ещё раз' }),
      409,
      'resource.conflict',
    );
  });

  it('moves an open period only between its neighbours and inside the year', async () => {
    const [first, second] = periodsOfGrade(year, 7);
    const overlap = await t
      .http()
      .patch(`/v1/study-periods/${second.id}`)
      .set(admin.auth)
      .send({ startsOn: '2026-10-20', endsOn: '2027-01-10' });
    expect(expectProblem(overlap, 400, 'request.invalid').errors).toEqual([
      {
        field: 'startsOn',
        messages: [expect.stringContaining('after the end of «1 четверть» (2026-10-24)')],
      },
      {
        field: 'endsOn',
        messages: [expect.stringContaining('before the start of «3 четверть» (2027-01-09)')],
      },
    ]);
    const outside = await t
      .http()
      .patch(`/v1/study-periods/${first.id}`)
      .set(admin.auth)
      .send({ startsOn: '2026-08-25' });
    expect(expectProblem(outside, 400, 'request.invalid').errors).toEqual([
      { field: 'startsOn', messages: [expect.stringContaining('within the academic year')] },
    ]);
    const moved = await t
      .http()
      .patch(`/v1/study-periods/${first.id}`)
      .set(admin.auth)
      .send({ name: 'I четверть', endsOn: '2026-10-23' })
      .expect(200);
    expect(moved.body).toMatchObject({ name: 'I четверть', endsOn: '2026-10-23' });
  });

  it('adds and removes holidays inside the year', async () => {
    const bad = await t
      .http()
      .post(`/v1/academic-years/${year.id}/holidays`)
      .set(admin.auth)
      .send({ name: 'Летние', startsOn: '2027-06-01', endsOn: '2027-05-31' });
    expect(
      (expectProblem(bad, 400, 'request.invalid').errors as FieldErrors).map((e) => e.field),
    ).toEqual(['endsOn', 'startsOn']);
    const added = await t
      .http()
      .post(`/v1/academic-years/${year.id}/holidays`)
      .set(admin.auth)
      .send({
        name: 'День открытых дверей',
        startsOn: '2027-04-10',
        endsOn: '2027-04-10',
        grades: [11],
      })
      .expect(201);
    expect(added.body).toMatchObject({ academicYearId: year.id, grades: [11] });
    const periods = studyPeriods(t);
    expect(await periods.findPeriod(school.id, 11, '2027-04-10')).toBeNull();
    await t.http().delete(`/v1/holidays/${added.body.id}`).set(admin.auth).expect(204);
    expect((await periods.findPeriod(school.id, 11, '2027-04-10'))?.name).toBe('2 полугодие');
    expectProblem(
      await t.http().delete(`/v1/holidays/${added.body.id}`).set(admin.auth),
      404,
      'resource.not_found',
    );
  });

  it('lets readers read but only the admin change (403), and hides it from others (404)', async () => {
    const period = periodsOfGrade(year, 7)[1];
    expectProblem(
      await t.http().post(`/v1/study-periods/${period.id}/close`).set(teacher.auth).send({}),
      403,
      'access.forbidden',
    );
    expectProblem(
      await t
        .http()
        .post(`/v1/schools/${school.id}/academic-years`)
        .set(teacher.auth)
        .send({ name: '2030/2031', startsOn: '2030-09-01', endsOn: '2031-05-31' }),
      403,
      'access.forbidden',
    );
    // The school nurse does not plan with the calendar: it is not even visible to her.
    expectProblem(
      await t.http().post(`/v1/study-periods/${period.id}/close`).set(medical.auth).send({}),
      404,
      'resource.not_found',
    );
    expectProblem(
      await t.http().get(`/v1/academic-years/${year.id}`).set(medical.auth),
      404,
      'resource.not_found',
    );
    const list = await t
      .http()
      .get(`/v1/schools/${school.id}/academic-years`)
      .set(medical.auth)
      .expect(200);
    expect(list.body.items).toEqual([]);

    // Another school's admin: 404 on every object, and on writes to this school's collections.
    for (const call of [
      t.http().get(`/v1/academic-years/${year.id}`).set(otherAdmin.auth),
      t.http().patch(`/v1/academic-years/${year.id}`).set(otherAdmin.auth).send({ name: 'x' }),
      t.http().post(`/v1/study-periods/${period.id}/close`).set(otherAdmin.auth).send({}),
      t.http().patch(`/v1/study-periods/${period.id}`).set(otherAdmin.auth).send({ name: 'x' }),
      t.http().delete(`/v1/holidays/${year.holidays[0].id}`).set(otherAdmin.auth),
      t
        .http()
        .post(`/v1/schools/${school.id}/academic-years`)
        .set(otherAdmin.auth)
        .send({ name: '2030/2031', startsOn: '2030-09-01', endsOn: '2031-05-31' }),
    ]) {
      expectProblem(await call, 404, 'resource.not_found');
    }
    const foreignList = await t
      .http()
      .get(`/v1/schools/${school.id}/study-periods`)
      .set(otherAdmin.auth)
      .expect(200);
    expect(foreignList.body.items).toEqual([]);
  });

  it('renames a year, refusing a name already used', async () => {
    const next = await createAcademicYear(t, admin, school, {
      name: '2027/2028',
      startsOn: '2027-09-01',
      endsOn: '2028-05-31',
    });
    expect(periodsOfGrade(next, 5)[3]).toMatchObject({
      startsOn: '2028-03-30',
      endsOn: '2028-05-31',
    });
    expectProblem(
      await t
        .http()
        .patch(`/v1/academic-years/${next.id}`)
        .set(admin.auth)
        .send({ name: '2026/2027' }),
      409,
      'resource.already_exists',
    );
    const renamed = await t
      .http()
      .patch(`/v1/academic-years/${next.id}`)
      .set(admin.auth)
      .send({ name: '2027/2028 учебный год' })
      .expect(200);
    expect(renamed.body.name).toBe('2027/2028 учебный год');
    // The grade 7 question now has an answer in each year.
    const all = await t
      .http()
      .get(`/v1/schools/${school.id}/study-periods?grade=7`)
      .set(teacher.auth)
      .expect(200);
    expect(all.body.items).toHaveLength(8);
  });
});

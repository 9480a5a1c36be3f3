import type { School } from '../src/core/tenancy/entities/school.entity';
import { Subject } from '../src/modules/reference-data/entities/subject.entity';
import { createRegion, createSchool, asRole, type TestUser } from './support/factories';
import { addDefaultReferenceData } from './support/lessons-fixtures';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

interface ScaleView {
  id: string;
  schoolId: string;
  name: string;
  values: { value: string; score: number | null }[];
  isDefault: boolean;
  archived: boolean;
}

const TEN_POINT = [
  { value: '10', score: 10 },
  { value: '9', score: 9 },
  { value: '8', score: 8 },
  { value: '7', score: 7 },
  { value: '6', score: 6 },
  { value: '5', score: 5 },
  { value: '4', score: 4 },
  { value: '3', score: 3 },
  { value: '2', score: 2 },
  { value: '1', score: 1 },
];

describe('grading scales (J3) as reference data', () => {
  let t: TestApp;
  let school: School;
  let admin: TestUser;
  let teacher: TestUser;
  let otherAdmin: TestUser;
  let otherSchool: School;

  const scales = async (user: TestUser = teacher, query = '') =>
    (
      await t
        .http()
        .get(`/v1/schools/${school.id}/grading-scales${query}`)
        .set(user.auth)
        .expect(200)
    ).body.items as ScaleView[];
  const byName = async (name: string) => (await scales()).find((scale) => scale.name === name)!;
  const create = (body: Record<string, unknown>, user: TestUser = admin) =>
    t.http().post(`/v1/schools/${school.id}/grading-scales`).set(user.auth).send(body);
  const patch = (id: string, body: Record<string, unknown>, user: TestUser = admin) =>
    t.http().patch(`/v1/grading-scales/${id}`).set(user.auth).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    const region = await createRegion(t);
    school = await createSchool(t, region);
    await addDefaultReferenceData(t, school);
    otherSchool = await createSchool(t, region, 'Другая');
    await addDefaultReferenceData(t, otherSchool);
    admin = await asRole(t, 'admin', school);
    teacher = await asRole(t, 'teacher', school);
    otherAdmin = await asRole(t, 'admin', otherSchool);
  });
  afterAll(() => t.close());

  it('gives every school the five-point scale (default) and pass/fail', async () => {
    const list = await scales();
    expect(
      list.map(({ name, values, isDefault, archived }) => ({
        name,
        values,
        isDefault,
        archived,
      })),
    ).toEqual([
      {
        name: 'Зачёт / незачёт',
        values: [
          { value: 'зач', score: null },
          { value: 'незач', score: null },
        ],
        isDefault: false,
        archived: false,
      },
      {
        name: 'Пятибалльная',
        values: [
          { value: '5', score: 5 },
          { value: '4', score: 4 },
          { value: '3', score: 3 },
          { value: '2', score: 2 },
          { value: '1', score: 1 },
        ],
        isDefault: true,
        archived: false,
      },
    ]);
    expect(list.every((scale) => scale.schoolId === school.id)).toBe(true);
  });

  it('lets the admin create, rename and archive a scale; a teacher only reads', async () => {
    const created = await create({ name: 'Десятибалльная', values: TEN_POINT }).expect(201);
    expect(created.body).toMatchObject({
      name: 'Десятибалльная',
      values: TEN_POINT,
      isDefault: false,
      archived: false,
      schoolId: school.id,
    });
    const id = created.body.id as string;

    const renamed = await patch(id, {
      name: 'Десятибалльная (эксперимент)',
      values: [...TEN_POINT.slice(0, 9), { value: '1', score: 0.5 }],
    }).expect(200);
    expect(renamed.body.name).toBe('Десятибалльная (эксперимент)');
    expect(renamed.body.values[9]).toEqual({ value: '1', score: 0.5 });

    expectProblem(
      await create({ name: 'Своя', values: TEN_POINT }, teacher),
      403,
      'access.forbidden',
    );
    expectProblem(await patch(id, { name: 'Чужая' }, teacher), 403, 'access.forbidden');
    expectProblem(await patch(id, { name: 'Чужая' }, otherAdmin), 404, 'resource.not_found');

    await patch(id, { archived: true }).expect(200);
    expect((await scales()).map((s) => s.id)).not.toContain(id);
    expect((await scales(teacher, '?archived=true')).map((s) => s.id)).toEqual([id]);

    // Names are unique in a school, case-insensitively.
    const clash = await create({ name: 'пятибалльная', values: TEN_POINT });
    expect(expectProblem(clash, 409, 'resource.already_exists').detail).toContain('Пятибалльная');
  });

  it('validates the values: 2–20, distinct, not н/а or осв, scores 0–100 with 2 decimals', async () => {
    const one = await create({ name: 'Одна', values: [{ value: '5', score: 5 }] });
    expect(expectProblem(one, 400, 'request.invalid').errors).toEqual([
      { field: 'values', messages: [expect.stringContaining('at least 2')] },
    ]);
    const many = Array.from({ length: 21 }, (_, i) => ({ value: `v${i}`, score: i }));
    expect(
      expectProblem(await create({ name: 'Много', values: many }), 400, 'request.invalid').errors,
    ).toEqual([{ field: 'values', messages: [expect.stringContaining('no more than 20')] }]);

    const bad = await create({
      name: 'Плохая',
      values: [
        { value: '', score: 1 },
        { value: 'x'.repeat(21), score: 2 },
        { value: 'A', score: 100.5 },
        { value: 'B', score: 1.234 },
        { value: 'C' },
        { value: ' D', score: -1 },
      ],
    });
    const errors = expectProblem(bad, 400, 'request.invalid').errors as { field: string }[];
    expect(errors.map((e) => e.field)).toEqual([
      'values[0].value',
      'values[1].value',
      'values[2].score',
      'values[3].score',
      'values[4].score',
      'values[5].value',
      'values[5].score',
    ]);

    const reserved = await create({
      name: 'С н/а',
      values: [
        { value: 'отл', score: 5 },
        { value: 'Н/А', score: null },
        { value: 'осв', score: null },
        { value: 'ОТЛ', score: 4 },
      ],
    });
    expect(expectProblem(reserved, 400, 'request.invalid').errors).toEqual([
      {
        field: 'values[1].value',
        messages: [expect.stringContaining('reserved for period marks')],
      },
      {
        field: 'values[2].value',
        messages: [expect.stringContaining('reserved for period marks')],
      },
      { field: 'values[3].value', messages: ['«ОТЛ» repeats values[0]'] },
    ]);
    const patched = await patch((await byName('Зачёт / незачёт')).id, {
      values: [
        { value: 'зач', score: null },
        { value: 'зач', score: null },
      ],
    });
    expect(expectProblem(patched, 400, 'request.invalid').errors).toEqual([
      { field: 'values[1].value', messages: ['«зач» repeats values[0]'] },
    ]);
    expect((await byName('Зачёт / незачёт')).values).toHaveLength(2);
  });

  it('switches the default: one default per school, never archived', async () => {
    const fivePoint = await byName('Пятибалльная');
    const created = await create({
      name: 'Стобалльная',
      values: [
        { value: '100', score: 100 },
        { value: '50', score: 50 },
        { value: '0', score: 0 },
      ],
      isDefault: true,
    }).expect(201);
    expect(created.body.isDefault).toBe(true);
    expect((await byName('Пятибалльная')).isDefault).toBe(false);

    const back = await patch(fivePoint.id, { isDefault: true }).expect(200);
    expect(back.body).toMatchObject({ name: 'Пятибалльная', isDefault: true });
    expect((await scales()).filter((s) => s.isDefault).map((s) => s.name)).toEqual([
      'Пятибалльная',
    ]);
    // The other school's default is untouched.
    const others = await t
      .http()
      .get(`/v1/schools/${otherSchool.id}/grading-scales`)
      .set(otherAdmin.auth)
      .expect(200);
    expect(
      (others.body.items as ScaleView[]).filter((s) => s.isDefault).map((s) => s.name),
    ).toEqual(['Пятибалльная']);

    const archiveDefault = await patch(fivePoint.id, { archived: true });
    expect(expectProblem(archiveDefault, 409, 'resource.conflict').detail).toContain(
      'is the school’s default scale and cannot be archived',
    );
    const undefault = await patch(fivePoint.id, { isDefault: false });
    expect(expectProblem(undefault, 409, 'resource.conflict').detail).toContain(
      'make another scale the default instead',
    );
    const hundred = created.body.id as string;
    await patch(hundred, { archived: true }).expect(200);
    const archivedDefault = await patch(hundred, { isDefault: true });
    expect(expectProblem(archivedDefault, 409, 'resource.conflict').detail).toContain(
      'archived scale cannot be the default',
    );
    // Unarchived and made default in one change.
    const both = await patch(hundred, { archived: false, isDefault: true }).expect(200);
    expect(both.body).toMatchObject({ archived: false, isDefault: true });
    await patch(fivePoint.id, { isDefault: true }).expect(200);
    expect((await scales()).filter((s) => s.isDefault).map((s) => s.name)).toEqual([
      'Пятибалльная',
    ]);
  });

  it('marks a subject on its own scale (pass/fail ОРКСЭ); only an active scale of the school', async () => {
    const subjects = await t
      .http()
      .get(`/v1/schools/${school.id}/subjects`)
      .set(teacher.auth)
      .expect(200);
    const orkse = (
      subjects.body.items as {
        id: string;
        name: string;
        shortName: string;
        gradingScaleId: unknown;
      }[]
    ).find((s) => s.shortName === 'ОРКСЭ')!;
    expect(orkse.gradingScaleId).toBeNull();

    const passFail = await byName('Зачёт / незачёт');
    const set = await t
      .http()
      .patch(`/v1/subjects/${orkse.id}`)
      .set(admin.auth)
      .send({ gradingScaleId: passFail.id })
      .expect(200);
    expect(set.body).toMatchObject({ name: orkse.name, gradingScaleId: passFail.id });

    const foreignScale = (
      await t
        .http()
        .get(`/v1/schools/${otherSchool.id}/grading-scales`)
        .set(otherAdmin.auth)
        .expect(200)
    ).body.items[0] as ScaleView;
    const foreign = await t
      .http()
      .patch(`/v1/subjects/${orkse.id}`)
      .set(admin.auth)
      .send({ gradingScaleId: foreignScale.id });
    expect(expectProblem(foreign, 400, 'request.invalid').errors).toEqual([
      { field: 'gradingScaleId', messages: ['must be a grading scale of the subject’s school'] },
    ]);
    const archived = (await scales(teacher, '?archived=true'))[0];
    const created = await t
      .http()
      .post(`/v1/schools/${school.id}/subjects`)
      .set(admin.auth)
      .send({ name: 'Астрономия', shortName: 'Астр.', gradingScaleId: archived.id });
    expect(expectProblem(created, 400, 'request.invalid').errors).toEqual([
      { field: 'gradingScaleId', messages: [`the scale «${archived.name}» is archived`] },
    ]);
    const notUuid = await t
      .http()
      .patch(`/v1/subjects/${orkse.id}`)
      .set(admin.auth)
      .send({ gradingScaleId: 'pass-fail' });
    expectProblem(notUuid, 400, 'request.invalid');

    // Back to the school default.
    const cleared = await t
      .http()
      .patch(`/v1/subjects/${orkse.id}`)
      .set(admin.auth)
      .send({ gradingScaleId: null })
      .expect(200);
    expect(cleared.body.gradingScaleId).toBeNull();
    const stored = await t.em().findOneOrFail(Subject, orkse.id);
    expect(stored.gradingScaleId).toBeNull();
  });

  it('shows and changes the check term of mark types', async () => {
    const list = await t
      .http()
      .get(`/v1/schools/${school.id}/mark-types`)
      .set(teacher.auth)
      .expect(200);
    const types = list.body.items as { id: string; name: string; checkWithinDays: number | null }[];
    expect(types.find((m) => m.name === 'Диктант')?.checkWithinDays).toBe(3);
    expect(types.find((m) => m.name === 'Ответ на уроке')?.checkWithinDays).toBeNull();

    const created = await t
      .http()
      .post(`/v1/schools/${school.id}/mark-types`)
      .set(admin.auth)
      .send({ name: 'Реферат', shortName: 'Реф.', weight: 1.5, checkWithinDays: 7 })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Реферат', weight: 1.5, checkWithinDays: 7 });
    const cleared = await t
      .http()
      .patch(`/v1/mark-types/${created.body.id as string}`)
      .set(admin.auth)
      .send({ checkWithinDays: null })
      .expect(200);
    expect(cleared.body.checkWithinDays).toBeNull();
    for (const checkWithinDays of [0, 31, 2.5]) {
      const refused = await t
        .http()
        .patch(`/v1/mark-types/${created.body.id as string}`)
        .set(admin.auth)
        .send({ checkWithinDays });
      expect(expectProblem(refused, 400, 'request.invalid').errors).toEqual([
        { field: 'checkWithinDays', messages: [expect.any(String)] },
      ]);
    }
  });
});

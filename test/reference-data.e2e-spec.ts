import { Region } from '../src/core/tenancy/entities/region.entity';
import { School } from '../src/core/tenancy/entities/school.entity';
import { createRegion, createSchool, createUser, type TestUser } from './support/factories';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

interface Item {
  id: string;
  name: string;
  archived: boolean;
  [field: string]: unknown;
}

describe('reference data (O1)', () => {
  let t: TestApp;
  let school: School;
  let other: School;
  let admin: TestUser;
  let teacher: TestUser;
  let otherAdmin: TestUser;

  const list = async (user: TestUser, kind: string, query = '', schoolId = school.id) =>
    (await t.http().get(`/v1/schools/${schoolId}/${kind}${query}`).set(user.auth).expect(200)).body
      .items as Item[];

  beforeAll(async () => {
    t = await startTestApp();
    const region = await createRegion(t);
    const operator = await createUser(t, { platformOperator: true });
    // Through the API, as a platform operator does it, so the school gets its defaults.
    const created = await t
      .http()
      .post('/v1/schools')
      .set(operator.auth)
      .send({ regionId: region.id, name: 'Средняя школа № 7', shortName: 'СОШ № 7' })
      .expect(201);
    school = await t.em().findOneOrFail(School, created.body.id as string);
    other = await createSchool(t, region, 'Другая');
    admin = await createUser(t, { roles: [{ role: 'admin', school }] });
    teacher = await createUser(t, { roles: [{ role: 'teacher', school }] });
    otherAdmin = await createUser(t, { roles: [{ role: 'admin', school: other }] });
  });
  afterAll(() => t.close());

  it('gives a school created through the API the Russian defaults', async () => {
    const subjects = await list(teacher, 'subjects');
    expect(subjects.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Русский язык', 'Математика', 'Алгебра', 'Физическая культура']),
    );
    expect(subjects.find((s) => s.name === 'Русский язык')).toMatchObject({
      shortName: 'Рус. яз.',
      archived: false,
      schoolId: school.id,
    });
    // Ordered by name.
    const names = subjects.map((s) => s.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'ru')));

    const markTypes = await list(teacher, 'mark-types');
    expect(markTypes).toHaveLength(12);
    expect(markTypes.find((m) => m.name === 'Итоговая контрольная работа')?.weight).toBe(3);
    expect(markTypes.find((m) => m.name === 'Самостоятельная работа')?.weight).toBe(1.5);

    const reasons = await list(teacher, 'absence-reasons');
    expect(
      reasons
        .map((r) => [r.code, r.name, r.excused])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'ru')),
    ).toEqual([
      ['Б', 'Болезнь', true],
      ['Н', 'Неуважительная причина', false],
      ['О', 'Опоздание', false],
      ['У', 'Уважительная причина', true],
    ]);
    expect(await list(teacher, 'lesson-types')).toHaveLength(8);
    expect(await list(teacher, 'rooms')).toEqual([]);

    const bells = await t.http().get(`/v1/schools/${school.id}/bell-schedule`).set(teacher.auth);
    expect(bells.status).toBe(200);
    expect(bells.body.items).toHaveLength(7);
    expect(bells.body.items[0]).toEqual({ lessonNumber: 1, startsAt: '08:30', endsAt: '09:15' });
    expect(bells.body.items[6]).toEqual({ lessonNumber: 7, startsAt: '14:20', endsAt: '15:05' });
  });

  it('lets the admin create, rename, archive and unarchive items', async () => {
    const created = await t
      .http()
      .post(`/v1/schools/${school.id}/subjects`)
      .set(admin.auth)
      .send({ name: 'Астрономия', shortName: 'Астр.' })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Астрономия', shortName: 'Астр.', archived: false });
    const id = created.body.id as string;

    const renamed = await t
      .http()
      .patch(`/v1/subjects/${id}`)
      .set(admin.auth)
      .send({ name: 'Астрономия (элективный курс)' })
      .expect(200);
    expect(renamed.body).toMatchObject({
      name: 'Астрономия (элективный курс)',
      shortName: 'Астр.',
    });

    const stale = await t
      .http()
      .patch(`/v1/subjects/${id}`)
      .set(admin.auth)
      .set('If-Match', created.headers.etag ?? 'W/"stale"')
      .send({ archived: true });
    expectProblem(stale, 412, 'resource.precondition_failed');
    await t.http().patch(`/v1/subjects/${id}`).set(admin.auth).send({ archived: true }).expect(200);
    expect((await list(teacher, 'subjects')).map((s) => s.id)).not.toContain(id);
    expect((await list(teacher, 'subjects', '?archived=true')).map((s) => s.id)).toEqual([id]);

    await t
      .http()
      .patch(`/v1/subjects/${id}`)
      .set(admin.auth)
      .send({ archived: false })
      .expect(200);
    expect((await list(teacher, 'subjects')).map((s) => s.id)).toContain(id);

    const room = await t
      .http()
      .post(`/v1/schools/${school.id}/rooms`)
      .set(admin.auth)
      .send({ name: 'Кабинет 214', capacity: 30 })
      .expect(201);
    expect(room.body).toMatchObject({ name: 'Кабинет 214', capacity: 30 });
    const cleared = await t
      .http()
      .patch(`/v1/rooms/${room.body.id}`)
      .set(admin.auth)
      .send({ capacity: null })
      .expect(200);
    expect(cleared.body.capacity).toBeNull();

    const markType = await t
      .http()
      .post(`/v1/schools/${school.id}/mark-types`)
      .set(admin.auth)
      .send({ name: 'Зачёт', shortName: 'Зач.', weight: 2.25 })
      .expect(201);
    expect(markType.body.weight).toBe(2.25);
    const reweighed = await t
      .http()
      .patch(`/v1/mark-types/${markType.body.id}`)
      .set(admin.auth)
      .send({ weight: 0.5 })
      .expect(200);
    expect(reweighed.body.weight).toBe(0.5);
  });

  it('refuses duplicates with 409 and invalid fields with 400', async () => {
    const duplicate = await t
      .http()
      .post(`/v1/schools/${school.id}/subjects`)
      .set(admin.auth)
      .send({ name: 'МАТЕМАТИКА', shortName: 'М' });
    expect(expectProblem(duplicate, 409, 'resource.already_exists').detail).toContain(
      '«Математика» already exists',
    );

    const code = await t
      .http()
      .post(`/v1/schools/${school.id}/absence-reasons`)
      .set(admin.auth)
      .send({ code: 'Н', name: 'Не пришёл', excused: false });
    expect(expectProblem(code, 409, 'resource.already_exists').detail).toContain('«Н»');

    const lessonType = (await list(admin, 'lesson-types'))[0];
    const rename = await t
      .http()
      .patch(`/v1/lesson-types/${lessonType.id}`)
      .set(admin.auth)
      .send({ name: 'экскурсия' });
    expectProblem(rename, 409, 'resource.already_exists');
    // Renaming an item to its own name in another case is no clash.
    await t
      .http()
      .patch(`/v1/lesson-types/${lessonType.id}`)
      .set(admin.auth)
      .send({ name: lessonType.name.toUpperCase() })
      .expect(200);

    const invalid = await t
      .http()
      .post(`/v1/schools/${school.id}/absence-reasons`)
      .set(admin.auth)
      .send({ code: 'nb', name: '', excused: 'yes' });
    const body = expectProblem(invalid, 400, 'request.invalid');
    expect((body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'code',
      'excused',
      'name',
    ]);

    const weight = await t
      .http()
      .post(`/v1/schools/${school.id}/mark-types`)
      .set(admin.auth)
      .send({ name: 'Эссе', shortName: 'Эссе', weight: 10.5 });
    expect(expectProblem(weight, 400, 'request.invalid').errors).toEqual([
      { field: 'weight', messages: [expect.stringContaining('10')] },
    ]);
  });

  it('replaces the bell schedule and lists every bad line', async () => {
    const bad = await t
      .http()
      .put(`/v1/schools/${school.id}/bell-schedule`)
      .set(admin.auth)
      .send({
        items: [
          { lessonNumber: 1, startsAt: '08:30', endsAt: '08:20' },
          { lessonNumber: 2, startsAt: '09:00', endsAt: '09:45' },
          { lessonNumber: 2, startsAt: '10:00', endsAt: '10:45' },
          { lessonNumber: 3, startsAt: '10:30', endsAt: '11:15' },
          { lessonNumber: 13, startsAt: '25:00', endsAt: '9:00' },
        ],
      });
    const problem = expectProblem(bad, 400, 'request.invalid');
    expect((problem.errors as { field: string }[]).map((e) => e.field)).toEqual([
      'items[4].lessonNumber',
      'items[4].startsAt',
      'items[4].endsAt',
    ]);
    const crossed = await t
      .http()
      .put(`/v1/schools/${school.id}/bell-schedule`)
      .set(admin.auth)
      .send({
        items: [
          { lessonNumber: 1, startsAt: '08:30', endsAt: '08:20' },
          { lessonNumber: 2, startsAt: '09:00', endsAt: '09:45' },
          { lessonNumber: 2, startsAt: '10:00', endsAt: '10:45' },
          { lessonNumber: 3, startsAt: '10:30', endsAt: '11:15' },
        ],
      });
    expect(expectProblem(crossed, 400, 'request.invalid').errors).toEqual([
      { field: 'items[0].endsAt', messages: ['endsAt must be after startsAt'] },
      { field: 'items[2].lessonNumber', messages: ['lesson 2 is already at items[1]'] },
      {
        field: 'items[3].startsAt',
        messages: ['lesson 3 starts before lesson 2 ends (10:45)'],
      },
    ]);

    const schedule = [
      { lessonNumber: 0, startsAt: '08:00', endsAt: '08:40' },
      { lessonNumber: 1, startsAt: '08:50', endsAt: '09:30' },
      { lessonNumber: 2, startsAt: '09:40', endsAt: '10:20' },
    ];
    const replaced = await t
      .http()
      .put(`/v1/schools/${school.id}/bell-schedule`)
      .set(admin.auth)
      .send({ items: schedule })
      .expect(200);
    expect(replaced.body.items).toEqual(schedule);
    const read = await t.http().get(`/v1/schools/${school.id}/bell-schedule`).set(teacher.auth);
    expect(read.body.items).toEqual(schedule);
  });

  it('lets a teacher read but not write (403)', async () => {
    const subject = (await list(teacher, 'subjects'))[0];
    expectProblem(
      await t
        .http()
        .post(`/v1/schools/${school.id}/rooms`)
        .set(teacher.auth)
        .send({ name: 'Кабинет 1' }),
      403,
      'access.forbidden',
    );
    expectProblem(
      await t.http().patch(`/v1/subjects/${subject.id}`).set(teacher.auth).send({ name: 'X' }),
      403,
      'access.forbidden',
    );
    expectProblem(
      await t
        .http()
        .put(`/v1/schools/${school.id}/bell-schedule`)
        .set(teacher.auth)
        .send({ items: [] }),
      403,
      'access.forbidden',
    );
  });

  it('hides a school’s reference data from another school (404, empty lists)', async () => {
    const subject = (await list(teacher, 'subjects'))[0];
    const patch = await t
      .http()
      .patch(`/v1/subjects/${subject.id}`)
      .set(otherAdmin.auth)
      .send({ name: 'Взлом' });
    expectProblem(patch, 404, 'resource.not_found');
    const create = await t
      .http()
      .post(`/v1/schools/${school.id}/subjects`)
      .set(otherAdmin.auth)
      .send({ name: 'Взлом', shortName: 'В' });
    expectProblem(create, 404, 'resource.not_found');
    const bells = await t
      .http()
      .put(`/v1/schools/${school.id}/bell-schedule`)
      .set(otherAdmin.auth)
      .send({ items: [] });
    expectProblem(bells, 404, 'resource.not_found');
    expect(await list(otherAdmin, 'subjects')).toEqual([]);
    // The other school, made without the API, starts empty; its admin fills it in.
    expect(await list(otherAdmin, 'subjects', '', other.id)).toEqual([]);
    await t
      .http()
      .post(`/v1/schools/${other.id}/subjects`)
      .set(otherAdmin.auth)
      .send({ name: 'Математика', shortName: 'Матем.' })
      .expect(201);
    expect((await list(teacher, 'subjects')).find((s) => s.name === 'Взлом')).toBeUndefined();
  });

  it('lets an authority read the reference data of its region only', async () => {
    const region = await t.em().findOneOrFail(Region, school.regionId);
    const authority = await createUser(t, { roles: [{ role: 'authority', region }] });
    expect((await list(authority, 'subjects')).length).toBeGreaterThan(10);
    const stranger = await createUser(t, {
      roles: [{ role: 'authority', region: await createRegion(t, 'Чужой регион') }],
    });
    expect(await list(stranger, 'subjects')).toEqual([]);
  });

  it('says what each lesson type counts as (J1), `lesson` unless given', async () => {
    const kinds = (await list(teacher, 'lesson-types')).map((type) => [type.name, type.kind]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['Контрольная работа', 'control'],
        ['Практическая работа', 'practical'],
        ['Лабораторная работа', 'laboratory'],
        ['Экскурсия', 'excursion'],
        ['Урок изучения нового материала', 'lesson'],
      ]),
    );

    const plain = await t
      .http()
      .post(`/v1/schools/${school.id}/lesson-types`)
      .set(admin.auth)
      .send({ name: 'Урок-практикум' })
      .expect(201);
    expect(plain.body).toMatchObject({ name: 'Урок-практикум', kind: 'lesson' });
    const trip = await t
      .http()
      .post(`/v1/schools/${school.id}/lesson-types`)
      .set(admin.auth)
      .send({ name: 'Виртуальная экскурсия', kind: 'excursion' })
      .expect(201);
    expect(trip.body).toMatchObject({ name: 'Виртуальная экскурсия', kind: 'excursion' });

    const changed = await t
      .http()
      .patch(`/v1/lesson-types/${plain.body.id as string}`)
      .set(admin.auth)
      .send({ kind: 'practical' })
      .expect(200);
    expect(changed.body).toMatchObject({ name: 'Урок-практикум', kind: 'practical' });
    expect(
      (await list(teacher, 'lesson-types')).find((type) => type.id === plain.body.id),
    ).toMatchObject({ kind: 'practical' });

    for (const kind of ['quiz', null]) {
      const refused = await t
        .http()
        .patch(`/v1/lesson-types/${plain.body.id as string}`)
        .set(admin.auth)
        .send({ kind });
      expect(expectProblem(refused, 400, 'request.invalid').errors).toEqual([
        { field: 'kind', messages: [expect.stringContaining('kind must be one of')] },
      ]);
    }
    const badCreate = await t
      .http()
      .post(`/v1/schools/${school.id}/lesson-types`)
      .set(admin.auth)
      .send({ name: 'Урок-квест', kind: 'quest' });
    expectProblem(badCreate, 400, 'request.invalid');
  });

  it('replays a retried create with the same Idempotency-Key', async () => {
    const send = () =>
      t
        .http()
        .post(`/v1/schools/${school.id}/lesson-types`)
        .set(admin.auth)
        .set('Idempotency-Key', 'b9d7c1e0-1111-4c3e-9f6a-7d8e9f0a1b2c')
        .send({ name: 'Урок-игра' });
    const first = await send().expect(201);
    const again = await send().expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
  });

  it('rejects a bad school id in the path and a bad archived filter', async () => {
    expectProblem(
      await t.http().get('/v1/schools/not-a-uuid/subjects').set(admin.auth),
      400,
      'request.invalid',
    );
    expectProblem(
      await t.http().get(`/v1/schools/${school.id}/subjects?archived=maybe`).set(admin.auth),
      400,
      'request.invalid',
    );
  });
});

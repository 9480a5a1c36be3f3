import { AuditEvent } from '../src/core/audit/audit-event.entity';
import type { School } from '../src/core/tenancy/entities/school.entity';
import type { AcademicYear } from '../src/modules/academic-years/entities/academic-year.entity';
import type { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import type { Person } from '../src/modules/people/entities/person.entity';
import type { Subject } from '../src/modules/reference-data/entities/subject.entity';
import {
  createAcademicYear,
  createClass,
  createPerson,
  createSubject,
  daysFromToday,
  enroll,
} from './support/classes-fixtures';
import { asRole, createRegion, createSchool, type TestUser } from './support/factories';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

interface SplitBody {
  id: string;
  subject: { id: string; name: string };
  subgroups: { id: string; name: string; position: number; students: { id: string }[] }[];
  unassignedStudents: { id: string; fullName: string }[];
  complete: boolean;
}

describe('subgroups (O4)', () => {
  let t: TestApp;
  let school: School;
  let otherSchool: School;
  let year: AcademicYear;
  let admin: TestUser;
  let english: Subject;
  /** 7Б: Алексеев, Борисова, Петров, Сидорова (alphabetical), and a student who left. */
  let sevenB: SchoolClass;
  let students: Person[];
  let leaver: Person;
  let outsider: Person;
  /** The class teacher of 7Б, and the class teacher of 5А. */
  let classTeacher: TestUser;
  let otherClassTeacher: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    const region = await createRegion(t);
    school = await createSchool(t, region, 'A');
    otherSchool = await createSchool(t, region, 'B');
    year = await createAcademicYear(t, school);
    admin = await asRole(t, 'admin', school);
    english = await createSubject(t, school, 'Английский язык');

    classTeacher = await asRole(t, 'teacher', school);
    const card = await createPerson(t, school, 'staff', { accountId: classTeacher.account.id });
    sevenB = await createClass(t, year, 7, 'Б', card);
    otherClassTeacher = await asRole(t, 'teacher', school);
    const otherCard = await createPerson(t, school, 'staff', {
      accountId: otherClassTeacher.account.id,
    });
    const fiveA = await createClass(t, year, 5, 'А', otherCard);

    students = [];
    for (const [lastName, firstName] of [
      ['Сидорова', 'Анна'],
      ['Петров', 'Пётр'],
      ['Алексеев', 'Иван'],
      ['Борисова', 'Ольга'],
    ]) {
      const student = await createPerson(t, school, 'student', { lastName, firstName });
      await enroll(t, student, sevenB);
      students.push(student);
    }
    students.sort((a, b) => a.lastName.localeCompare(b.lastName, 'ru'));
    leaver = await createPerson(t, school, 'student', { lastName: 'Ушедший', firstName: 'Олег' });
    await enroll(t, leaver, sevenB, '2020-09-01', daysFromToday(-1));
    outsider = await createPerson(t, school, 'student', { lastName: 'Чужой', firstName: 'Ян' });
    await enroll(t, outsider, fiveA);
  });
  afterAll(() => t.close());

  const [alekseev, borisova, petrov, sidorova] = [0, 1, 2, 3].map((i) => () => students[i].id);
  const splitUrl = (subjectId = english.id, classId = sevenB.id) =>
    `/v1/classes/${classId}/subgroup-splits/${subjectId}`;
  const put = (user: TestUser, subgroups: object[], subjectId?: string, classId?: string) =>
    t.http().put(splitUrl(subjectId, classId)).set(user.auth).send({ subgroups });
  const list = (user: TestUser, classId = sevenB.id) =>
    t.http().get(`/v1/classes/${classId}/subgroup-splits`).set(user.auth);
  const names = (split: SplitBody) =>
    split.subgroups.map((g) => [g.name, g.students.map((s) => s.id)]);

  describe('subgroup split covers every student once', () => {
    it('splits the class when every current student is in exactly one subgroup', async () => {
      const response = await put(admin, [
        { name: 'Английский язык, 1 группа', studentIds: [sidorova(), alekseev()] },
        { name: 'Английский язык, 2 группа', studentIds: [petrov(), borisova()] },
      ]).expect(200);
      const split = response.body as SplitBody;
      expect(split).toEqual({
        id: expect.any(String),
        subject: { id: english.id, name: 'Английский язык' },
        subgroups: [
          {
            id: expect.any(String),
            name: 'Английский язык, 1 группа',
            position: 1,
            students: [
              { id: alekseev(), fullName: 'Алексеев Иван' },
              { id: sidorova(), fullName: 'Сидорова Анна' },
            ],
          },
          {
            id: expect.any(String),
            name: 'Английский язык, 2 группа',
            position: 2,
            students: [
              { id: borisova(), fullName: 'Борисова Ольга' },
              { id: petrov(), fullName: 'Петров Пётр' },
            ],
          },
        ],
        unassignedStudents: [],
        complete: true,
      });
      expect((await list(admin).expect(200)).body).toEqual({ items: [split] });
    });

    it('names a student who is in no subgroup', async () => {
      const body = expectProblem(
        await put(admin, [
          { name: '1 группа', studentIds: [alekseev(), borisova()] },
          { name: '2 группа', studentIds: [sidorova()] },
        ]),
        400,
        'request.invalid',
      );
      expect(body.errors).toEqual([
        { field: 'subgroups', messages: ['Петров Пётр is in no subgroup'] },
      ]);
    });

    it('names a student listed in two subgroups', async () => {
      const body = expectProblem(
        await put(admin, [
          { name: '1 группа', studentIds: [alekseev(), borisova(), petrov()] },
          { name: '2 группа', studentIds: [sidorova(), petrov()] },
        ]),
        400,
        'request.invalid',
      );
      expect(body.errors).toEqual([
        {
          field: 'subgroups[1].studentIds[1]',
          messages: ['student Петров Пётр is in two subgroups'],
        },
      ]);
    });

    it('names a student who is not in the class, including one who has left it', async () => {
      const body = expectProblem(
        await put(admin, [
          { name: '1 группа', studentIds: [alekseev(), borisova()] },
          { name: '2 группа', studentIds: [sidorova(), petrov(), outsider.id, leaver.id] },
        ]),
        400,
        'request.invalid',
      );
      expect(body.errors).toEqual([
        {
          field: 'subgroups[1].studentIds[2]',
          messages: [`student ${outsider.id} is not in class 7Б`],
        },
        {
          field: 'subgroups[1].studentIds[3]',
          messages: [`student ${leaver.id} is not in class 7Б`],
        },
      ]);
    });

    it('reports every problem at once, and leaves the split as it was', async () => {
      const before = (await list(admin).expect(200)).body;
      const body = expectProblem(
        await put(admin, [
          { name: 'Группа', studentIds: [alekseev(), alekseev()] },
          { name: 'группа', studentIds: [outsider.id] },
        ]),
        400,
        'request.invalid',
      );
      expect(body.errors).toEqual([
        {
          field: 'subgroups[0].studentIds[1]',
          messages: ['student Алексеев Иван is listed twice in this subgroup'],
        },
        { field: 'subgroups[1].name', messages: ['subgroup 1 has the same name'] },
        {
          field: 'subgroups[1].studentIds[0]',
          messages: [`student ${outsider.id} is not in class 7Б`],
        },
        {
          field: 'subgroups',
          messages: [
            'Борисова Ольга is in no subgroup',
            'Петров Пётр is in no subgroup',
            'Сидорова Анна is in no subgroup',
          ],
        },
      ]);
      expect((await list(admin).expect(200)).body).toEqual(before);
    });

    it('shows a student who arrived after the split as unassigned', async () => {
      const math = await createSubject(t, school, 'Информатика');
      const fourB = await createClass(t, year, 4, 'Б');
      const first = await createPerson(t, school, 'student', {
        lastName: 'Первый',
        firstName: 'А',
      });
      const second = await createPerson(t, school, 'student', {
        lastName: 'Второй',
        firstName: 'Б',
      });
      await enroll(t, first, fourB);
      await enroll(t, second, fourB);
      await put(
        admin,
        [
          { name: '1', studentIds: [first.id] },
          { name: '2', studentIds: [second.id] },
        ],
        math.id,
        fourB.id,
      ).expect(200);
      const newcomer = await createPerson(t, school, 'student', {
        lastName: 'Новенький',
        firstName: 'В',
      });
      await enroll(t, newcomer, fourB, daysFromToday(0));
      const [split] = (await list(admin, fourB.id).expect(200)).body.items as SplitBody[];
      expect(split.unassignedStudents).toEqual([{ id: newcomer.id, fullName: 'Новенький В' }]);
      expect(split.complete).toBe(false);
    });
  });

  describe('replacing', () => {
    it('keeps subgroup ids by position and drops the positions no longer there', async () => {
      const german = await createSubject(t, school, 'Немецкий язык');
      const three = await put(
        admin,
        [
          { name: 'Первая', studentIds: [alekseev()] },
          { name: 'Вторая', studentIds: [borisova()] },
          { name: 'Третья', studentIds: [petrov(), sidorova()] },
        ],
        german.id,
      ).expect(200);
      const [g1, g2, g3] = (three.body as SplitBody).subgroups;
      const teacherCard = await createPerson(t, school, 'staff');
      const assignmentsUrl = `/v1/classes/${sevenB.id}/teaching-assignments`;
      await t
        .http()
        .post(assignmentsUrl)
        .set(admin.auth)
        .send({ subjectId: german.id, teacherId: teacherCard.id, subgroupId: g3.id })
        .expect(201);
      await t
        .http()
        .post(assignmentsUrl)
        .set(admin.auth)
        .send({ subjectId: german.id, teacherId: teacherCard.id, subgroupId: g1.id })
        .expect(201);

      const two = await put(
        admin,
        [
          { name: 'Первая', studentIds: [alekseev(), petrov()] },
          { name: 'Вторая (новая)', studentIds: [sidorova(), borisova()] },
        ],
        german.id,
      ).expect(200);
      const split = two.body as SplitBody;
      expect(split.id).toBe((three.body as SplitBody).id);
      expect(split.subgroups.map((g) => g.id)).toEqual([g1.id, g2.id]);
      expect(names(split)).toEqual([
        ['Первая', [alekseev(), petrov()]],
        ['Вторая (новая)', [borisova(), sidorova()]],
      ]);
      const assignments = (await t.http().get(assignmentsUrl).set(admin.auth).expect(200)).body;
      expect(assignments.items.map((a: { subgroup: { id: string } }) => a.subgroup.id)).toEqual([
        g1.id,
      ]);
      expect(
        (await list(admin).expect(200)).body.items.find(
          (s: SplitBody) => s.subject.id === german.id,
        ),
      ).toEqual(split);
    });

    it('removes a split', async () => {
      const music = await createSubject(t, school, 'Музыка');
      await put(
        admin,
        [
          { name: '1', studentIds: [alekseev(), borisova()] },
          { name: '2', studentIds: [petrov(), sidorova()] },
        ],
        music.id,
      ).expect(200);
      const made = (await list(admin).expect(200)).body.items.find(
        (s: SplitBody) => s.subject.id === music.id,
      ) as SplitBody;
      await t.http().delete(splitUrl(music.id)).set(admin.auth).expect(204);
      // Subgroups and members have no school of their own: their audit rows get the class's.
      const removed = await t.em().find(AuditEvent, {
        entityId: { $in: made.subgroups.map((g) => g.id) },
        action: 'delete',
      });
      expect(removed.map((e) => [e.entity, e.schoolId])).toEqual([
        ['Subgroup', school.id],
        ['Subgroup', school.id],
      ]);
      const subjects = (await list(admin).expect(200)).body.items.map(
        (s: SplitBody) => s.subject.name,
      );
      expect(subjects).not.toContain('Музыка');
      expectProblem(
        await t.http().delete(splitUrl(music.id)).set(admin.auth),
        404,
        'resource.not_found',
      );
    });
  });

  describe('validation', () => {
    const two = () => [
      { name: '1', studentIds: [alekseev(), borisova()] },
      { name: '2', studentIds: [petrov(), sidorova()] },
    ];

    it('takes 2 to 6 subgroups with names and student ids', async () => {
      expectProblem(
        await put(admin, [{ name: '1', studentIds: students.map((s) => s.id) }]),
        400,
        'request.invalid',
      );
      const seven = Array.from({ length: 7 }, (_, i) => ({ name: `${i}`, studentIds: [] }));
      expectProblem(await put(admin, seven), 400, 'request.invalid');
      const body = expectProblem(
        await put(admin, [
          { name: '', studentIds: ['x'] },
          { name: '2', studentIds: [] },
        ]),
        400,
        'request.invalid',
      );
      expect((body.errors as { field: string }[]).map((e) => e.field)).toEqual([
        'subgroups[0].name',
        'subgroups[0].studentIds',
      ]);
      expectProblem(await put(admin, two(), 'not-a-uuid'), 400, 'request.invalid');
    });

    it('needs a current subject of the school', async () => {
      const archived = await createSubject(t, school, 'Природоведение', true);
      const foreign = await createSubject(t, otherSchool, 'Английский язык');
      for (const subjectId of [archived.id, foreign.id]) {
        const body = expectProblem(await put(admin, two(), subjectId), 400, 'request.invalid');
        expect(body.errors).toEqual([
          { field: 'subjectId', messages: ['no such current subject in this school'] },
        ]);
      }
    });
  });

  describe('who may split', () => {
    const two = () => [
      { name: '1', studentIds: [alekseev(), petrov()] },
      { name: '2', studentIds: [borisova(), sidorova()] },
    ];

    it('lets the class teacher split their own class; another class’s teacher gets 404', async () => {
      const physics = await createSubject(t, school, 'Физкультура');
      const response = await put(classTeacher, two(), physics.id).expect(200);
      expect(names(response.body as SplitBody)).toEqual([
        ['1', [alekseev(), petrov()]],
        ['2', [borisova(), sidorova()]],
      ]);
      expect((await list(classTeacher).expect(200)).body.items.length).toBeGreaterThan(0);

      expectProblem(await put(otherClassTeacher, two(), physics.id), 404, 'resource.not_found');
      expectProblem(
        await t.http().delete(splitUrl(physics.id)).set(otherClassTeacher.auth),
        404,
        'resource.not_found',
      );
      expectProblem(await list(otherClassTeacher), 404, 'resource.not_found');
      await t.http().delete(splitUrl(physics.id)).set(classTeacher.auth).expect(204);
    });

    it('lets a teacher of the class read the splits but not change them (403)', async () => {
      const teacher = await asRole(t, 'teacher', school);
      const card = await createPerson(t, school, 'staff', { accountId: teacher.account.id });
      await t
        .http()
        .post(`/v1/classes/${sevenB.id}/teaching-assignments`)
        .set(admin.auth)
        .send({ subjectId: english.id, teacherId: card.id })
        .expect(201);
      await list(teacher).expect(200);
      expectProblem(await put(teacher, two()), 403, 'access.forbidden');
      expectProblem(await t.http().delete(splitUrl()).set(teacher.auth), 403, 'access.forbidden');
    });

    it('lets the deputy split; the director and another school’s admin may not', async () => {
      const deputy = await asRole(t, 'deputy', school);
      await put(deputy, two()).expect(200);
      const director = await asRole(t, 'director', school);
      await list(director).expect(200);
      expectProblem(await put(director, two()), 403, 'access.forbidden');
      const otherAdmin = await asRole(t, 'admin', otherSchool);
      expectProblem(await put(otherAdmin, two()), 404, 'resource.not_found');
      expectProblem(await list(otherAdmin), 404, 'resource.not_found');
    });

    it('shows a student the splits of their class', async () => {
      const studentUser = await asRole(t, 'student', school);
      const card = await createPerson(t, school, 'student', { accountId: studentUser.account.id });
      await enroll(t, card, sevenB, daysFromToday(1));
      await list(studentUser).expect(200);
      const outsiderUser = await asRole(t, 'student', school);
      expectProblem(await list(outsiderUser), 404, 'resource.not_found');
    });
  });
});

import type { School } from '../src/core/tenancy/entities/school.entity';
import type { AcademicYear } from '../src/modules/academic-years/entities/academic-year.entity';
import type { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import { Subgroup, SubgroupSplit } from '../src/modules/classes/entities/subgroup.entity';
import { Lesson } from '../src/modules/lessons/entities/lesson.entity';
import {
  ThematicPlan,
  ThematicPlanTopic,
} from '../src/modules/lessons/entities/thematic-plan.entity';
import type { Person } from '../src/modules/people/entities/person.entity';
import type { Subject } from '../src/modules/reference-data/entities/subject.entity';
import {
  createAcademicYear,
  createClass,
  createPerson,
  createSubject,
  enroll,
} from './support/classes-fixtures';
import { asRole, createSchool, createUser, type TestUser } from './support/factories';
import { CSV, toCsv, toXlsx, XLSX } from './support/import-fixtures';
import { assignTeacher, createLesson, createStaffMember } from './support/lessons-fixtures';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

interface Staff {
  user: TestUser;
  person: Person;
}

interface TopicBody {
  id: string;
  position: number;
  title: string;
  hours: number;
  deliveredHours: number;
}

interface PlanBody {
  id: string;
  topics: TopicBody[];
  [key: string]: unknown;
}

const topics = (...spec: [string, number][]) => spec.map(([title, hours]) => ({ title, hours }));
const fieldsOf = (body: Record<string, unknown>) =>
  (body.errors as { field: string }[]).map((error) => error.field);

describe('Thematic plans (O5)', () => {
  let t: TestApp;
  let school: School;
  let year: AcademicYear;
  let admin: TestUser;
  let deputy: TestUser;
  let director: TestUser;
  let bioTeacher: Staff;
  let engTeacher: Staff;
  let classTeacher: Staff;
  let otherTeacher: Staff;
  let student: TestUser;
  let studentCard: Person;
  let class7a: SchoolClass;
  let class7b: SchoolClass;
  let biology: Subject;
  let english: Subject;
  let history: Subject;
  let group1: Subgroup;
  let group2: Subgroup;

  beforeAll(async () => {
    t = await startTestApp();
    school = await createSchool(t);
    admin = await asRole(t, 'admin', school);
    deputy = await asRole(t, 'deputy', school);
    director = await asRole(t, 'director', school);
    bioTeacher = await createStaffMember(t, school, 'Биологова');
    engTeacher = await createStaffMember(t, school, 'Англова');
    classTeacher = await createStaffMember(t, school, 'Классова');
    otherTeacher = await createStaffMember(t, school, 'Чужова');
    year = await createAcademicYear(t, school, { startsOn: '2026-09-01', endsOn: '2027-05-31' });
    class7a = await createClass(t, year, 7, 'А', classTeacher.person);
    class7b = await createClass(t, year, 7, 'Б');
    biology = await createSubject(t, school, 'Биология');
    english = await createSubject(t, school, 'Английский язык');
    history = await createSubject(t, school, 'История');

    const em = t.em();
    const split = em.create(SubgroupSplit, {
      schoolId: school.id,
      schoolClass: class7a.id,
      subject: english.id,
    });
    group1 = em.create(Subgroup, { split, name: 'Английский язык, 1 группа', position: 1 });
    group2 = em.create(Subgroup, { split, name: 'Английский язык, 2 группа', position: 2 });
    await em.flush();

    await assignTeacher(t, class7a, biology, bioTeacher.person);
    await assignTeacher(t, class7a, history, bioTeacher.person);
    await assignTeacher(t, class7a, english, engTeacher.person, { subgroup: group1 });
    await assignTeacher(t, class7b, biology, otherTeacher.person);

    student = await createUser(t, { roles: [{ role: 'student', school }] });
    studentCard = await createPerson(t, school, 'student', { accountId: student.account.id });
    await enroll(t, studentCard, class7a);
  });
  afterAll(() => t.close());

  const put = (
    user: TestUser,
    schoolClass: SchoolClass,
    subjectOf: Subject,
    body: Record<string, unknown>,
    subgroup?: Subgroup,
  ) =>
    t
      .http()
      .put(
        `/v1/classes/${schoolClass.id}/thematic-plans/${subjectOf.id}` +
          (subgroup ? `?subgroupId=${subgroup.id}` : ''),
      )
      .set(user.auth)
      .send(body);

  const person = (staff: Staff) => ({ id: staff.person.id, fullName: expect.any(String) });
  const subjectBody = (s: Subject) => ({ id: s.id, name: s.name });

  it('documents the routes, the file body and the 422 answer in the OpenAPI contract', async () => {
    type Property = {
      example?: unknown;
      $ref?: string;
      items?: { $ref?: string };
      allOf?: unknown[];
    };
    const document = (await t.http().get('/openapi.json')).body as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
      components: { schemas: Record<string, { properties?: Record<string, Property> }> };
    };
    const operationIds = [
      ['/v1/classes/{id}/thematic-plans', 'get'],
      ['/v1/classes/{id}/thematic-plans/{subjectId}', 'put'],
      ['/v1/classes/{id}/thematic-plans/{subjectId}/import', 'post'],
      ['/v1/thematic-plans/{id}', 'get'],
      ['/v1/thematic-plans/{id}', 'delete'],
      ['/v1/lessons/{id}/suggested-topic', 'get'],
      ['/v1/schools/{schoolId}/program-fulfilment', 'get'],
    ].map(([path, method]) => document.paths[path]?.[method]?.operationId);
    expect(operationIds).toEqual([
      'listThematicPlans',
      'saveThematicPlan',
      'importThematicPlan',
      'getThematicPlan',
      'deleteThematicPlan',
      'suggestTopic',
      'getProgramFulfilment',
    ]);
    const upload = document.paths['/v1/classes/{id}/thematic-plans/{subjectId}/import'].post as {
      requestBody: { content: Record<string, unknown> };
      responses: Record<string, unknown>;
    };
    expect(Object.keys(upload.requestBody.content).sort()).toEqual([XLSX, CSV].sort());
    expect(Object.keys(upload.responses)).toEqual(
      expect.arrayContaining(['200', '403', '404', '413', '415', '422']),
    );
    const ours = [
      'PlanTopicInputDto',
      'SaveThematicPlanDto',
      'PlanTopicDto',
      'ThematicPlanSummaryDto',
      'ThematicPlanDto',
      'ThematicPlanListDto',
      'SuggestedTopicDto',
      'PlanImportRowDto',
      'PlanImportSummaryDto',
      'PlanImportResultDto',
      'PlanImportRejectedProblemDto',
      'ProgramFulfilmentRowDto',
      'ProgramFulfilmentDto',
    ];
    const withoutExample = ours.flatMap((name) =>
      Object.entries(document.components.schemas[name]?.properties ?? { missing: {} })
        .filter(([, p]) => p.example === undefined && !p.$ref && !p.items?.$ref && !p.allOf)
        .map(([property]) => `${name}.${property}`),
    );
    expect(withoutExample).toEqual([]);
  });

  describe('create and replace', () => {
    let created: PlanBody;

    it('creates a plan for the caller’s own staff card', async () => {
      const response = await put(bioTeacher.user, class7a, biology, {
        topics: topics(['Клетка', 2], ['Ткани', 1], ['Органы', 3]),
      }).expect(200);
      created = response.body as PlanBody;
      expect(created).toEqual({
        id: expect.any(String),
        classId: class7a.id,
        subject: subjectBody(biology),
        subgroup: null,
        teacher: person(bioTeacher),
        topicCount: 3,
        totalHours: 6,
        topics: [
          { id: expect.any(String), position: 1, title: 'Клетка', hours: 2, deliveredHours: 0 },
          { id: expect.any(String), position: 2, title: 'Ткани', hours: 1, deliveredHours: 0 },
          { id: expect.any(String), position: 3, title: 'Органы', hours: 3, deliveredHours: 0 },
        ],
      });
    });

    it('replaces it keeping topic ids by position; lessons of removed topics keep their text', async () => {
      const lesson = await createLesson(t, {
        schoolClass: class7a,
        subject: biology,
        teacher: bioTeacher.person,
        date: '2026-09-07',
        topic: 'Органы',
      });
      await linkLesson(lesson, created.topics[2].id);
      const before = await t.http().get(`/v1/thematic-plans/${created.id}`).set(admin.auth);
      expect(before.body.topics[2]).toMatchObject({ title: 'Органы', deliveredHours: 1 });

      const shorter = await put(bioTeacher.user, class7a, biology, {
        topics: topics(['  Строение клетки  ', 3], ['Ткани', 1]),
      }).expect(200);
      expect(shorter.body).toEqual({
        ...created,
        topicCount: 2,
        totalHours: 4,
        topics: [{ ...created.topics[0], title: 'Строение клетки', hours: 3 }, created.topics[1]],
      });
      const kept = await t.em().findOneOrFail(Lesson, lesson.id);
      expect({ topic: kept.topic, planTopic: kept.planTopic }).toEqual({
        topic: 'Органы',
        planTopic: null,
      });

      const longer = await put(bioTeacher.user, class7a, biology, {
        topics: topics(['Строение клетки', 3], ['Ткани', 2], ['Органы', 2], ['Системы', 1]),
      }).expect(200);
      const ids = (longer.body as PlanBody).topics.map((topic) => topic.id);
      expect(ids.slice(0, 2)).toEqual([created.topics[0].id, created.topics[1].id]);
      expect(ids.slice(2)).not.toContain(created.topics[2].id);
      expect(new Set(ids).size).toBe(4);
      expect(longer.body).toMatchObject({ id: created.id, topicCount: 4, totalHours: 8 });
      expect(await t.em().count(ThematicPlanTopic, { plan: created.id })).toBe(4);

      const read = await t.http().get(`/v1/thematic-plans/${created.id}`).set(admin.auth);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(longer.body);
    });

    it('lists the class’s plans without their topics', async () => {
      const response = await t
        .http()
        .get(`/v1/classes/${class7a.id}/thematic-plans`)
        .set(bioTeacher.user.auth)
        .expect(200);
      expect(response.body).toEqual({
        items: [
          {
            id: created.id,
            classId: class7a.id,
            subject: subjectBody(biology),
            subgroup: null,
            teacher: person(bioTeacher),
            topicCount: 4,
            totalHours: 8,
          },
        ],
      });
    });

    it('writes a subgroup’s plan apart from the whole class’s', async () => {
      const response = await put(
        admin,
        class7a,
        english,
        { teacherId: engTeacher.person.id, topics: topics(['Present Simple', 4]) },
        group1,
      ).expect(200);
      expect(response.body).toMatchObject({
        subject: subjectBody(english),
        subgroup: { id: group1.id, name: group1.name },
        teacher: person(engTeacher),
        topicCount: 1,
        totalHours: 4,
      });
    });
  });

  describe('validation', () => {
    it('names every bad topic field by its path', async () => {
      const response = await put(bioTeacher.user, class7a, biology, {
        topics: [
          { title: '   ', hours: 1 },
          { title: 'Ткани', hours: 0 },
          { title: 'x'.repeat(501), hours: 2.5 },
          { hours: 1 },
          { title: 'Органы', hours: 201 },
        ],
      });
      const body = expectProblem(response, 400, 'request.invalid');
      expect(fieldsOf(body)).toEqual([
        'topics[0].title',
        'topics[1].hours',
        'topics[2].title',
        'topics[2].hours',
        'topics[3].title',
        'topics[4].hours',
      ]);
    });

    it('wants 1–300 topics and no unknown fields', async () => {
      const none = await put(bioTeacher.user, class7a, biology, { topics: [] });
      expect(fieldsOf(expectProblem(none, 400, 'request.invalid'))).toEqual(['topics']);
      const many = Array.from({ length: 301 }, (_, i) => ({ title: `Тема ${i + 1}`, hours: 1 }));
      const tooMany = await put(bioTeacher.user, class7a, biology, { topics: many });
      expect(fieldsOf(expectProblem(tooMany, 400, 'request.invalid'))).toEqual(['topics']);
      const unknown = await put(bioTeacher.user, class7a, biology, {
        topics: topics(['Клетка', 1]),
        year: 2026,
      });
      expect(expectProblem(unknown, 400, 'request.invalid').errors).toEqual([
        { field: 'year', messages: ['unknown field year is not allowed'] },
      ]);
    });

    it('wants a teacher with the teaching assignment and a subgroup of the subject', async () => {
      // The admin has no staff card: a new plan needs a teacher named.
      const nobody = await put(admin, class7b, history, { topics: topics(['Египет', 1]) });
      expect(expectProblem(nobody, 400, 'request.invalid').errors).toEqual([
        {
          field: 'teacherId',
          messages: ['teacherId is required: you have no staff card in this school'],
        },
      ]);
      const unassigned = await put(admin, class7b, history, {
        teacherId: otherTeacher.person.id,
        topics: topics(['Египет', 1]),
      });
      expect(expectProblem(unassigned, 400, 'request.invalid').errors).toEqual([
        {
          field: 'teacherId',
          messages: [
            'the teacher must hold a teaching assignment for this class, subject and subgroup',
          ],
        },
      ]);
      // engTeacher teaches group 1 only: neither group 2 nor the whole class.
      for (const subgroup of [group2, undefined]) {
        const response = await put(
          engTeacher.user,
          class7a,
          english,
          { topics: topics(['Past Simple', 2]) },
          subgroup,
        );
        expect(fieldsOf(expectProblem(response, 400, 'request.invalid'))).toEqual(['teacherId']);
      }
      const wrongGroup = await put(
        bioTeacher.user,
        class7a,
        biology,
        { topics: topics(['Клетка', 1]) },
        group1,
      );
      expect(fieldsOf(expectProblem(wrongGroup, 400, 'request.invalid'))).toEqual(['subgroupId']);
      const notStaff = await put(admin, class7a, biology, {
        teacherId: studentCard.id,
        topics: topics(['Клетка', 1]),
      });
      expect(expectProblem(notStaff, 400, 'request.invalid').errors).toEqual([
        { field: 'teacherId', messages: ['teacherId must be a member of staff of this school'] },
      ]);
    });
  });

  describe('who writes and reads plans', () => {
    const bioPlan = () => t.em().findOneOrFail(ThematicPlan, { subject: biology.id });

    it('a teacher writes only their own plan: another teacher of the class gets 403', async () => {
      const plan = await bioPlan();
      const asOther = await put(engTeacher.user, class7a, biology, {
        teacherId: engTeacher.person.id,
        topics: topics(['Чужая тема', 1]),
      });
      expectProblem(asOther, 403, 'access.forbidden');
      const asTheirs = await put(engTeacher.user, class7a, biology, {
        teacherId: bioTeacher.person.id,
        topics: topics(['Чужая тема', 1]),
      });
      expectProblem(asTheirs, 403, 'access.forbidden');
      // The class teacher reads the plans of their class but writes none.
      const asClassTeacher = await put(classTeacher.user, class7a, biology, {
        topics: topics(['Чужая тема', 1]),
      });
      expectProblem(asClassTeacher, 403, 'access.forbidden');
      const asDirector = await put(director, class7a, biology, {
        teacherId: bioTeacher.person.id,
        topics: topics(['Чужая тема', 1]),
      });
      expectProblem(asDirector, 403, 'access.forbidden');
      const unchanged = await t.http().get(`/v1/thematic-plans/${plan.id}`).set(admin.auth);
      expect(unchanged.body.topics[0].title).toBe('Строение клетки');
    });

    it('a student and a teacher who cannot see the class get 404', async () => {
      for (const user of [student, otherTeacher.user]) {
        const response = await put(user, class7a, biology, { topics: topics(['Тема', 1]) });
        expectProblem(response, 404, 'resource.not_found');
      }
    });

    it('the admin and the deputy write any plan; the plan keeps its teacher', async () => {
      const byAdmin = await put(admin, class7a, biology, {
        topics: topics(['Строение клетки', 3], ['Ткани', 2], ['Органы', 2], ['Системы', 1]),
      }).expect(200);
      expect(byAdmin.body.teacher).toEqual(person(bioTeacher));
      const byDeputy = await put(deputy, class7a, biology, {
        teacherId: bioTeacher.person.id,
        topics: topics(['Строение клетки', 3], ['Ткани', 2], ['Органы', 2], ['Системы', 1]),
      }).expect(200);
      expect(byDeputy.body).toEqual(byAdmin.body);
    });

    it('lists what the caller may read: class teacher all, a teacher their own, a student none', async () => {
      const list = async (user: TestUser) => {
        const response = await t
          .http()
          .get(`/v1/classes/${class7a.id}/thematic-plans`)
          .set(user.auth)
          .expect(200);
        return (response.body.items as { subject: { name: string } }[]).map(
          (item) => item.subject.name,
        );
      };
      expect(await list(classTeacher.user)).toEqual(['Английский язык', 'Биология']);
      expect(await list(director)).toEqual(['Английский язык', 'Биология']);
      expect(await list(engTeacher.user)).toEqual(['Английский язык']);
      expect(await list(bioTeacher.user)).toEqual(['Биология']);
      expect(await list(student)).toEqual([]);
      const hidden = await t
        .http()
        .get(`/v1/classes/${class7a.id}/thematic-plans`)
        .set(otherTeacher.user.auth);
      expectProblem(hidden, 404, 'resource.not_found');
    });

    it('reads and deletes a plan by id by the same rules', async () => {
      const plan = await bioPlan();
      const asEng = await t.http().get(`/v1/thematic-plans/${plan.id}`).set(engTeacher.user.auth);
      expectProblem(asEng, 404, 'resource.not_found');
      const deleteAsEng = await t
        .http()
        .delete(`/v1/thematic-plans/${plan.id}`)
        .set(engTeacher.user.auth);
      expectProblem(deleteAsEng, 404, 'resource.not_found');
      const deleteAsClassTeacher = await t
        .http()
        .delete(`/v1/thematic-plans/${plan.id}`)
        .set(classTeacher.user.auth);
      expectProblem(deleteAsClassTeacher, 403, 'access.forbidden');
      const asClassTeacher = await t
        .http()
        .get(`/v1/thematic-plans/${plan.id}`)
        .set(classTeacher.user.auth);
      expect(asClassTeacher.status).toBe(200);
    });

    it('deleting a plan unlinks its lessons, which keep their topic text', async () => {
      const english1 = await t.em().findOneOrFail(ThematicPlan, { subject: english.id });
      const [topic] = await t.em().find(ThematicPlanTopic, { plan: english1.id });
      const lesson = await createLesson(t, {
        schoolClass: class7a,
        subject: english,
        subgroup: group1,
        teacher: engTeacher.person,
        date: '2026-09-08',
        topic: 'Present Simple',
      });
      await linkLesson(lesson, topic.id);
      await t
        .http()
        .delete(`/v1/thematic-plans/${english1.id}`)
        .set(engTeacher.user.auth)
        .expect(204);
      const gone = await t.http().get(`/v1/thematic-plans/${english1.id}`).set(admin.auth);
      expectProblem(gone, 404, 'resource.not_found');
      const kept = await t.em().findOneOrFail(Lesson, lesson.id);
      expect({ topic: kept.topic, planTopic: kept.planTopic }).toEqual({
        topic: 'Present Simple',
        planTopic: null,
      });
    });
  });

  describe('CSV import', () => {
    const upload = (user: TestUser, body: Buffer, dryRun: boolean | string = true, type = CSV) =>
      t
        .http()
        .post(`/v1/classes/${class7a.id}/thematic-plans/${history.id}/import?dryRun=${dryRun}`)
        .set(user.auth)
        .set('content-type', type)
        .send(body);
    const historyPlans = () => t.em().count(ThematicPlan, { subject: history.id });

    const WITH_ERRORS = toCsv([
      ['№', 'Тема', 'Часы', 'Примечание'],
      ['1', 'Древний Египет', '2', 'повторение'],
      ['2', '', '1', ''],
      ['3', 'Древняя Греция', 'два', ''],
      ['3', 'Рим', '1', ''],
      ['', '', '', ''],
      ['5', 'Средние века', '201', ''],
    ]);
    const ROW_ERRORS = [
      {
        row: 3,
        position: null,
        title: null,
        hours: 1,
        errors: [{ column: 'Тема', message: 'не заполнено' }],
      },
      {
        row: 4,
        position: null,
        title: 'Древняя Греция',
        hours: null,
        errors: [{ column: 'Часы', message: 'должно быть целое число от 1 до 200' }],
      },
      {
        row: 5,
        position: null,
        title: 'Рим',
        hours: 1,
        errors: [{ column: '№', message: 'номер 3 уже есть в строке 4' }],
      },
      {
        row: 7,
        position: null,
        title: 'Средние века',
        hours: null,
        errors: [{ column: 'Часы', message: 'должно быть целое число от 1 до 200' }],
      },
    ];

    it('dry run: reads every row, lists every error and writes nothing', async () => {
      const response = await upload(bioTeacher.user, WITH_ERRORS).expect(200);
      expect(response.body).toEqual({
        dryRun: true,
        rows: [
          { row: 2, position: 1, title: 'Древний Египет', hours: 2, errors: [] },
          ...ROW_ERRORS,
        ],
        summary: { rows: 5, errors: 4, totalHours: 2 },
        plan: null,
      });
      expect(await historyPlans()).toBe(0);
    });

    it('real run with errors: 422 import.rejected listing the bad rows, nothing written', async () => {
      const response = await upload(bioTeacher.user, WITH_ERRORS, false);
      const body = expectProblem(response, 422, 'import.rejected');
      expect(body.rows).toEqual(ROW_ERRORS);
      expect(await historyPlans()).toBe(0);
    });

    it('real run of a clean file: the plan in the order of «№», any case and `,`', async () => {
      const file = toCsv(
        [
          ['Номер', 'ТЕМА', 'часы'],
          ['2', 'Греция, Рим', '3'],
          ['1.', 'Египет', '2'],
        ],
        ',',
      );
      const response = await upload(bioTeacher.user, file, false).expect(200);
      expect(response.body).toEqual({
        dryRun: false,
        rows: [
          { row: 2, position: 2, title: 'Греция, Рим', hours: 3, errors: [] },
          { row: 3, position: 1, title: 'Египет', hours: 2, errors: [] },
        ],
        summary: { rows: 2, errors: 0, totalHours: 5 },
        plan: {
          id: expect.any(String),
          classId: class7a.id,
          subject: subjectBody(history),
          subgroup: null,
          teacher: person(bioTeacher),
          topicCount: 2,
          totalHours: 5,
          topics: [
            { id: expect.any(String), position: 1, title: 'Египет', hours: 2, deliveredHours: 0 },
            {
              id: expect.any(String),
              position: 2,
              title: 'Греция, Рим',
              hours: 3,
              deliveredHours: 0,
            },
          ],
        },
      });

      // Importing again replaces the plan like PUT: topic ids kept by position.
      const before = response.body.plan as PlanBody;
      const xlsx = await toXlsx([
        ['Тема', 'Часы'],
        ['Египет и Месопотамия', 2],
        ['Греция', 2],
        ['Рим', 2],
      ]);
      const again = await upload(bioTeacher.user, xlsx, false, XLSX).expect(200);
      const after = again.body.plan as PlanBody;
      expect(after.id).toBe(before.id);
      expect(after.topics.map((topic) => [topic.id, topic.title])).toEqual([
        [before.topics[0].id, 'Египет и Месопотамия'],
        [before.topics[1].id, 'Греция'],
        [expect.any(String), 'Рим'],
      ]);
    });

    it('refuses other media types, unusable headers and files of no topics', async () => {
      const plain = await upload(bioTeacher.user, Buffer.from('Тема;Часы'), true, 'text/plain');
      expectProblem(plain, 415, 'request.unsupported_media_type');
      const noHours = await upload(bioTeacher.user, toCsv([['Тема'], ['Египет']]));
      expect(expectProblem(noHours, 400, 'request.invalid').errors).toEqual([
        { field: 'file', messages: ['нет обязательных столбцов: Часы'] },
      ]);
      const empty = await upload(bioTeacher.user, toCsv([['Тема', 'Часы']]));
      expect(expectProblem(empty, 400, 'request.invalid').errors).toEqual([
        { field: 'file', messages: ['в файле нет ни одной темы'] },
      ]);
      const noDryRun = await t
        .http()
        .post(`/v1/classes/${class7a.id}/thematic-plans/${history.id}/import`)
        .set(bioTeacher.user.auth)
        .set('content-type', CSV)
        .send(toCsv([['Тема', 'Часы']]));
      expect(fieldsOf(expectProblem(noDryRun, 400, 'request.invalid'))).toEqual(['dryRun']);
    });

    it('checks who writes before reading the file', async () => {
      const file = toCsv([
        ['Тема', 'Часы'],
        ['Чужая тема', '1'],
      ]);
      expectProblem(await upload(engTeacher.user, file, false), 403, 'access.forbidden');
      expectProblem(await upload(student, file, false), 404, 'resource.not_found');
    });
  });

  describe('next topic suggestion', () => {
    let plan: PlanBody;
    let lessons: Lesson[];

    beforeAll(async () => {
      const response = await put(otherTeacher.user, class7b, biology, {
        topics: topics(['Клетка', 2], ['Ткани', 1], ['Органы', 1]),
      }).expect(200);
      plan = response.body as PlanBody;
      lessons = [];
      for (const date of ['2026-09-07', '2026-09-08', '2026-09-14', '2026-09-15', '2026-09-21']) {
        lessons.push(
          await createLesson(t, {
            schoolClass: class7b,
            subject: biology,
            teacher: otherTeacher.person,
            date,
          }),
        );
      }
    });

    const suggest = async (lesson: Lesson, user = otherTeacher.user) => {
      const response = await t
        .http()
        .get(`/v1/lessons/${lesson.id}/suggested-topic`)
        .set(user.auth)
        .expect(200);
      return response.body as { planId: string | null; topic: TopicBody | null };
    };
    /** Links the lesson to the topic as its teacher records it. */
    const record = async (lesson: Lesson, position: number) => {
      const response = await t
        .http()
        .patch(`/v1/lessons/${lesson.id}`)
        .set(otherTeacher.user.auth)
        .send({ planTopicId: plan.topics[position - 1].id });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        planTopicId: plan.topics[position - 1].id,
        topic: plan.topics[position - 1].title,
      });
    };
    const topic = (position: number, deliveredHours: number) => ({
      planId: plan.id,
      topic: { ...plan.topics[position - 1], deliveredHours },
    });

    it('walks the topics as lessons get linked to them', async () => {
      const [l1, l2, l3, l4, l5] = lessons;
      expect(await suggest(l1)).toEqual(topic(1, 0));
      await record(l1, 1);
      // Topic 1 has two hours: the next lesson still takes it.
      expect(await suggest(l2)).toEqual(topic(1, 1));
      // The linked lesson itself is not counted against its topic.
      expect(await suggest(l1)).toEqual(topic(1, 0));
      await record(l2, 1);
      expect(await suggest(l3)).toEqual(topic(2, 0));
      await record(l3, 2);
      expect(await suggest(l4)).toEqual(topic(3, 0));
      await record(l4, 3);
      expect(await suggest(l5)).toEqual({ planId: plan.id, topic: null });
    });

    it('a cancelled lesson no longer delivers its topic', async () => {
      const [, l2, , , l5] = lessons;
      await t
        .http()
        .post(`/v1/lessons/${l2.id}/cancel`)
        .set(admin.auth)
        .send({ reason: 'Карантин' })
        .expect(200);
      expect(await suggest(l5)).toEqual(topic(1, 1));
      const read = await t.http().get(`/v1/thematic-plans/${plan.id}`).set(admin.auth);
      expect(
        (read.body as PlanBody).topics.map((topic) => [topic.position, topic.deliveredHours]),
      ).toEqual([
        [1, 1],
        [2, 1],
        [3, 1],
      ]);
    });

    it('answers null without a plan, and 404 for a lesson the caller cannot see', async () => {
      const noPlan = await createLesson(t, {
        schoolClass: class7b,
        subject: history,
        teacher: otherTeacher.person,
        date: '2026-09-09',
      });
      expect(await suggest(noPlan, admin)).toEqual({ planId: null, topic: null });
      for (const user of [student, engTeacher.user]) {
        const response = await t
          .http()
          .get(`/v1/lessons/${lessons[0].id}/suggested-topic`)
          .set(user.auth);
        expectProblem(response, 404, 'resource.not_found');
      }
    });
  });

  /** Links a lesson to a plan topic in the database, as recording it would. */
  async function linkLesson(lesson: Lesson, topicId: string): Promise<void> {
    const em = t.em();
    const row = await em.findOneOrFail(Lesson, lesson.id);
    row.planTopic = em.getReference(ThematicPlanTopic, topicId);
    await em.flush();
  }
});

describe('Program fulfilment (O5)', () => {
  let t: TestApp;
  let school: School;
  let admin: TestUser;
  let director: TestUser;
  let student: TestUser;
  let physTeacher: Staff;
  let chemTeacher: Staff;
  let otherPhysTeacher: Staff;
  let classTeacher: Staff;
  let class9a: SchoolClass;
  let class9b: SchoolClass;
  let physics: Subject;
  let chemistry: Subject;
  let cancelled: Lesson;

  beforeAll(async () => {
    t = await startTestApp();
    school = await createSchool(t);
    admin = await asRole(t, 'admin', school);
    director = await asRole(t, 'director', school);
    physTeacher = await createStaffMember(t, school, 'Физикова');
    chemTeacher = await createStaffMember(t, school, 'Химикова');
    otherPhysTeacher = await createStaffMember(t, school, 'Механикова');
    classTeacher = await createStaffMember(t, school, 'Классова');
    const year = await createAcademicYear(t, school, {
      startsOn: '2026-09-01',
      endsOn: '2027-05-31',
    });
    class9a = await createClass(t, year, 9, 'А', classTeacher.person);
    class9b = await createClass(t, year, 9, 'Б');
    physics = await createSubject(t, school, 'Физика');
    chemistry = await createSubject(t, school, 'Химия');
    await assignTeacher(t, class9a, physics, physTeacher.person);
    await assignTeacher(t, class9a, chemistry, chemTeacher.person);
    await assignTeacher(t, class9b, physics, otherPhysTeacher.person);

    student = await createUser(t, { roles: [{ role: 'student', school }] });
    const card = await createPerson(t, school, 'student', { accountId: student.account.id });
    await enroll(t, card, class9a);

    const plan = (user: TestUser, schoolClass: SchoolClass, body: [string, number][]) =>
      t
        .http()
        .put(`/v1/classes/${schoolClass.id}/thematic-plans/${physics.id}`)
        .set(user.auth)
        .send({ topics: topics(...body) })
        .expect(200);
    await plan(physTeacher.user, class9a, [
      ['Механика', 1],
      ['Тепловые явления', 1],
      ['Электричество', 1],
      ['Оптика', 1],
    ]);
    await plan(otherPhysTeacher.user, class9b, [['Механика', 3]]);

    const lesson = (schoolClass: SchoolClass, subject: Subject, teacher: Staff, date: string) =>
      createLesson(t, { schoolClass, subject, teacher: teacher.person, date });
    await lesson(class9a, physics, physTeacher, '2026-09-07');
    cancelled = await lesson(class9a, physics, physTeacher, '2026-09-09');
    await lesson(class9a, physics, physTeacher, '2026-09-14');
    await lesson(class9a, physics, physTeacher, '2026-09-16');
    await lesson(class9a, chemistry, chemTeacher, '2026-09-08');
    await lesson(class9a, chemistry, chemTeacher, '2026-09-22');
    await lesson(class9b, physics, otherPhysTeacher, '2026-09-10');
    // Outside the class's academic year: not counted.
    await lesson(class9b, physics, otherPhysTeacher, '2027-06-10');
  });
  afterAll(() => t.close());

  const fulfilment = (user: TestUser, query = 'on=2026-09-15') =>
    t.http().get(`/v1/schools/${school.id}/program-fulfilment?${query}`).set(user.auth);
  const person = (staff: Staff) => ({ id: staff.person.id, fullName: expect.any(String) });

  const physics9a = () => ({
    classId: class9a.id,
    className: '9А',
    subject: { id: physics.id, name: 'Физика' },
    subgroup: null,
    teacher: person(physTeacher),
    plannedHours: 4,
  });
  const chemistry9a = () => ({
    classId: class9a.id,
    className: '9А',
    subject: { id: chemistry.id, name: 'Химия' },
    subgroup: null,
    teacher: person(chemTeacher),
    plannedHours: null,
    scheduledHours: 2,
    deliveredHours: 1,
    cancelledHours: 0,
    remainingHours: null,
    shortfallHours: null,
  });
  const physics9b = () => ({
    classId: class9b.id,
    className: '9Б',
    subject: { id: physics.id, name: 'Физика' },
    subgroup: null,
    teacher: person(otherPhysTeacher),
    plannedHours: 3,
    scheduledHours: 1,
    deliveredHours: 1,
    cancelledHours: 0,
    remainingHours: 2,
    shortfallHours: 2,
  });

  it('shows planned, scheduled and delivered hours per class and subject', async () => {
    const response = await fulfilment(admin).expect(200);
    expect(response.body).toEqual({
      on: '2026-09-15',
      items: [
        {
          ...physics9a(),
          scheduledHours: 4,
          deliveredHours: 3,
          cancelledHours: 0,
          remainingHours: 1,
          shortfallHours: 0,
        },
        chemistry9a(),
        physics9b(),
      ],
    });
  });

  it('planned vs delivered hours after a cancelled lesson', async () => {
    await t
      .http()
      .post(`/v1/lessons/${cancelled.id}/cancel`)
      .set(admin.auth)
      .send({ reason: 'Учитель на курсах' })
      .expect(200);
    const response = await fulfilment(admin, `on=2026-09-15&classId=${class9a.id}`).expect(200);
    expect(response.body.items).toEqual([
      {
        ...physics9a(),
        // One lesson fewer is scheduled and delivered; the plan no longer fits by one hour.
        scheduledHours: 3,
        deliveredHours: 2,
        cancelledHours: 1,
        remainingHours: 2,
        shortfallHours: 1,
      },
      chemistry9a(),
    ]);
    // Before the cancelled lesson's date it is neither delivered nor cancelled yet.
    const early = await fulfilment(admin, `on=2026-09-08&subjectId=${physics.id}`).expect(200);
    expect(early.body.items).toEqual([
      {
        ...physics9a(),
        scheduledHours: 3,
        deliveredHours: 1,
        cancelledHours: 0,
        remainingHours: 3,
        shortfallHours: 1,
      },
      { ...physics9b(), deliveredHours: 0, remainingHours: 3 },
    ]);
  });

  it('shows each caller the rows whose plan they may read', async () => {
    const rowsOf = async (user: TestUser) => {
      const response = await fulfilment(user).expect(200);
      return (response.body.items as { className: string; subject: { name: string } }[]).map(
        (row) => `${row.className} ${row.subject.name}`,
      );
    };
    const all = ['9А Физика', '9А Химия', '9Б Физика'];
    expect(await rowsOf(admin)).toEqual(all);
    expect(await rowsOf(director)).toEqual(all);
    expect(await rowsOf(classTeacher.user)).toEqual(['9А Физика', '9А Химия']);
    expect(await rowsOf(physTeacher.user)).toEqual(['9А Физика']);
    // Without a plan, the row is the assigned teacher's.
    expect(await rowsOf(chemTeacher.user)).toEqual(['9А Химия']);
    expect(await rowsOf(otherPhysTeacher.user)).toEqual(['9Б Физика']);
    expect(await rowsOf(student)).toEqual([]);
  });

  it('two writes of a new plan at once make one plan (the later may be told to retry)', async () => {
    await assignTeacher(t, class9b, chemistry, chemTeacher.person);
    const write = (title: string) =>
      t
        .http()
        .put(`/v1/classes/${class9b.id}/thematic-plans/${chemistry.id}`)
        .set(chemTeacher.user.auth)
        .send({ topics: topics([title, 2]) });
    const responses = await Promise.all([write('Атомы'), write('Молекулы')]);
    const statuses = responses.map((response) => response.status);
    expect(statuses).toContain(200);
    for (const response of responses) {
      if (response.status !== 200) expectProblem(response, 409, 'resource.conflict');
    }
    const plans = await t
      .em()
      .find(ThematicPlan, { schoolClass: class9b.id, subject: chemistry.id });
    expect(plans).toHaveLength(1);
    expect(await t.em().count(ThematicPlanTopic, { plan: plans[0].id })).toBe(1);
  });

  it('answers 404 for a school the caller cannot see, 400 for a class of another school', async () => {
    const elsewhere = await createSchool(t);
    const stranger = await asRole(t, 'admin', elsewhere);
    expectProblem(await fulfilment(stranger), 404, 'resource.not_found');
    const otherYear = await createAcademicYear(t, elsewhere);
    const foreign = await createClass(t, otherYear, 9, 'А');
    const response = await fulfilment(admin, `classId=${foreign.id}`);
    expect(fieldsOf(expectProblem(response, 400, 'request.invalid'))).toEqual(['classId']);
    const badDate = await fulfilment(admin, 'on=2026-02-30');
    expect(fieldsOf(expectProblem(badDate, 400, 'request.invalid'))).toEqual(['on']);
  });
});

import { addDays, mondayOf } from '../src/core/calendar/date-only';
import { AuditEvent } from '../src/core/audit/audit-event.entity';
import type { School } from '../src/core/tenancy/entities/school.entity';
import { AcademicYear } from '../src/modules/academic-years/entities/academic-year.entity';
import type { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import { SchoolClass as SchoolClassEntity } from '../src/modules/classes/entities/school-class.entity';
import { Subgroup, SubgroupSplit } from '../src/modules/classes/entities/subgroup.entity';
import type { Lesson } from '../src/modules/lessons/entities/lesson.entity';
import {
  ThematicPlan,
  ThematicPlanTopic,
} from '../src/modules/lessons/entities/thematic-plan.entity';
import { Guardianship } from '../src/modules/people/entities/guardianship.entity';
import { Person } from '../src/modules/people/entities/person.entity';
import { LessonType } from '../src/modules/reference-data/entities/lesson-type.entity';
import { Subject } from '../src/modules/reference-data/entities/subject.entity';
import { createAcademicYear, periodsOfGrade, type YearView } from './support/calendar-fixtures';
import {
  createClass,
  createPerson,
  daysFromToday,
  enroll,
  today,
} from './support/classes-fixtures';
import { asRole, createRegion, createSchool, type TestUser } from './support/factories';
import {
  addDefaultReferenceData,
  assignTeacher,
  createLesson,
  createStaffMember,
  type LessonSpec,
} from './support/lessons-fixtures';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

type FieldErrors = { field: string; messages: string[] }[];

interface LessonView {
  id: string;
  date: string;
  lessonNumber: number;
  subject: { id: string; name: string };
  subgroup: { id: string; name: string } | null;
  status: string;
  topic: string | null;
  notes: string | null;
  homework: { text: string; dueOn: string | null } | null;
  [field: string]: unknown;
}

const MONDAY = '2026-11-23';
const TUESDAY = '2026-11-24';
const WEDNESDAY = '2026-11-25';
const THURSDAY = '2026-11-26';

describe('lesson records (J1)', () => {
  let t: TestApp;
  let school: School;
  let admin: TestUser;
  let calendar: YearView;
  let sevenA: SchoolClass;
  let sevenB: SchoolClass;
  let math: Subject;
  let russian: Subject;
  let english: Subject;
  let combined: LessonType;
  let control: LessonType;
  let laboratory: LessonType;
  let groups: Subgroup[];
  let classTeacher: { user: TestUser; person: Person };
  let mathTeacher: { user: TestUser; person: Person };
  let englishTeacher: { user: TestUser; person: Person };
  let substitute: { user: TestUser; person: Person };
  let studentUser: TestUser;
  let parentUser: TestUser;

  const lesson = (spec: Partial<LessonSpec> & { date: string }) =>
    createLesson(t, {
      schoolClass: sevenA,
      subject: math,
      teacher: mathTeacher.person,
      ...spec,
    });
  const get = (user: TestUser, id: string) => t.http().get(`/v1/lessons/${id}`).set(user.auth);
  const record = (user: TestUser, id: string, body: object) =>
    t.http().patch(`/v1/lessons/${id}`).set(user.auth).send(body);
  const classLessons = (user: TestUser, classId: string, query = '') =>
    t.http().get(`/v1/classes/${classId}/lessons${query}`).set(user.auth);
  const myLessons = (user: TestUser, query = '') =>
    t.http().get(`/v1/me/lessons${query}`).set(user.auth);
  const fields = (body: Record<string, unknown>) =>
    (body.errors as FieldErrors).map((error) => error.field).sort();
  const ids = (items: LessonView[]) => items.map((item) => item.id);

  beforeAll(async () => {
    t = await startTestApp();
    const region = await createRegion(t);
    school = await createSchool(t, region, 'Школа № 5');
    admin = await asRole(t, 'admin', school);
    calendar = await createAcademicYear(t, admin, school);
    await addDefaultReferenceData(t, school);
    const em = t.em();
    const year = await em.findOneOrFail(AcademicYear, calendar.id);
    const subject = (name: string) => em.findOneOrFail(Subject, { schoolId: school.id, name });
    const lessonType = (name: string) =>
      em.findOneOrFail(LessonType, { schoolId: school.id, name });
    math = await subject('Математика');
    russian = await subject('Русский язык');
    english = await subject('Английский язык');
    combined = await lessonType('Комбинированный урок');
    control = await lessonType('Контрольная работа');
    laboratory = await lessonType('Лабораторная работа');

    classTeacher = await createStaffMember(t, school, 'Петрова');
    mathTeacher = await createStaffMember(t, school, 'Иванова');
    englishTeacher = await createStaffMember(t, school, 'Смирнов');
    substitute = await createStaffMember(t, school, 'Орлов');
    sevenA = await createClass(t, year, 7, 'А', classTeacher.person);
    sevenB = await createClass(t, year, 7, 'Б');

    const split = em.create(SubgroupSplit, {
      schoolId: school.id,
      schoolClass: em.getReference(SchoolClassEntity, sevenA.id),
      subject: english,
    });
    groups = [1, 2].map((position) =>
      em.create(Subgroup, { split, name: `Английский язык, ${position} группа`, position }),
    );
    await em.flush();
    await assignTeacher(t, sevenA, russian, classTeacher.person);
    await assignTeacher(t, sevenA, math, mathTeacher.person);
    await assignTeacher(t, sevenA, english, englishTeacher.person, { subgroup: groups[0] });
    await assignTeacher(t, sevenA, english, englishTeacher.person, { subgroup: groups[1] });

    studentUser = await asRole(t, 'student', school);
    const student = await createPerson(t, school, 'student', {
      lastName: 'Фёдорова',
      accountId: studentUser.account.id,
    });
    await enroll(t, student, sevenA);
    parentUser = await asRole(t, 'parent', school);
    const parent = await createPerson(t, school, 'parent', { accountId: parentUser.account.id });
    em.create(Guardianship, {
      schoolId: school.id,
      student: em.getReference(Person, student.id),
      parent: em.getReference(Person, parent.id),
      relation: 'mother',
    });
    await em.flush();
  });
  afterAll(() => t.close());

  describe('recording a lesson', () => {
    it('records topic, type, content, homework and notes, due on the next lesson', async () => {
      const monday = await lesson({ date: MONDAY, lessonNumber: 2 });
      // The next math lesson on Tuesday is cancelled: the homework is due on Wednesday.
      await lesson({ date: TUESDAY, lessonNumber: 1, status: 'cancelled' });
      await lesson({ date: WEDNESDAY, lessonNumber: 3 });
      await lesson({ date: THURSDAY, lessonNumber: 1 });

      const recorded = await record(mathTeacher.user, monday.id, {
        topic: 'Решение линейных уравнений',
        lessonTypeId: combined.id,
        content: 'Разобрали примеры 1–4 у доски.',
        homework: '§ 12, № 301–305',
        notes: 'Повторить перенос слагаемых.',
      }).expect(200);
      expect(recorded.body).toEqual({
        id: monday.id,
        classId: sevenA.id,
        className: '7А',
        date: MONDAY,
        lessonNumber: 2,
        startsAt: '09:25',
        endsAt: '10:10',
        subject: { id: math.id, name: 'Математика' },
        subgroup: null,
        teacher: { id: mathTeacher.person.id, fullName: 'Иванова Имя' },
        substitute: null,
        room: null,
        origin: 'manual',
        status: 'scheduled',
        cancellationReason: null,
        topic: 'Решение линейных уравнений',
        lessonType: { id: combined.id, name: 'Комбинированный урок', kind: 'lesson' },
        planTopicId: null,
        content: 'Разобрали примеры 1–4 у доски.',
        homework: { text: '§ 12, № 301–305', dueOn: WEDNESDAY },
        notes: 'Повторить перенос слагаемых.',
        recordedAt: expect.any(String),
      });
      expect(t.clock.now().getTime() - Date.parse(recorded.body.recordedAt as string)).toBeLessThan(
        60_000,
      );

      const read = await get(mathTeacher.user, monday.id).expect(200);
      expect(read.body).toEqual(recorded.body);
      // Kept in the audit trail: who recorded what, in which school.
      const [audited] = await t
        .em()
        .find(AuditEvent, { entity: 'Lesson', entityId: monday.id, action: 'update' });
      expect(audited).toMatchObject({
        actorId: mathTeacher.user.account.id,
        schoolId: school.id,
        before: expect.objectContaining({ topic: null, homework: null }),
        after: expect.objectContaining({ topic: 'Решение линейных уравнений' }),
      });

      // Fields left out are kept; null clears; an explicit due date wins.
      const changed = await record(mathTeacher.user, monday.id, {
        notes: null,
        homeworkDueOn: THURSDAY,
      }).expect(200);
      expect(changed.body).toMatchObject({
        topic: 'Решение линейных уравнений',
        content: 'Разобрали примеры 1–4 у доски.',
        homework: { text: '§ 12, № 301–305', dueOn: THURSDAY },
        notes: null,
      });
      // Clearing the homework clears its due date too.
      const cleared = await record(mathTeacher.user, monday.id, { homework: null }).expect(200);
      expect(cleared.body.homework).toBeNull();
    });

    it('leaves the due date empty when no lesson of the subject follows', async () => {
      const last = await lesson({ date: '2027-05-31', lessonNumber: 1 });
      const response = await record(mathTeacher.user, last.id, {
        homework: 'Повторить всё за год',
      }).expect(200);
      expect(response.body.homework).toEqual({ text: 'Повторить всё за год', dueOn: null });
    });

    it('takes the topic from the thematic plan', async () => {
      const em = t.em();
      const plan = em.create(ThematicPlan, {
        schoolId: school.id,
        schoolClass: em.getReference(SchoolClassEntity, sevenA.id),
        subject: em.getReference(Subject, math.id),
        teacher: em.getReference(Person, mathTeacher.person.id),
      });
      const topic = em.create(ThematicPlanTopic, {
        plan,
        position: 1,
        title: 'Линейная функция и её график',
        hours: 3,
      });
      const otherPlan = em.create(ThematicPlan, {
        schoolId: school.id,
        schoolClass: em.getReference(SchoolClassEntity, sevenB.id),
        subject: em.getReference(Subject, math.id),
        teacher: em.getReference(Person, mathTeacher.person.id),
      });
      const otherClassTopic = em.create(ThematicPlanTopic, {
        plan: otherPlan,
        position: 1,
        title: 'Чужая тема',
        hours: 1,
      });
      await em.flush();

      const target = await lesson({ date: '2026-11-30', lessonNumber: 1 });
      const response = await record(mathTeacher.user, target.id, {
        planTopicId: topic.id,
      }).expect(200);
      expect(response.body).toMatchObject({
        planTopicId: topic.id,
        topic: 'Линейная функция и её график',
      });
      const worded = await record(mathTeacher.user, target.id, {
        planTopicId: topic.id,
        topic: 'Линейная функция: построение графика',
      }).expect(200);
      expect(worded.body.topic).toBe('Линейная функция: построение графика');

      const refused = await record(mathTeacher.user, target.id, {
        planTopicId: otherClassTopic.id,
      });
      expect(expectProblem(refused, 400, 'request.invalid').errors).toEqual([
        {
          field: 'planTopicId',
          messages: ['planTopicId must be a topic of the thematic plan of 7А, Математика'],
        },
      ]);
    });

    it('lists every bad field, including a control work without a topic', async () => {
      const target = await lesson({ date: '2026-12-01', lessonNumber: 2 });
      const malformed = await record(mathTeacher.user, target.id, {
        topic: '',
        lessonTypeId: 'not-a-uuid',
        content: 42,
        homework: 'x'.repeat(4001),
        homeworkDueOn: '2026-02-30',
        surprise: true,
      });
      expect(fields(expectProblem(malformed, 400, 'request.invalid'))).toEqual([
        'content',
        'homework',
        'homeworkDueOn',
        'lessonTypeId',
        'surprise',
        'topic',
      ]);

      const unnamed = await record(mathTeacher.user, target.id, {
        lessonTypeId: control.id,
        planTopicId: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4ea1',
        homework: 'Подготовиться к самостоятельной',
        homeworkDueOn: '2026-11-30',
      });
      const errors = expectProblem(unnamed, 400, 'request.invalid').errors as FieldErrors;
      expect(errors.map((error) => error.field).sort()).toEqual([
        'homeworkDueOn',
        'planTopicId',
        'topic',
      ]);
      expect(errors.find((error) => error.field === 'topic')?.messages).toEqual([
        'a control work (lesson type «Контрольная работа») must be named in the topic',
      ]);
      expect(errors.find((error) => error.field === 'homeworkDueOn')?.messages).toEqual([
        'homeworkDueOn must not be before the lesson (2026-12-01)',
      ]);
      // Nothing was changed.
      expect((await get(mathTeacher.user, target.id).expect(200)).body).toMatchObject({
        lessonType: null,
        homework: null,
        recordedAt: null,
      });

      const named = await record(mathTeacher.user, target.id, {
        lessonTypeId: laboratory.id,
        topic: 'Лабораторная работа № 1',
      }).expect(200);
      expect(named.body.lessonType).toEqual({
        id: laboratory.id,
        name: 'Лабораторная работа',
        kind: 'laboratory',
      });
      // The topic of a laboratory work cannot be cleared while it stays one.
      expectProblem(
        await record(mathTeacher.user, target.id, { topic: null }),
        400,
        'request.invalid',
      );

      const em = t.em();
      const archived = em.create(LessonType, {
        schoolId: school.id,
        name: 'Урок-игра',
        archived: true,
      });
      await em.flush();
      const stale = await record(mathTeacher.user, target.id, { lessonTypeId: archived.id });
      expect(expectProblem(stale, 400, 'request.invalid').errors).toEqual([
        { field: 'lessonTypeId', messages: ['lesson type «Урок-игра» is archived'] },
      ]);
      const foreign = await record(mathTeacher.user, target.id, {
        lessonTypeId: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e81',
      });
      expect(expectProblem(foreign, 400, 'request.invalid').errors).toEqual([
        { field: 'lessonTypeId', messages: ['lessonTypeId must be a lesson type of this school'] },
      ]);
    });

    it('refuses a cancelled lesson and a lesson of a closed study period', async () => {
      const cancelled = await lesson({ date: '2026-12-02', lessonNumber: 4, status: 'cancelled' });
      const refused = await record(mathTeacher.user, cancelled.id, { topic: 'Тема' });
      expect(expectProblem(refused, 409, 'resource.conflict').detail).toContain('cancelled');

      const october = await lesson({ date: '2026-10-20', lessonNumber: 1 });
      await record(mathTeacher.user, october.id, { topic: 'До закрытия' }).expect(200);
      const [firstQuarter] = periodsOfGrade(calendar, 7);
      await t
        .http()
        .post(`/v1/study-periods/${firstQuarter.id}/close`)
        .set(admin.auth)
        .send({ reason: 'Четверть закрыта' })
        .expect(200);
      const locked = await record(mathTeacher.user, october.id, { topic: 'После закрытия' });
      expectProblem(locked, 409, 'period.closed');
      expect((await get(mathTeacher.user, october.id).expect(200)).body.topic).toBe('До закрытия');
    });

    it('answers 412 when the lesson changed since it was read', async () => {
      const target = await lesson({ date: '2026-12-03', lessonNumber: 1 });
      const etag = (await get(mathTeacher.user, target.id).expect(200)).headers.etag;
      await record(mathTeacher.user, target.id, { topic: 'Первая запись' })
        .set('If-Match', etag)
        .expect(200);
      expectProblem(
        await record(mathTeacher.user, target.id, { topic: 'Вторая запись' }).set('If-Match', etag),
        412,
        'resource.precondition_failed',
      );
    });
  });

  describe('who records', () => {
    it('lets only the lesson’s teacher record it: 403 for who reads it, 404 for the others', async () => {
      const target = await lesson({ date: '2026-12-07', lessonNumber: 1 });
      // The English teacher cannot even see a math lesson; the class teacher sees it.
      expectProblem(await get(englishTeacher.user, target.id), 404, 'resource.not_found');
      expectProblem(
        await record(englishTeacher.user, target.id, { topic: 'Чужой урок' }),
        404,
        'resource.not_found',
      );
      await get(classTeacher.user, target.id).expect(200);
      expectProblem(
        await record(classTeacher.user, target.id, { topic: 'Чужой урок' }),
        403,
        'access.forbidden',
      );
      expectProblem(await record(admin, target.id, { topic: 'Админ' }), 403, 'access.forbidden');
      expectProblem(
        await record(studentUser, target.id, { topic: 'Ученик' }),
        403,
        'access.forbidden',
      );
    });

    it('gives a substituted lesson to the substitute for that one lesson only', async () => {
      const substituted = await lesson({
        date: '2026-12-08',
        lessonNumber: 2,
        substitute: substitute.person,
      });
      const regular = await lesson({ date: '2026-12-09', lessonNumber: 2 });
      expectProblem(
        await record(mathTeacher.user, substituted.id, { topic: 'Моя тема' }),
        403,
        'access.forbidden',
      );
      const done = await record(substitute.user, substituted.id, {
        topic: 'Замена: задачи на движение',
        notes: 'Провёл Орлов',
      }).expect(200);
      expect(done.body).toMatchObject({
        substitute: { id: substitute.person.id, fullName: 'Орлов Имя' },
        topic: 'Замена: задачи на движение',
        notes: 'Провёл Орлов',
      });
      // The regular teacher still reads it; the substitute cannot touch other lessons.
      expect((await get(mathTeacher.user, substituted.id).expect(200)).body.notes).toBe(
        'Провёл Орлов',
      );
      expectProblem(
        await record(substitute.user, regular.id, { topic: 'Не мой урок' }),
        404,
        'resource.not_found',
      );
    });
  });

  describe('the class’s lessons', () => {
    let week: Lesson[];

    beforeAll(async () => {
      // A week of 7Б (to stay separate) and of 7А in a week nothing else uses.
      const on = (day: number) => `2027-02-0${day}`; // Mon 2027-02-01 … Sun 2027-02-07
      week = [
        await lesson({ date: on(3), lessonNumber: 1 }),
        await createLesson(t, {
          schoolClass: sevenA,
          subject: english,
          teacher: englishTeacher.person,
          subgroup: groups[1],
          date: on(1),
          lessonNumber: 2,
        }),
        await createLesson(t, {
          schoolClass: sevenA,
          subject: russian,
          teacher: classTeacher.person,
          date: on(1),
          lessonNumber: 1,
          topic: 'Причастный оборот',
        }),
        await createLesson(t, {
          schoolClass: sevenA,
          subject: english,
          teacher: englishTeacher.person,
          subgroup: groups[0],
          date: on(1),
          lessonNumber: 2,
        }),
        await lesson({ date: on(1), lessonNumber: 3 }),
        await lesson({ date: on(5), lessonNumber: 1, status: 'cancelled' }),
        await lesson({ date: '2027-02-08', lessonNumber: 1 }), // the next week
      ];
      await record(classTeacher.user, week[2].id, { notes: 'Проверить тетради' }).expect(200);
      await createLesson(t, {
        schoolClass: sevenB,
        subject: math,
        teacher: mathTeacher.person,
        date: on(1),
        lessonNumber: 1,
      });
    });

    it('gives the class teacher the whole week in one request, in timetable order', async () => {
      const response = await classLessons(classTeacher.user, sevenA.id, '?from=2027-02-01');
      expect(response.status).toBe(200);
      const items = response.body.items as LessonView[];
      // Russian (1), English group 1 and 2 in parallel (2), math (3) on Monday, then Wednesday, Friday.
      expect(ids(items)).toEqual(
        [week[2], week[3], week[1], week[4], week[0], week[5]].map((l) => l.id),
      );
      expect(
        items.map((item) => [item.date, item.lessonNumber, item.subgroup?.name ?? null]),
      ).toEqual([
        ['2027-02-01', 1, null],
        ['2027-02-01', 2, 'Английский язык, 1 группа'],
        ['2027-02-01', 2, 'Английский язык, 2 группа'],
        ['2027-02-01', 3, null],
        ['2027-02-03', 1, null],
        ['2027-02-05', 1, null],
      ]);
      expect(items[0]).toMatchObject({ topic: 'Причастный оборот', notes: 'Проверить тетради' });
      expect(items[5].status).toBe('cancelled');

      const mathOnly = await classLessons(
        classTeacher.user,
        sevenA.id,
        `?from=2027-02-01&to=2027-02-07&subjectId=${math.id}`,
      ).expect(200);
      expect(ids(mathOnly.body.items as LessonView[])).toEqual(
        [week[4], week[0], week[5]].map((l) => l.id),
      );
    });

    it('shows a subject teacher only their own lessons of the class', async () => {
      const response = await classLessons(
        englishTeacher.user,
        sevenA.id,
        '?from=2027-02-01',
      ).expect(200);
      expect(ids(response.body.items as LessonView[])).toEqual([week[3].id, week[1].id]);
    });

    it('shows students and parents their class’s lessons without notes, and no other class', async () => {
      for (const user of [studentUser, parentUser]) {
        const response = await classLessons(
          user,
          sevenA.id,
          '?from=2027-02-01&to=2027-02-07',
        ).expect(200);
        const items = response.body.items as LessonView[];
        expect(items).toHaveLength(6);
        expect(items[0]).toMatchObject({ topic: 'Причастный оборот', notes: null });
        expect((await get(user, week[2].id).expect(200)).body).toMatchObject({
          topic: 'Причастный оборот',
          notes: null,
        });
        expectProblem(await classLessons(user, sevenB.id), 404, 'resource.not_found');
      }
      const sevenBLessons = await classLessons(admin, sevenB.id, '?from=2027-02-01').expect(200);
      expectProblem(
        await get(studentUser, (sevenBLessons.body.items as LessonView[])[0].id),
        404,
        'resource.not_found',
      );
    });

    it('covers this week by default and at most 31 days', async () => {
      // Monday of the pinned date's week, in the test school's time zone; the 7th lessons are
      // this test's own (other tests give 7А lessons on fixed dates, maybe in this week too).
      const monday = mondayOf(today());
      const thisWeek = [
        await lesson({ date: monday, lessonNumber: 7 }),
        await lesson({ date: addDays(monday, 6), lessonNumber: 7 }),
      ];
      await lesson({ date: addDays(monday, -1), lessonNumber: 7 });
      await lesson({ date: addDays(monday, 7), lessonNumber: 7 });
      const response = await classLessons(classTeacher.user, sevenA.id).expect(200);
      const sevenths = (response.body.items as LessonView[]).filter((l) => l.lessonNumber === 7);
      expect(ids(sevenths)).toEqual(thisWeek.map((l) => l.id));

      const tooLong = await classLessons(
        classTeacher.user,
        sevenA.id,
        '?from=2027-02-01&to=2027-03-04',
      );
      expect(expectProblem(tooLong, 400, 'request.invalid').errors).toEqual([
        { field: 'to', messages: ['2027-02-01 to 2027-03-04 is 32 days: at most 31 at once'] },
      ]);
      const backwards = await classLessons(
        classTeacher.user,
        sevenA.id,
        '?from=2027-02-07&to=2027-02-01',
      );
      expect(expectProblem(backwards, 400, 'request.invalid').errors).toEqual([
        { field: 'to', messages: ['to must not be before from'] },
      ]);
      await classLessons(classTeacher.user, sevenA.id, '?from=2027-02-01&to=2027-03-03').expect(
        200,
      );
      expectProblem(
        await classLessons(classTeacher.user, sevenA.id, '?from=2027-02-31'),
        400,
        'request.invalid',
      );
    });
  });

  describe('my lessons', () => {
    it('lists what a teacher teaches: substitutions for the substitute, not for the teacher', async () => {
      const day = '2027-03-01';
      const own = await lesson({ date: day, lessonNumber: 1 });
      const substituted = await lesson({
        date: day,
        lessonNumber: 2,
        substitute: substitute.person,
      });
      const cancelled = await lesson({ date: day, lessonNumber: 3, status: 'cancelled' });
      const otherClass = await createLesson(t, {
        schoolClass: sevenB,
        subject: math,
        teacher: mathTeacher.person,
        date: '2027-03-02',
        lessonNumber: 1,
      });

      const mine = await myLessons(mathTeacher.user, `?from=${day}`).expect(200);
      expect((mine.body.items as LessonView[]).map((l) => [l.id, l.status])).toEqual([
        [own.id, 'scheduled'],
        [cancelled.id, 'cancelled'],
      ]);
      const week = await myLessons(mathTeacher.user, `?from=${day}&to=2027-03-07`).expect(200);
      expect(ids(week.body.items as LessonView[])).toEqual([own.id, cancelled.id, otherClass.id]);

      const theirs = await myLessons(substitute.user, `?from=${day}&to=2027-03-07`).expect(200);
      expect(theirs.body.items).toEqual([
        expect.objectContaining({
          id: substituted.id,
          className: '7А',
          teacher: { id: mathTeacher.person.id, fullName: 'Иванова Имя' },
          substitute: { id: substitute.person.id, fullName: 'Орлов Имя' },
        }),
      ]);
    });

    it('covers today by default; empty without a staff card', async () => {
      const todays = await lesson({ date: today(), lessonNumber: 6 });
      await lesson({ date: daysFromToday(1), lessonNumber: 6 });
      const response = await myLessons(mathTeacher.user).expect(200);
      const items = response.body.items as LessonView[];
      expect(ids(items)).toContain(todays.id);
      expect(items.every((item) => item.date === today())).toBe(true);

      const cardless = await asRole(t, 'teacher', school);
      expect((await myLessons(cardless).expect(200)).body).toEqual({ items: [] });
      expectProblem(
        await myLessons(mathTeacher.user, '?from=2027-03-01&to=2027-04-30'),
        400,
        'request.invalid',
      );
      // Students have no lessons of their own to teach.
      expect((await myLessons(studentUser).expect(200)).body).toEqual({ items: [] });
    });
  });
});

import { AuditEvent } from '../src/core/audit/audit-event.entity';
import { School } from '../src/core/tenancy/entities/school.entity';
import type { AcademicYear } from '../src/modules/academic-years/entities/academic-year.entity';
import { Holiday } from '../src/modules/academic-years/entities/holiday.entity';
import { PeriodScheme } from '../src/modules/academic-years/entities/period-scheme.entity';
import { StudyPeriod } from '../src/modules/academic-years/entities/study-period.entity';
import { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import { Subgroup, SubgroupSplit } from '../src/modules/classes/entities/subgroup.entity';
import { CurriculumLine } from '../src/modules/curriculum/entities/curriculum-line.entity';
import { Person } from '../src/modules/people/entities/person.entity';
import { Subject } from '../src/modules/reference-data/entities/subject.entity';
import { TimetableEntry } from '../src/modules/timetable/entities/timetable-entry.entity';
import {
  createAcademicYear,
  createClass,
  createPerson,
  createSubject,
  today,
} from './support/classes-fixtures';
import { asRole, createRegion, createSchool, type TestUser } from './support/factories';
import { assignTeacher } from './support/lessons-fixtures';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

interface LineBody {
  id: string;
  grade: number;
  subject: { id: string; name: string };
  hoursPerWeek: number;
}

/**
 * The calendar every figure below is computed on: 2026-09-01 (a Tuesday) to 2027-05-31
 * (a Monday), autumn holidays 26.10–03.11 for everyone and a February week for grade 1 only.
 * Five-day week: 188 school days for grade 7 (37.6 weeks), 183 for grade 1 (36.6 weeks).
 * Six-day week: 226 days for grade 7 (37.7 weeks).
 */
const YEAR = { startsOn: '2026-09-01', endsOn: '2027-05-31' };

describe('curriculum, teacher load and student load (O5, O6)', () => {
  let t: TestApp;
  let school: School;
  let otherSchool: School;
  let year: AcademicYear;
  let admin: TestUser;
  let deputy: TestUser;
  let director: TestUser;
  let teacher: TestUser;
  let student: TestUser;
  let parent: TestUser;
  let otherAdmin: TestUser;
  let maths: Subject;
  let russian: Subject;
  let english: Subject;
  let physics: Subject;
  let drawing: Subject;
  let otherMaths: Subject;

  beforeAll(async () => {
    t = await startTestApp();
    const region = await createRegion(t);
    school = await createSchool(t, region, 'A');
    otherSchool = await createSchool(t, region, 'B');
    year = await createAcademicYear(t, school, { name: '2026/2027', ...YEAR });
    await addHolidays(year);
    admin = await asRole(t, 'admin', school);
    deputy = await asRole(t, 'deputy', school);
    director = await asRole(t, 'director', school);
    teacher = await asRole(t, 'teacher', school);
    student = await asRole(t, 'student', school);
    parent = await asRole(t, 'parent', school);
    otherAdmin = await asRole(t, 'admin', otherSchool);
    maths = await createSubject(t, school, 'Математика');
    russian = await createSubject(t, school, 'Русский язык');
    english = await createSubject(t, school, 'Английский язык');
    physics = await createSubject(t, school, 'Физика');
    drawing = await createSubject(t, school, 'Черчение', true);
    otherMaths = await createSubject(t, otherSchool, 'Математика');
  });
  afterAll(() => t.close());

  async function addHolidays(of: AcademicYear): Promise<void> {
    const em = t.em();
    em.create(Holiday, {
      schoolId: of.schoolId,
      academicYearId: of.id,
      name: 'Осенние каникулы',
      startsOn: '2026-10-26',
      endsOn: '2026-11-03',
    });
    em.create(Holiday, {
      schoolId: of.schoolId,
      academicYearId: of.id,
      name: 'Дополнительные каникулы',
      startsOn: '2027-02-15',
      endsOn: '2027-02-21',
      grades: [1],
    });
    await em.flush();
  }

  const curriculumUrl = (yearId = year.id) => `/v1/academic-years/${yearId}/curriculum`;
  const putGrade = (user: TestUser, grade: number | string, lines: object[], yearId = year.id) =>
    t
      .http()
      .put(`${curriculumUrl(yearId)}/${grade}`)
      .set(user.auth)
      .send({ lines });
  const getCurriculum = (user: TestUser, query = '', yearId = year.id) =>
    t
      .http()
      .get(`${curriculumUrl(yearId)}${query}`)
      .set(user.auth);
  const fields = (body: Record<string, unknown>) =>
    (body.errors as { field: string }[]).map((e) => e.field);

  describe('curriculum', () => {
    it('replaces a grade’s lines: kept subjects updated in place, new ones added, others removed', async () => {
      const seven = await putGrade(deputy, 7, [
        { subjectId: russian.id, hoursPerWeek: 5 },
        { subjectId: maths.id, hoursPerWeek: 6 },
        { subjectId: english.id, hoursPerWeek: 3 },
      ]).expect(200);
      expect(seven.body).toEqual({
        items: [
          {
            id: expect.any(String),
            grade: 7,
            subject: { id: english.id, name: 'Английский язык' },
            hoursPerWeek: 3,
          },
          {
            id: expect.any(String),
            grade: 7,
            subject: { id: maths.id, name: 'Математика' },
            hoursPerWeek: 6,
          },
          {
            id: expect.any(String),
            grade: 7,
            subject: { id: russian.id, name: 'Русский язык' },
            hoursPerWeek: 5,
          },
        ],
      });
      const [englishLine, mathsLine, russianLine] = seven.body.items as LineBody[];
      await putGrade(admin, 1, [{ subjectId: maths.id, hoursPerWeek: 4 }]).expect(200);

      const all = await getCurriculum(director).expect(200);
      expect(
        (all.body.items as LineBody[]).map((l) => [l.grade, l.subject.name, l.hoursPerWeek]),
      ).toEqual([
        [1, 'Математика', 4],
        [7, 'Английский язык', 3],
        [7, 'Математика', 6],
        [7, 'Русский язык', 5],
      ]);

      const replaced = await putGrade(deputy, 7, [
        { subjectId: physics.id, hoursPerWeek: 2.5 },
        { subjectId: maths.id, hoursPerWeek: 5 },
      ]).expect(200);
      expect(replaced.body).toEqual({
        items: [
          {
            id: mathsLine.id,
            grade: 7,
            subject: { id: maths.id, name: 'Математика' },
            hoursPerWeek: 5,
          },
          {
            id: expect.any(String),
            grade: 7,
            subject: { id: physics.id, name: 'Физика' },
            hoursPerWeek: 2.5,
          },
        ],
      });
      expect((await getCurriculum(teacher, '?grade=7').expect(200)).body).toEqual(replaced.body);
      const gradeOne = await getCurriculum(teacher, '?grade=1').expect(200);
      expect(
        (gradeOne.body.items as LineBody[]).map((l) => [l.subject.name, l.hoursPerWeek]),
      ).toEqual([['Математика', 4]]);

      // Every change is in the audit trail, filed under the school, with who made it.
      const events = await t.em().find(
        AuditEvent,
        {
          entity: 'CurriculumLine',
          entityId: { $in: [mathsLine.id, englishLine.id, russianLine.id] },
        },
        { orderBy: { occurredAt: 'asc', id: 'asc' } },
      );
      expect(events.map((e) => [e.entityId, e.action, e.schoolId, e.actorId]).sort()).toEqual(
        [
          [englishLine.id, 'create', school.id, deputy.account.id],
          [englishLine.id, 'delete', school.id, deputy.account.id],
          [mathsLine.id, 'create', school.id, deputy.account.id],
          [mathsLine.id, 'update', school.id, deputy.account.id],
          [russianLine.id, 'create', school.id, deputy.account.id],
          [russianLine.id, 'delete', school.id, deputy.account.id],
        ].sort(),
      );
    });

    it('clears a grade with an empty list', async () => {
      await putGrade(admin, 3, [{ subjectId: russian.id, hoursPerWeek: 4 }]).expect(200);
      expect((await putGrade(admin, 3, []).expect(200)).body).toEqual({ items: [] });
      expect((await getCurriculum(admin, '?grade=3').expect(200)).body).toEqual({ items: [] });
    });

    it('lists every bad line by its path: subjects of the school, current, once', async () => {
      const body = expectProblem(
        await putGrade(admin, 5, [
          { subjectId: maths.id, hoursPerWeek: 5 },
          { subjectId: drawing.id, hoursPerWeek: 1 },
          { subjectId: maths.id, hoursPerWeek: 1 },
          { subjectId: otherMaths.id, hoursPerWeek: 1 },
        ]),
        400,
        'request.invalid',
      );
      expect(body.errors).toEqual([
        { field: 'lines[1].subjectId', messages: ['no such current subject in this school'] },
        { field: 'lines[2].subjectId', messages: ['the subject is already in lines[0]'] },
        { field: 'lines[3].subjectId', messages: ['no such current subject in this school'] },
      ]);
      // Nothing was stored.
      expect((await getCurriculum(admin, '?grade=5').expect(200)).body).toEqual({ items: [] });
    });

    it('takes hours in (0, 20] in steps of 0.5 and grades 1–11', async () => {
      const body = expectProblem(
        await putGrade(admin, 5, [
          { subjectId: maths.id, hoursPerWeek: 0 },
          { subjectId: russian.id, hoursPerWeek: 20.5 },
          { subjectId: english.id, hoursPerWeek: 2.25 },
          { subjectId: 'not-a-uuid', hoursPerWeek: '3' },
          { subjectId: physics.id, hoursPerWeek: 20 },
        ]),
        400,
        'request.invalid',
      );
      expect(fields(body)).toEqual([
        'lines[0].hoursPerWeek',
        'lines[1].hoursPerWeek',
        'lines[2].hoursPerWeek',
        'lines[3].subjectId',
        'lines[3].hoursPerWeek',
      ]);
      expect((body.errors as { messages: string[] }[])[2].messages).toEqual([
        'hoursPerWeek must be given in steps of 0.5',
      ]);
      expect(
        fields(
          expectProblem(
            await t.http().put(`${curriculumUrl()}/5`).set(admin.auth).send({}),
            400,
            'request.invalid',
          ),
        ),
      ).toEqual(['lines']);
      for (const grade of [0, 12, 'seven']) {
        const bad = expectProblem(await putGrade(admin, grade, []), 400, 'request.invalid');
        expect(bad.errors).toEqual([
          { field: 'grade', messages: ['grade must be a whole number from 1 to 11'] },
        ]);
      }
      expect(
        fields(expectProblem(await getCurriculum(admin, '?grade=12'), 400, 'request.invalid')),
      ).toEqual(['grade']);
    });

    it('is written by the admin and deputy, read by staff; hidden from students, parents and other schools', async () => {
      const lines = [{ subjectId: maths.id, hoursPerWeek: 5 }];
      await putGrade(admin, 9, lines).expect(200);
      await putGrade(deputy, 9, lines).expect(200);
      for (const reader of [director, teacher]) {
        await getCurriculum(reader).expect(200);
        expectProblem(await putGrade(reader, 9, lines), 403, 'access.forbidden');
      }
      for (const outsider of [student, parent, otherAdmin]) {
        expectProblem(await getCurriculum(outsider), 404, 'resource.not_found');
        expectProblem(await putGrade(outsider, 9, lines), 404, 'resource.not_found');
      }
      const unknownYear = '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4a99';
      expectProblem(await getCurriculum(admin, '', unknownYear), 404, 'resource.not_found');
      expectProblem(await putGrade(admin, 9, lines, unknownYear), 404, 'resource.not_found');
    });
  });

  describe('teaching assignment hours', () => {
    let sevenB: SchoolClass;
    let card: Person;
    let split: { english1: Subgroup; english2: Subgroup };

    beforeAll(async () => {
      sevenB = await createClass(t, year, 7, 'Б');
      card = await createPerson(t, school, 'staff', { lastName: 'Кузнецов', firstName: 'Олег' });
      split = await splitInTwo(sevenB, english);
      await putGrade(admin, 7, [
        { subjectId: maths.id, hoursPerWeek: 5 },
        { subjectId: english.id, hoursPerWeek: 3 },
      ]).expect(200);
    });

    const assignmentsUrl = () => `/v1/classes/${sevenB.id}/teaching-assignments`;
    const assign = (body: object) =>
      t
        .http()
        .post(assignmentsUrl())
        .set(admin.auth)
        .send({ teacherId: card.id, ...body });
    const patch = (user: TestUser, id: string, body: object) =>
      t.http().patch(`/v1/teaching-assignments/${id}`).set(user.auth).send(body);

    it('takes the curriculum’s hours by default (every subgroup’s teacher all of them), 0 without a line', async () => {
      const whole = await assign({ subjectId: maths.id }).expect(201);
      expect(whole.body).toEqual({
        id: expect.any(String),
        classId: sevenB.id,
        subject: { id: maths.id, name: 'Математика' },
        teacher: { id: card.id, fullName: 'Кузнецов Олег' },
        subgroup: null,
        hoursPerWeek: 5,
      });
      const group = await assign({ subjectId: english.id, subgroupId: split.english2.id }).expect(
        201,
      );
      expect(group.body).toMatchObject({
        subgroup: { id: split.english2.id, name: 'Английский язык, 2 группа' },
        hoursPerWeek: 3,
      });
      const outside = await assign({ subjectId: russian.id }).expect(201);
      expect(outside.body.hoursPerWeek).toBe(0);
      const given = await assign({ subjectId: physics.id, hoursPerWeek: 2.5 }).expect(201);
      expect(given.body.hoursPerWeek).toBe(2.5);

      const listed = await t.http().get(assignmentsUrl()).set(director.auth).expect(200);
      expect(
        (listed.body.items as { subject: { name: string }; hoursPerWeek: number }[]).map((a) => [
          a.subject.name,
          a.hoursPerWeek,
        ]),
      ).toEqual([
        ['Английский язык', 3],
        ['Математика', 5],
        ['Русский язык', 0],
        ['Физика', 2.5],
      ]);
      expect(
        fields(
          expectProblem(
            await assign({ subjectId: maths.id, subgroupId: split.english1.id, hoursPerWeek: 41 }),
            400,
            'request.invalid',
          ),
        ),
      ).toEqual(['hoursPerWeek']);
    });

    it('changes the hours with PATCH (0–40 in steps of 0.5), as the admin or deputy only', async () => {
      const created = await assign({ subjectId: english.id, subgroupId: split.english1.id }).expect(
        201,
      );
      const id = created.body.id as string;
      const changed = await patch(deputy, id, { hoursPerWeek: 4.5 }).expect(200);
      expect(changed.body).toEqual({ ...created.body, hoursPerWeek: 4.5 });
      expect((await patch(admin, id, { hoursPerWeek: 0 }).expect(200)).body.hoursPerWeek).toBe(0);

      for (const hoursPerWeek of [-1, 40.5, 0.25, '2']) {
        const body = expectProblem(
          await patch(admin, id, { hoursPerWeek }),
          400,
          'request.invalid',
        );
        expect(fields(body)).toEqual(['hoursPerWeek']);
      }
      expect(fields(expectProblem(await patch(admin, id, {}), 400, 'request.invalid'))).toEqual([
        'hoursPerWeek',
      ]);
      expectProblem(await patch(teacher, id, { hoursPerWeek: 2 }), 403, 'access.forbidden');
      expectProblem(await patch(otherAdmin, id, { hoursPerWeek: 2 }), 404, 'resource.not_found');
      const listed = await t.http().get(assignmentsUrl()).set(admin.auth).expect(200);
      expect(
        (listed.body.items as { id: string; hoursPerWeek: number }[]).find((a) => a.id === id)
          ?.hoursPerWeek,
      ).toBe(0);
    });
  });

  describe('teacher load', () => {
    let loadSchool: School;
    let loadYear: AcademicYear;
    let loadAdmin: TestUser;
    let abramova: Person;
    let yakovlev: Person;
    let ids: Record<string, string>;
    let oneA: SchoolClass;
    let sevenA: SchoolClass;
    let english1: Subgroup;

    beforeAll(async () => {
      const region = await createRegion(t);
      loadSchool = await createSchool(t, region, 'Load');
      loadYear = await createAcademicYear(t, loadSchool, { name: '2026/2027', ...YEAR });
      await addHolidays(loadYear);
      loadAdmin = await asRole(t, 'admin', loadSchool);
      const [lMaths, lEnglish] = [
        await createSubject(t, loadSchool, 'Математика'),
        await createSubject(t, loadSchool, 'Английский язык'),
      ];
      oneA = await createClass(t, loadYear, 1, 'А');
      sevenA = await createClass(t, loadYear, 7, 'А');
      english1 = (await splitInTwo(sevenA, lEnglish)).english1;
      yakovlev = await createPerson(t, loadSchool, 'staff', {
        lastName: 'Яковлев',
        firstName: 'Ян',
      });
      abramova = await createPerson(t, loadSchool, 'staff', {
        lastName: 'Абрамова',
        firstName: 'Анна',
        middleName: 'Петровна',
      });
      ids = {
        sevenMaths: (await assignTeacher(t, sevenA, lMaths, abramova, { hoursPerWeek: 5 })).id,
        oneMaths: (await assignTeacher(t, oneA, lMaths, abramova, { hoursPerWeek: 4 })).id,
        sevenEnglish: (
          await assignTeacher(t, sevenA, lEnglish, yakovlev, {
            subgroup: english1,
            hoursPerWeek: 1.5,
          })
        ).id,
      };
      // Another year's assignment is not in this year's load.
      const lastYear = await createAcademicYear(t, loadSchool, {
        name: '2025/2026',
        startsOn: '2025-09-01',
        endsOn: '2026-05-31',
      });
      await assignTeacher(t, await createClass(t, lastYear, 6, 'А'), lMaths, yakovlev, {
        hoursPerWeek: 6,
      });
    });

    const load = (user: TestUser, query = `?academicYearId=${loadYear.id}`, of = loadSchool) =>
      t.http().get(`/v1/schools/${of.id}/teacher-load${query}`).set(user.auth);

    it('gives each teacher’s hours a week and a year from the grade’s school days', async () => {
      const response = await load(loadAdmin).expect(200);
      expect(response.body).toEqual({
        academicYearId: loadYear.id,
        items: [
          {
            teacher: { id: abramova.id, fullName: 'Абрамова Анна Петровна' },
            hoursPerWeek: 9,
            hoursPerYear: 146 + 188,
            assignments: [
              {
                id: ids.oneMaths,
                classId: oneA.id,
                className: '1А',
                subject: { id: expect.any(String), name: 'Математика' },
                subgroup: null,
                hoursPerWeek: 4,
                // 183 school days (the February week off too) / 5 = 36.6; 4 × 36.6 = 146.4.
                studyWeeks: 36.6,
                hoursPerYear: 146,
              },
              {
                id: ids.sevenMaths,
                classId: sevenA.id,
                className: '7А',
                subject: { id: expect.any(String), name: 'Математика' },
                subgroup: null,
                hoursPerWeek: 5,
                // 188 school days / 5 = 37.6.
                studyWeeks: 37.6,
                hoursPerYear: 188,
              },
            ],
          },
          {
            teacher: { id: yakovlev.id, fullName: 'Яковлев Ян' },
            hoursPerWeek: 1.5,
            hoursPerYear: 56,
            assignments: [
              {
                id: ids.sevenEnglish,
                classId: sevenA.id,
                className: '7А',
                subject: { id: expect.any(String), name: 'Английский язык' },
                subgroup: { id: english1.id, name: 'Английский язык, 1 группа' },
                hoursPerWeek: 1.5,
                studyWeeks: 37.6,
                // 1.5 × 37.6 = 56.4.
                hoursPerYear: 56,
              },
            ],
          },
        ],
      });
    });

    it('counts Saturdays in a six-day school', async () => {
      await t.em().nativeUpdate(School, { id: loadSchool.id }, { weekDays: 6 });
      try {
        const response = await load(loadAdmin).expect(200);
        const [abramovaLoad] = response.body.items as {
          assignments: { className: string; studyWeeks: number; hoursPerYear: number }[];
        }[];
        // 226 school days / 6 = 37.67 weeks for grade 7; 220 / 6 = 36.67 for grade 1.
        expect(
          abramovaLoad.assignments.map((a) => [a.className, a.studyWeeks, a.hoursPerYear]),
        ).toEqual([
          ['1А', 36.7, 147],
          ['7А', 37.7, 189],
        ]);
      } finally {
        await t.em().nativeUpdate(School, { id: loadSchool.id }, { weekDays: 5 });
      }
    });

    it('defaults to the year running today; 404 without one, 400 for another school’s year', async () => {
      const region = await createRegion(t);
      const current = await createSchool(t, region, 'Current');
      const currentYear = await createAcademicYear(t, current);
      const currentAdmin = await asRole(t, 'admin', current);
      expect((await load(currentAdmin, '', current).expect(200)).body).toEqual({
        academicYearId: currentYear.id,
        items: [],
      });

      const past = await createSchool(t, region, 'Past');
      await createAcademicYear(t, past, { startsOn: '2020-09-01', endsOn: '2021-05-31' });
      const pastAdmin = await asRole(t, 'admin', past);
      const missing = expectProblem(await load(pastAdmin, '', past), 404, 'resource.not_found');
      expect(missing.detail).toBe(
        `No academic year of this school runs on ${today()}; pass academicYearId.`,
      );
      const foreign = expectProblem(
        await load(currentAdmin, `?academicYearId=${loadYear.id}`, current),
        400,
        'request.invalid',
      );
      expect(foreign.errors).toEqual([
        { field: 'academicYearId', messages: ['no such academic year in this school'] },
      ]);
    });

    it('is read by the school’s staff only', async () => {
      const loadTeacher = await asRole(t, 'teacher', loadSchool);
      const loadDeputy = await asRole(t, 'deputy', loadSchool);
      await load(loadTeacher).expect(200);
      await load(loadDeputy).expect(200);
      for (const role of ['student', 'parent'] as const) {
        expectProblem(await load(await asRole(t, role, loadSchool)), 404, 'resource.not_found');
      }
      expectProblem(await load(admin), 404, 'resource.not_found');
    });
  });

  describe('student load (O6)', () => {
    /** A Monday of the first half of the year: the cells below are in force on it. */
    const ON = '2026-10-05';
    let five: School;
    let six: School;
    let fiveAdmin: TestUser;
    let fiveYear: AcademicYear;
    let sixYear: AcademicYear;
    let subjects: Record<'М' | 'Р' | 'А' | 'Ф' | 'И' | 'Л' | 'Муз', Subject>;
    let classes: Record<'7А' | '7Б' | '1А' | '6-7А', SchoolClass>;

    type Cell = Subject | Subgroup[];

    /** A week of a class: `days[0]` are Monday's lessons 1, 2, …; a subgroup list is parallel lessons. */
    async function addWeek(
      schoolClass: SchoolClass,
      periodId: string,
      days: Cell[][],
      span = { validFrom: '2026-09-01', validUntil: '2026-12-27' },
      firstLesson = 1,
    ): Promise<void> {
      const em = t.em();
      const ofSchool = await em.findOneOrFail(School, schoolClass.schoolId);
      const teacherCard = await createPerson(t, ofSchool, 'staff');
      days.forEach((cells, day) =>
        cells.forEach((cell, index) => {
          const groups = Array.isArray(cell) ? cell : [null];
          for (const subgroup of groups) {
            em.create(TimetableEntry, {
              schoolId: schoolClass.schoolId,
              schoolClass: em.getReference(SchoolClass, schoolClass.id),
              studyPeriodId: periodId,
              weekday: day + 1,
              lessonNumber: firstLesson + index,
              subject: em.getReference(
                Subject,
                subgroup ? subgroup.split.subject.id : (cell as Subject).id,
              ),
              teacher: em.getReference(Person, teacherCard.id),
              subgroup: subgroup ? em.getReference(Subgroup, subgroup.id) : null,
              ...span,
            });
          }
        }),
      );
      await em.flush();
    }

    async function wholeYearPeriod(of: AcademicYear): Promise<string> {
      const em = t.em();
      const scheme = em.create(PeriodScheme, {
        schoolId: of.schoolId,
        academicYearId: of.id,
        name: 'Год',
        grades: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
      });
      const period = em.create(StudyPeriod, {
        schoolId: of.schoolId,
        academicYearId: of.id,
        schemeId: scheme.id,
        ordinal: 1,
        name: 'Учебный год',
        ...YEAR,
      });
      await em.flush();
      return period.id;
    }

    beforeAll(async () => {
      const region = await createRegion(t);
      five = await createSchool(t, region, 'Five');
      six = await createSchool(t, region, 'Six');
      await t.em().nativeUpdate(School, { id: six.id }, { weekDays: 6 });
      fiveAdmin = await asRole(t, 'admin', five);
      fiveYear = await createAcademicYear(t, five, { name: '2026/2027', ...YEAR });
      sixYear = await createAcademicYear(t, six, { name: '2026/2027', ...YEAR });
      const names = {
        М: 'Математика',
        Р: 'Русский язык',
        А: 'Английский язык',
        Ф: 'Физика',
        И: 'История',
        Л: 'Литература',
        Муз: 'Музыка',
      } as const;
      subjects = {} as typeof subjects;
      for (const [key, name] of Object.entries(names))
        subjects[key as keyof typeof names] = await createSubject(t, five, name);
      classes = {
        '7А': await createClass(t, fiveYear, 7, 'А'),
        '7Б': await createClass(t, fiveYear, 7, 'Б'),
        '1А': await createClass(t, fiveYear, 1, 'А'),
        '6-7А': await createClass(t, sixYear, 7, 'А'),
      };
      // Grade 7's curriculum: 30 hours.
      const em = t.em();
      for (const [key, hours] of [
        ['М', 6],
        ['Р', 6],
        ['А', 3],
        ['Ф', 5],
        ['И', 5],
        ['Л', 5],
      ] as const) {
        em.create(CurriculumLine, {
          schoolId: five.id,
          academicYearId: fiveYear.id,
          grade: 7,
          subject: em.getReference(Subject, subjects[key].id),
          hoursPerWeek: hours,
        });
      }
      await em.flush();

      const period = await wholeYearPeriod(fiveYear);
      const { М, Р, Ф, И, Л, Муз } = subjects;
      // The curriculum week: 6 lessons a day, English in two parallel subgroups.
      const curriculumWeek = async (schoolClass: SchoolClass) => {
        const { english1, english2 } = await splitInTwo(schoolClass, subjects.А);
        const А = [english1, english2];
        return [
          [М, Р, А, Ф, И, Л],
          [М, Р, А, Ф, И, Л],
          [М, Р, А, Ф, И, Л],
          [М, Р, Ф, И, Л, М],
          [Р, Р, Ф, И, Л, М],
        ] as Cell[][];
      };
      await addWeek(classes['7А'], period, await curriculumWeek(classes['7А']));
      // Cells no longer and not yet in force on ON do not count.
      await addWeek(
        classes['7А'],
        period,
        [[Муз]],
        { validFrom: '2026-09-01', validUntil: '2026-10-04' },
        7,
      );
      await addWeek(
        classes['7А'],
        period,
        [[], [Муз]],
        { validFrom: '2026-10-06', validUntil: '2026-12-27' },
        7,
      );
      // 7Б: the same week and four more lessons: 34 a week, 8 on Monday.
      await addWeek(classes['7Б'], period, await curriculumWeek(classes['7Б']));
      await addWeek(classes['7Б'], period, [[М, Муз], [М], [М]], undefined, 7);

      // The six-day school: 34 lessons over six days, no curriculum.
      const sixPeriod = await wholeYearPeriod(sixYear);
      const sixMaths = await createSubject(t, six, 'Математика');
      const day = (n: number) => Array.from({ length: n }, () => sixMaths);
      await addWeek(classes['6-7А'], sixPeriod, [day(6), day(6), day(6), day(6), day(5), day(5)]);
    });

    const check = (user: TestUser, of: School, query = `?on=${ON}`) =>
      t.http().get(`/v1/schools/${of.id}/student-load${query}`).set(user.auth);

    it('checks each class’s week against the norms of its grade (5-day week)', async () => {
      const response = await check(fiveAdmin, five).expect(200);
      expect(response.body).toEqual({
        on: ON,
        academicYearId: fiveYear.id,
        weekDays: 5,
        items: [
          {
            classId: classes['1А'].id,
            className: '1А',
            grade: 1,
            weeklyHours: 0,
            maxWeeklyHours: 21,
            curriculumHours: 0,
            busiestDay: null,
            maxDailyLessons: 5,
            problems: ['No timetable in force on this date'],
            withinNorms: true,
          },
          {
            // English runs in two subgroups at once: 3 lessons a week for a student, not 6.
            classId: classes['7А'].id,
            className: '7А',
            grade: 7,
            weeklyHours: 30,
            maxWeeklyHours: 32,
            curriculumHours: 30,
            busiestDay: { weekday: 1, lessons: 6 },
            maxDailyLessons: 7,
            problems: [],
            withinNorms: true,
          },
          {
            classId: classes['7Б'].id,
            className: '7Б',
            grade: 7,
            weeklyHours: 34,
            maxWeeklyHours: 32,
            curriculumHours: 30,
            busiestDay: { weekday: 1, lessons: 8 },
            maxDailyLessons: 7,
            problems: [
              '34 lessons a week, more than the 32 allowed for grade 7 with a 5-day week',
              'Monday: 8 lessons, more than the 7 a day allowed for grade 7',
              '«Математика»: 9 h a week in the timetable, 6 h in the curriculum',
              '«Музыка»: 1 h a week in the timetable, not in the curriculum',
            ],
            withinNorms: false,
          },
        ],
      });
    });

    it('allows more in a six-day week: 34 lessons are within grade 7’s 35', async () => {
      const sixAdmin = await asRole(t, 'admin', six);
      const response = await check(sixAdmin, six).expect(200);
      expect(response.body).toEqual({
        on: ON,
        academicYearId: sixYear.id,
        weekDays: 6,
        items: [
          {
            classId: classes['6-7А'].id,
            className: '7А',
            grade: 7,
            weeklyHours: 34,
            maxWeeklyHours: 35,
            curriculumHours: 0,
            busiestDay: { weekday: 1, lessons: 6 },
            maxDailyLessons: 7,
            problems: [],
            withinNorms: true,
          },
        ],
      });
    });

    it('defaults to today; 404 when no year runs on the date; 400 for a bad date', async () => {
      const region = await createRegion(t);
      const current = await createSchool(t, region, 'Current');
      const currentYear = await createAcademicYear(t, current);
      const currentAdmin = await asRole(t, 'admin', current);
      expect((await check(currentAdmin, current, '').expect(200)).body).toEqual({
        on: today(),
        academicYearId: currentYear.id,
        weekDays: 5,
        items: [],
      });
      const missing = expectProblem(
        await check(fiveAdmin, five, '?on=2027-07-01'),
        404,
        'resource.not_found',
      );
      expect(missing.detail).toBe(
        'No academic year of this school runs on 2027-07-01; pass another date as `on`.',
      );
      expect(
        fields(
          expectProblem(await check(fiveAdmin, five, '?on=2026-02-30'), 400, 'request.invalid'),
        ),
      ).toEqual(['on']);
    });

    it('is read by the school’s staff only', async () => {
      await check(await asRole(t, 'teacher', five), five).expect(200);
      await check(await asRole(t, 'director', five), five).expect(200);
      for (const role of ['student', 'parent'] as const) {
        expectProblem(await check(await asRole(t, role, five), five), 404, 'resource.not_found');
      }
      expectProblem(await check(admin, five), 404, 'resource.not_found');
    });
  });

  /** Splits a class into two subgroups for a subject (without members: enough for timetables). */
  async function splitInTwo(
    schoolClass: SchoolClass,
    subject: Subject,
  ): Promise<{ english1: Subgroup; english2: Subgroup }> {
    const em = t.em();
    const split = em.create(SubgroupSplit, {
      schoolId: schoolClass.schoolId,
      schoolClass: em.getReference(SchoolClass, schoolClass.id),
      subject: em.getReference(Subject, subject.id),
    });
    const english1 = em.create(Subgroup, { split, name: `${subject.name}, 1 группа`, position: 1 });
    const english2 = em.create(Subgroup, { split, name: `${subject.name}, 2 группа`, position: 2 });
    await em.flush();
    return { english1, english2 };
  }
});

import { StudyPeriod } from '../src/modules/academic-years/entities/study-period.entity';
import type { School } from '../src/core/tenancy/entities/school.entity';
import type { AcademicYear } from '../src/modules/academic-years/entities/academic-year.entity';
import type { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import { Lesson } from '../src/modules/lessons/entities/lesson.entity';
import { Person } from '../src/modules/people/entities/person.entity';
import type { Room } from '../src/modules/reference-data/entities/room.entity';
import { Subject } from '../src/modules/reference-data/entities/subject.entity';
import {
  createAcademicYear as createYearViaApi,
  periodsOfGrade,
} from './support/calendar-fixtures';
import { createClass, createPerson, enroll } from './support/classes-fixtures';
import { asRole, createRegion, createSchool, createUser, type TestUser } from './support/factories';
import {
  addDefaultReferenceData,
  assignTeacher,
  createRoom,
  createStaffMember,
} from './support/lessons-fixtures';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

type Staff = { user: TestUser; person: Person };

/**
 * Corrections of single dated lessons (O6): substitutions, cancellations, lessons added by
 * hand. On Mondays of the first quarter (from 2026-09-07):
 *   7Б: 1 maths (Иванова, 101), 2 English (Смирнова, 102);
 *   7А: 1 maths (Петрова, 103), 2 physics (Сидоров, 104).
 */
describe('substitutions, cancellations and lessons added by hand (O6)', () => {
  let t: TestApp;
  let school: School;
  let deputy: TestUser;
  let otherAdmin: TestUser;
  let student: TestUser;
  let sevenA: SchoolClass;
  let sevenB: SchoolClass;
  let subjects: Record<string, Subject>;
  let ivanova: Staff;
  let smirnova: Staff;
  let petrova: Staff;
  let sidorov: Staff;
  let rooms: Record<string, Room>;
  let q1Id: string;

  beforeAll(async () => {
    t = await startTestApp();
    const region = await createRegion(t);
    school = await createSchool(t, region, 'A');
    const admin = await asRole(t, 'admin', school);
    deputy = await asRole(t, 'deputy', school);
    otherAdmin = await asRole(t, 'admin', await createSchool(t, region, 'B'));
    const yearView = await createYearViaApi(t, admin, school);
    const [q1] = periodsOfGrade(yearView, 7);
    q1Id = q1.id;
    const year = { id: yearView.id, schoolId: school.id } as AcademicYear;
    await addDefaultReferenceData(t, school);
    const all = await t.em().find(Subject, { schoolId: school.id });
    subjects = Object.fromEntries(all.map((s) => [s.name, s]));
    sevenA = await createClass(t, year, 7, 'А');
    sevenB = await createClass(t, year, 7, 'Б');
    student = await createUser(t, { roles: [{ role: 'student', school }] });
    const card = await createPerson(t, school, 'student', { accountId: student.account.id });
    await enroll(t, card, sevenB);
    ivanova = await createStaffMember(t, school, 'Иванова');
    smirnova = await createStaffMember(t, school, 'Смирнова');
    petrova = await createStaffMember(t, school, 'Петрова');
    sidorov = await createStaffMember(t, school, 'Сидоров');
    await assignTeacher(t, sevenB, subjects['Математика'], ivanova.person);
    await assignTeacher(t, sevenB, subjects['Английский язык'], smirnova.person);
    await assignTeacher(t, sevenA, subjects['Математика'], petrova.person);
    await assignTeacher(t, sevenA, subjects['Физика'], sidorov.person);
    rooms = {};
    for (const name of ['101', '102', '103', '104'])
      rooms[name] = await createRoom(t, school, name);

    const week = (cells: [number, string, Staff, string][]) =>
      cells.map(([lessonNumber, subject, teacher, room]) => ({
        weekday: 1,
        lessonNumber,
        subjectId: subjects[subject].id,
        teacherId: teacher.person.id,
        roomId: rooms[room].id,
      }));
    for (const [schoolClass, cells] of [
      [
        sevenB,
        week([
          [1, 'Математика', ivanova, '101'],
          [2, 'Английский язык', smirnova, '102'],
        ]),
      ],
      [
        sevenA,
        week([
          [1, 'Математика', petrova, '103'],
          [2, 'Физика', sidorov, '104'],
        ]),
      ],
    ] as const) {
      await t
        .http()
        .put(`/v1/classes/${schoolClass.id}/timetable`)
        .set(deputy.auth)
        .send({ studyPeriodId: q1.id, cells })
        .expect(200);
    }
  });
  afterAll(() => t.close());

  /** The timetable lesson of a class on a date, by lesson number. */
  const lessonOf = async (schoolClass: SchoolClass, date: string, lessonNumber: number) =>
    t
      .em()
      .findOneOrFail(
        Lesson,
        { schoolClass: schoolClass.id, date, lessonNumber },
        { populate: ['substitute', 'room'] },
      );
  const substitute = (user: TestUser, lessonId: string, body: object) =>
    t.http().put(`/v1/lessons/${lessonId}/substitution`).set(user.auth).send(body);
  const record = (user: TestUser, lessonId: string, topic: string) =>
    t.http().patch(`/v1/lessons/${lessonId}`).set(user.auth).send({ topic });
  const post = (user: TestUser, path: string, body: object = {}) =>
    t.http().post(path).set(user.auth).send(body);
  const person = (who: Staff) => ({ id: who.person.id, fullName: `${who.person.lastName} Имя` });
  const subjectRef = (name: string) => ({ id: subjects[name].id, name });
  const roomRef = (name: string) => ({ id: rooms[name].id, name });

  describe('a substitute teacher', () => {
    it('may record that one lesson only; the regular teacher may not', async () => {
      const maths = await lessonOf(sevenB, '2026-09-07', 1);
      const english = await lessonOf(sevenB, '2026-09-07', 2);
      const set = await substitute(deputy, maths.id, { teacherId: sidorov.person.id });
      expect(set.status).toBe(200);
      expect(set.body).toEqual({
        id: maths.id,
        classId: sevenB.id,
        className: '7Б',
        date: '2026-09-07',
        lessonNumber: 1,
        startsAt: '08:30',
        endsAt: '09:15',
        subject: subjectRef('Математика'),
        subgroup: null,
        teacher: person(ivanova),
        substitute: person(sidorov),
        room: roomRef('101'),
        origin: 'timetable',
        status: 'scheduled',
        cancellationReason: null,
        topic: null,
        lessonType: null,
        planTopicId: null,
        content: null,
        homework: null,
        notes: null,
        recordedAt: null,
      });

      const recorded = await record(sidorov.user, maths.id, 'Квадратные уравнения');
      expect(recorded.status).toBe(200);
      expect(recorded.body).toMatchObject({
        id: maths.id,
        topic: 'Квадратные уравнения',
        substitute: person(sidorov),
      });
      // Another lesson of the same class the same day is not his.
      expect([403, 404]).toContain((await record(sidorov.user, english.id, 'Чужой урок')).status);
      // The regular teacher reads the substituted lesson but may not record it.
      expectProblem(await record(ivanova.user, maths.id, 'Моя тема'), 403, 'access.forbidden');
      // …while her lesson of the next Monday is hers again.
      const next = await lessonOf(sevenB, '2026-09-14', 1);
      expect((await record(ivanova.user, next.id, 'Линейные уравнения')).status).toBe(200);
      expect((await lessonOf(sevenB, '2026-09-07', 2)).topic).toBeNull();

      const removed = await t
        .http()
        .delete(`/v1/lessons/${maths.id}/substitution`)
        .set(deputy.auth)
        .expect(200);
      expect(removed.body).toMatchObject({
        id: maths.id,
        teacher: person(ivanova),
        substitute: null,
        topic: 'Квадратные уравнения',
      });
      expect((await record(ivanova.user, maths.id, 'Квадратные уравнения (итог)')).status).toBe(
        200,
      );
      expect([403, 404]).toContain((await record(sidorov.user, maths.id, 'Ещё раз')).status);
    });

    it('is refused while busy at that time, with every clash listed and nothing changed', async () => {
      const english = await lessonOf(sevenB, '2026-09-07', 2);
      const physics = await lessonOf(sevenA, '2026-09-07', 2);
      const response = await substitute(deputy, english.id, {
        teacherId: sidorov.person.id,
        roomId: rooms['104'].id,
      });
      const physicsParty = {
        classId: sevenA.id,
        className: '7А',
        subject: subjectRef('Физика'),
        teacher: person(sidorov),
        room: roomRef('104'),
        subgroup: null,
        lessonId: physics.id,
      };
      expect(expectProblem(response, 409, 'timetable.conflict').conflicts).toEqual([
        {
          kind: 'teacher',
          date: '2026-09-07',
          lessonNumber: 2,
          message: 'Сидоров Имя already teaches 7А Физика then',
          with: physicsParty,
        },
        {
          kind: 'room',
          date: '2026-09-07',
          lessonNumber: 2,
          message: '104 is already taken by 7А Физика then',
          with: physicsParty,
        },
      ]);
      const after = await lessonOf(sevenB, '2026-09-07', 2);
      expect([after.substitute, after.room?.id]).toEqual([null, rooms['102'].id]);
    });

    it('is busy where they substitute, and free where someone substitutes them', async () => {
      const maths7B = await lessonOf(sevenB, '2026-09-14', 1);
      const maths7A = await lessonOf(sevenA, '2026-09-14', 1);
      await substitute(deputy, maths7B.id, { teacherId: sidorov.person.id }).expect(200);
      // Иванова's own lesson at that time is taught by Сидоров: she is free.
      const swapped = await substitute(deputy, maths7A.id, { teacherId: ivanova.person.id });
      expect(swapped.status).toBe(200);
      expect(swapped.body.substitute).toEqual(person(ivanova));
      const busy = await substitute(deputy, maths7A.id, { teacherId: sidorov.person.id });
      expect(expectProblem(busy, 409, 'timetable.conflict').conflicts).toEqual([
        expect.objectContaining({
          kind: 'teacher',
          date: '2026-09-14',
          lessonNumber: 1,
          with: expect.objectContaining({ lessonId: maths7B.id, teacher: person(sidorov) }),
        }),
      ]);
    });

    it('must be another member of staff of the school, in a current room', async () => {
      const maths = await lessonOf(sevenB, '2026-09-28', 1);
      const own = await substitute(deputy, maths.id, { teacherId: ivanova.person.id });
      expect(expectProblem(own, 400, 'request.invalid').errors).toEqual([
        {
          field: 'teacherId',
          messages: ['the substitute must be someone other than the lesson’s own teacher'],
        },
      ]);
      const studentCard = await t.em().findOneOrFail(Person, { accountId: student.account.id });
      const notStaff = await substitute(deputy, maths.id, {
        teacherId: studentCard.id,
        roomId: '0193a1f2-7c1d-7b43-9c55-000000000000',
      });
      expect(expectProblem(notStaff, 400, 'request.invalid').errors).toEqual([
        { field: 'teacherId', messages: ['teacherId must be a member of staff of this school'] },
        { field: 'roomId', messages: ['no such current room in this school'] },
      ]);
    });
  });

  describe('cancelling and restoring', () => {
    it('cancels with a reason, refuses a substitute meanwhile, and restores', async () => {
      const english = await lessonOf(sevenB, '2026-09-07', 2);
      const cancelled = await post(deputy, `/v1/lessons/${english.id}/cancel`, {
        reason: 'Болезнь учителя',
      });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({
        id: english.id,
        status: 'cancelled',
        cancellationReason: 'Болезнь учителя',
      });
      expectProblem(
        await substitute(deputy, english.id, { teacherId: ivanova.person.id }),
        409,
        'resource.conflict',
      );
      expectProblem(
        await post(deputy, `/v1/lessons/${english.id}/cancel`, { reason: 'Ещё раз' }),
        409,
        'resource.conflict',
      );
      const restored = await post(deputy, `/v1/lessons/${english.id}/restore`);
      expect(restored.status).toBe(200);
      expect(restored.body).toMatchObject({
        id: english.id,
        status: 'scheduled',
        cancellationReason: null,
      });
      expectProblem(
        await post(deputy, `/v1/lessons/${english.id}/restore`),
        409,
        'resource.conflict',
      );
      expectProblem(
        await post(deputy, `/v1/lessons/${english.id}/cancel`, { reason: '' }),
        400,
        'request.invalid',
      );
    });

    it('are refused in a closed study period, which stays as it was', async () => {
      const lesson = await lessonOf(sevenB, '2026-09-14', 2);
      await t
        .em()
        .nativeUpdate(
          StudyPeriod,
          { id: q1Id },
          { closedAt: t.clock.now(), closedBy: deputy.account.id },
        );
      expectProblem(
        await post(deputy, `/v1/lessons/${lesson.id}/cancel`, { reason: 'Поздно' }),
        409,
        'period.closed',
      );
      expectProblem(
        await substitute(deputy, lesson.id, { teacherId: ivanova.person.id }),
        409,
        'period.closed',
      );
      await t.em().nativeUpdate(StudyPeriod, { id: q1Id }, { closedAt: null, closedBy: null });
      const after = await t.em().findOneOrFail(Lesson, lesson.id);
      expect({ status: after.status, substitute: after.substitute }).toEqual({
        status: 'scheduled',
        substitute: null,
      });
    });

    it('restores only if the slot is still free', async () => {
      const maths = await lessonOf(sevenB, '2026-09-21', 1);
      await post(deputy, `/v1/lessons/${maths.id}/cancel`, { reason: 'Олимпиада' }).expect(200);
      // The cancelled lesson frees its slot: a lesson added by hand may take it.
      const added = await post(deputy, `/v1/classes/${sevenB.id}/lessons`, {
        date: '2026-09-21',
        lessonNumber: 1,
        subjectId: subjects['Математика'].id,
        teacherId: ivanova.person.id,
      }).expect(201);
      const restore = await post(deputy, `/v1/lessons/${maths.id}/restore`);
      const addedParty = {
        classId: sevenB.id,
        className: '7Б',
        subject: subjectRef('Математика'),
        teacher: person(ivanova),
        room: null,
        subgroup: null,
        lessonId: added.body.id,
      };
      expect(expectProblem(restore, 409, 'timetable.conflict').conflicts).toEqual([
        {
          kind: 'teacher',
          date: '2026-09-21',
          lessonNumber: 1,
          message: 'Иванова Имя already teaches 7Б Математика then',
          with: addedParty,
        },
        {
          kind: 'class',
          date: '2026-09-21',
          lessonNumber: 1,
          message:
            '7Б already has Математика then: a whole-class lesson runs alongside no other lesson of the class',
          with: addedParty,
        },
      ]);
      expect((await lessonOf(sevenB, '2026-09-21', 1)).status).toBe('cancelled');
    });
  });

  describe('lessons added by hand', () => {
    const addTo = (user: TestUser, body: object, schoolClass = sevenB) =>
      post(user, `/v1/classes/${schoolClass.id}/lessons`, body);
    const maths = () => ({
      subjectId: subjects['Математика'].id,
      teacherId: ivanova.person.id,
    });

    it('are added on a school day, checked like a timetable cell', async () => {
      const response = await addTo(deputy, {
        date: '2026-09-08',
        lessonNumber: 3,
        ...maths(),
        roomId: rooms['101'].id,
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        classId: sevenB.id,
        date: '2026-09-08',
        lessonNumber: 3,
        startsAt: '10:30',
        endsAt: '11:15',
        subject: subjectRef('Математика'),
        teacher: person(ivanova),
        substitute: null,
        room: roomRef('101'),
        origin: 'manual',
        status: 'scheduled',
        topic: null,
      });

      const holiday = await addTo(deputy, { date: '2026-10-26', lessonNumber: 9, ...maths() });
      expect(expectProblem(holiday, 400, 'request.invalid').errors).toEqual([
        { field: 'lessonNumber', messages: ['lesson 9 is not in the school’s bell schedule'] },
        {
          field: 'date',
          messages: ['date must be a school day of a study period of grade 7 (not a holiday)'],
        },
      ]);
      const saturday = await addTo(deputy, { date: '2026-09-12', lessonNumber: 1, ...maths() });
      expect(
        (expectProblem(saturday, 400, 'request.invalid').errors as { field: string }[]).map(
          (e) => e.field,
        ),
      ).toEqual(['date']);
      const unassigned = await addTo(deputy, {
        date: '2026-09-08',
        lessonNumber: 4,
        subjectId: subjects['Физика'].id,
        teacherId: sidorov.person.id,
      });
      expect(expectProblem(unassigned, 400, 'request.invalid').errors).toEqual([
        {
          field: 'teacherId',
          messages: ['Сидоров Имя has no teaching assignment for Физика in the whole class 7Б'],
        },
      ]);
    });

    it('are refused when they clash with the lessons of that date', async () => {
      const english = await lessonOf(sevenB, '2026-09-07', 2);
      const response = await addTo(deputy, {
        date: '2026-09-07',
        lessonNumber: 2,
        ...maths(),
        roomId: rooms['104'].id,
      });
      const conflicts = expectProblem(response, 409, 'timetable.conflict').conflicts as {
        kind: string;
        with: { lessonId: string };
      }[];
      expect(conflicts.map((c) => [c.kind, c.with.lessonId])).toEqual([
        ['class', english.id],
        ['room', (await lessonOf(sevenA, '2026-09-07', 2)).id],
      ]);
      expect(
        await t
          .em()
          .count(Lesson, { schoolClass: sevenB.id, date: '2026-09-07', origin: 'manual' }),
      ).toBe(0);
    });

    it('are deleted only while blank; timetable lessons are cancelled instead', async () => {
      const blank = await addTo(deputy, { date: '2026-09-09', lessonNumber: 5, ...maths() });
      const recorded = await addTo(deputy, { date: '2026-09-10', lessonNumber: 5, ...maths() });
      await record(ivanova.user, recorded.body.id as string, 'Повторение').expect(200);
      await t.http().delete(`/v1/lessons/${blank.body.id}`).set(deputy.auth).expect(204);
      expect(await t.em().count(Lesson, { id: blank.body.id as string })).toBe(0);
      expectProblem(
        await t.http().delete(`/v1/lessons/${recorded.body.id}`).set(deputy.auth),
        409,
        'resource.conflict',
      );
      const fromTimetable = await lessonOf(sevenB, '2026-10-05', 2);
      expectProblem(
        await t.http().delete(`/v1/lessons/${fromTimetable.id}`).set(deputy.auth),
        409,
        'resource.conflict',
      );
    });
  });

  describe('who may correct lessons', () => {
    it('teachers and students may not; other schools do not see the lessons', async () => {
      const lesson = await lessonOf(sevenB, '2026-10-12', 1);
      const before = await lessonOf(sevenB, '2026-10-12', 1);
      const attempts = (user: TestUser) => [
        substitute(user, lesson.id, { teacherId: sidorov.person.id }),
        t.http().delete(`/v1/lessons/${lesson.id}/substitution`).set(user.auth),
        post(user, `/v1/lessons/${lesson.id}/cancel`, { reason: 'Нет' }),
        post(user, `/v1/lessons/${lesson.id}/restore`),
        t.http().delete(`/v1/lessons/${lesson.id}`).set(user.auth),
        post(user, `/v1/classes/${sevenB.id}/lessons`, {
          date: '2026-10-13',
          lessonNumber: 6,
          subjectId: subjects['Математика'].id,
          teacherId: ivanova.person.id,
        }),
      ];
      for (const user of [ivanova.user, student]) {
        for (const attempt of attempts(user)) {
          expectProblem(await attempt, 403, 'access.forbidden');
        }
      }
      for (const attempt of attempts(otherAdmin)) {
        expectProblem(await attempt, 404, 'resource.not_found');
      }
      expectProblem(
        await post(deputy, '/v1/lessons/0193a1f2-7c1d-7b43-9c55-000000000000/cancel', {
          reason: 'Нет',
        }),
        404,
        'resource.not_found',
      );
      const after = await lessonOf(sevenB, '2026-10-12', 1);
      expect([after.status, after.substitute]).toEqual([before.status, before.substitute]);
      expect(await t.em().count(Lesson, { schoolClass: sevenB.id, date: '2026-10-13' })).toBe(0);
    });
  });
});

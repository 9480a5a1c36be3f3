import type { School } from '../src/core/tenancy/entities/school.entity';
import { StudyPeriod } from '../src/modules/academic-years/entities/study-period.entity';
import type { AcademicYear } from '../src/modules/academic-years/entities/academic-year.entity';
import type { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import type { Subgroup } from '../src/modules/classes/entities/subgroup.entity';
import { Lesson } from '../src/modules/lessons/entities/lesson.entity';
import { Guardianship } from '../src/modules/people/entities/guardianship.entity';
import { Person } from '../src/modules/people/entities/person.entity';
import { Room } from '../src/modules/reference-data/entities/room.entity';
import { Subject } from '../src/modules/reference-data/entities/subject.entity';
import { TimetableEntry } from '../src/modules/timetable/entities/timetable-entry.entity';
import {
  createAcademicYear as createYearViaApi,
  periodsOfGrade,
  type PeriodView,
} from './support/calendar-fixtures';
import {
  createClass,
  createPerson,
  createSubject,
  enroll,
  today,
} from './support/classes-fixtures';
import { asRole, createRegion, createSchool, createUser, type TestUser } from './support/factories';
import {
  addDefaultReferenceData,
  assignTeacher,
  createRoom,
  createStaffMember,
} from './support/lessons-fixtures';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

interface CellBody {
  id: string;
  weekday: number;
  lessonNumber: number;
  subject: { id: string; name: string };
  teacher: { id: string; fullName: string };
  room: { id: string; name: string } | null;
  subgroup: { id: string; name: string } | null;
  validFrom: string;
  validUntil: string;
}

/**
 * The weekly timetable (O6): reading it as of a date, replacing a class's week from a date,
 * every kind of conflict (all listed, nothing stored) and who may do what.
 *
 * The year is 2026/2027 with the default calendar: grade 7 has quarters, the second one
 * 2026-11-05 (a Thursday) … 2026-12-28 (a Monday).
 */
describe('class timetable (O6)', () => {
  let t: TestApp;
  let school: School;
  let admin: TestUser;
  let deputy: TestUser;
  let otherAdmin: TestUser;
  let q1: PeriodView;
  let q2: PeriodView;
  let q3: PeriodView;
  let halfYear: PeriodView;
  let sevenA: SchoolClass;
  let sevenB: SchoolClass;
  let subjects: Record<string, Subject>;
  let drawing: Subject;
  let room214: Room;
  let room215: Room;
  let oldRoom: Room;
  /** Teachers: maths (7А, 7Б); English (both groups); English and informatics; … */
  let ivanova: { user: TestUser; person: Person };
  let smirnova: { user: TestUser; person: Person };
  let petrova: { user: TestUser; person: Person };
  let sidorov: { user: TestUser; person: Person };
  let kuznetsov: { user: TestUser; person: Person };
  let kozlov: { user: TestUser; person: Person };
  /** 7Б's students A, B, C, D; A has an account, B's parent has one. */
  let students: Person[];
  let student: TestUser;
  let parent: TestUser;
  /** Subgroups of 7Б: English {A,B} {C,D}; informatics {A,C} {B,D}; labour {A,B} {C,D}. */
  let english: [string, string];
  let informatics: [string, string];
  let labour: [string, string];

  const sub = (id: string) => ({ id }) as Subgroup;

  beforeAll(async () => {
    t = await startTestApp();
    const region = await createRegion(t);
    school = await createSchool(t, region, 'A');
    const otherSchool = await createSchool(t, region, 'B');
    admin = await asRole(t, 'admin', school);
    deputy = await asRole(t, 'deputy', school);
    otherAdmin = await asRole(t, 'admin', otherSchool);
    const yearView = await createYearViaApi(t, admin, school);
    [q1, q2, q3] = periodsOfGrade(yearView, 7);
    [halfYear] = periodsOfGrade(yearView, 10);
    const year = { id: yearView.id, schoolId: school.id } as AcademicYear;
    await addDefaultReferenceData(t, school);
    const all = await t.em().find(Subject, { schoolId: school.id });
    subjects = Object.fromEntries(all.map((s) => [s.name, s]));
    drawing = await createSubject(t, school, 'Черчение', true);
    room214 = await createRoom(t, school, 'Каб. 214');
    room215 = await createRoom(t, school, 'Каб. 215');
    oldRoom = await createRoom(t, school, 'Старый кабинет');
    const em = t.em();
    await em.nativeUpdate(Room, { id: oldRoom.id }, { archived: true });

    sevenA = await createClass(t, year, 7, 'А');
    sevenB = await createClass(t, year, 7, 'Б');
    students = [];
    for (const lastName of ['Аверин', 'Белова', 'Волков', 'Громова']) {
      const person = await createPerson(t, school, 'student', { lastName });
      await enroll(t, person, sevenB);
      students.push(person);
    }
    student = await createUser(t, { roles: [{ role: 'student', school }] });
    await t.em().nativeUpdate(Person, { id: students[0].id }, { accountId: student.account.id });
    parent = await createUser(t, { roles: [{ role: 'parent', school }] });
    const parentCard = await createPerson(t, school, 'parent', { accountId: parent.account.id });
    const em2 = t.em();
    em2.create(Guardianship, {
      schoolId: school.id,
      student: em2.getReference(Person, students[1].id),
      parent: em2.getReference(Person, parentCard.id),
      relation: 'mother',
    });
    await em2.flush();

    const [a, b, c, d] = students;
    english = await split(subjects['Английский язык'], [
      ['Английский язык, 1 группа', [a, b]],
      ['Английский язык, 2 группа', [c, d]],
    ]);
    informatics = await split(subjects['Информатика'], [
      ['Информатика, 1 группа', [a, c]],
      ['Информатика, 2 группа', [b, d]],
    ]);
    labour = await split(subjects['Труд (технология)'], [
      ['Труд, 1 группа', [a, b]],
      ['Труд, 2 группа', [c, d]],
    ]);

    ivanova = await createStaffMember(t, school, 'Иванова');
    smirnova = await createStaffMember(t, school, 'Смирнова');
    petrova = await createStaffMember(t, school, 'Петрова');
    sidorov = await createStaffMember(t, school, 'Сидоров');
    kuznetsov = await createStaffMember(t, school, 'Кузнецов');
    kozlov = await createStaffMember(t, school, 'Козлов');
    const maths = subjects['Математика'];
    await assignTeacher(t, sevenA, maths, ivanova.person);
    await assignTeacher(t, sevenB, maths, ivanova.person);
    for (const group of english) {
      await assignTeacher(t, sevenB, subjects['Английский язык'], smirnova.person, {
        subgroup: sub(group),
      });
      await assignTeacher(t, sevenB, subjects['Английский язык'], petrova.person, {
        subgroup: sub(group),
      });
    }
    await assignTeacher(t, sevenB, subjects['Информатика'], sidorov.person, {
      subgroup: sub(informatics[1]),
    });
    await assignTeacher(t, sevenB, subjects['Труд (технология)'], kuznetsov.person, {
      subgroup: sub(labour[1]),
    });
    await assignTeacher(t, sevenB, subjects['Физика'], kozlov.person);
  });
  afterAll(() => t.close());

  async function split(subject: Subject, groups: [string, Person[]][]): Promise<[string, string]> {
    const response = await t
      .http()
      .put(`/v1/classes/${sevenB.id}/subgroup-splits/${subject.id}`)
      .set(admin.auth)
      .send({
        subgroups: groups.map(([name, members]) => ({
          name,
          studentIds: members.map((m) => m.id),
        })),
      })
      .expect(200);
    const ids = (response.body as { subgroups: { id: string }[] }).subgroups.map((g) => g.id);
    return [ids[0], ids[1]];
  }

  const cell = (
    weekday: number,
    lessonNumber: number,
    subjectName: string,
    teacher: { person: Person },
    extra: { roomId?: string; subgroupId?: string } = {},
  ) => ({
    weekday,
    lessonNumber,
    subjectId: subjects[subjectName].id,
    teacherId: teacher.person.id,
    ...extra,
  });
  // From the period's start unless a test says otherwise: the default is "today", which moves.
  const put = (user: TestUser, classId: string, body: object) =>
    t
      .http()
      .put(`/v1/classes/${classId}/timetable`)
      .set(user.auth)
      .send({ effectiveFrom: '2026-11-05', ...body });
  const get = (user: TestUser, classId: string, on?: string) =>
    t
      .http()
      .get(`/v1/classes/${classId}/timetable`)
      .query(on ? { on } : {})
      .set(user.auth);

  const subjectRef = (name: string) => ({ id: subjects[name].id, name });
  const person = (who: { person: Person }) => ({
    id: who.person.id,
    fullName: `${who.person.lastName} Имя`,
  });
  const roomRef = (room: Room) => ({ id: room.id, name: room.name });
  const groupRef = (id: string, name: string) => ({ id, name });

  /** What is stored for a class: its cells and its lessons, to show a refusal changed nothing. */
  async function stored(classId: string) {
    const em = t.em();
    const cells = await em.find(
      TimetableEntry,
      { schoolClass: classId },
      { orderBy: { id: 'asc' } },
    );
    const lessons = await em.find(Lesson, { schoolClass: classId }, { orderBy: { id: 'asc' } });
    return {
      cells: cells.map((c) => [c.id, c.validFrom, c.validUntil]),
      lessons: lessons.map((l) => [l.id, l.date, l.lessonNumber, l.teacher.id]),
    };
  }

  describe('a week from the start of a study period', () => {
    it('stores the week and answers the cells in force with the lessons it generated', async () => {
      const response = await put(deputy, sevenB.id, {
        studyPeriodId: q2.id,
        cells: [
          cell(1, 1, 'Математика', ivanova, { roomId: room214.id }),
          cell(1, 2, 'Английский язык', petrova, { roomId: room215.id, subgroupId: english[1] }),
          cell(1, 2, 'Английский язык', smirnova, { roomId: room214.id, subgroupId: english[0] }),
          cell(2, 1, 'Английский язык', smirnova, { subgroupId: english[0] }),
          // Parallel subgroups of different splits with no student in common.
          cell(2, 1, 'Труд (технология)', kuznetsov, { subgroupId: labour[1] }),
        ],
      });
      expect(response.status).toBe(200);
      const span = { validFrom: '2026-11-05', validUntil: '2026-12-28' };
      const expectedCells = [
        {
          id: expect.any(String),
          weekday: 1,
          lessonNumber: 1,
          startsAt: '08:30',
          endsAt: '09:15',
          subject: subjectRef('Математика'),
          teacher: person(ivanova),
          room: roomRef(room214),
          subgroup: null,
          ...span,
        },
        {
          id: expect.any(String),
          weekday: 1,
          lessonNumber: 2,
          startsAt: '09:25',
          endsAt: '10:10',
          subject: subjectRef('Английский язык'),
          teacher: person(smirnova),
          room: roomRef(room214),
          subgroup: groupRef(english[0], 'Английский язык, 1 группа'),
          ...span,
        },
        {
          id: expect.any(String),
          weekday: 1,
          lessonNumber: 2,
          startsAt: '09:25',
          endsAt: '10:10',
          subject: subjectRef('Английский язык'),
          teacher: person(petrova),
          room: roomRef(room215),
          subgroup: groupRef(english[1], 'Английский язык, 2 группа'),
          ...span,
        },
        {
          id: expect.any(String),
          weekday: 2,
          lessonNumber: 1,
          startsAt: '08:30',
          endsAt: '09:15',
          subject: subjectRef('Английский язык'),
          teacher: person(smirnova),
          room: null,
          subgroup: groupRef(english[0], 'Английский язык, 1 группа'),
          ...span,
        },
        {
          id: expect.any(String),
          weekday: 2,
          lessonNumber: 1,
          startsAt: '08:30',
          endsAt: '09:15',
          subject: subjectRef('Труд (технология)'),
          teacher: person(kuznetsov),
          room: null,
          subgroup: groupRef(labour[1], 'Труд, 2 группа'),
          ...span,
        },
      ];
      expect(response.body).toEqual({
        classId: sevenB.id,
        className: '7Б',
        on: '2026-11-05',
        studyPeriod: {
          id: q2.id,
          name: '2 четверть',
          startsOn: '2026-11-05',
          endsOn: '2026-12-28',
        },
        cells: expectedCells,
        // 8 Mondays × 3 lessons + 7 Tuesdays × 2 lessons in the second quarter.
        generation: { created: 38, updated: 0, removed: 0, kept: [] },
      });

      const later = await get(ivanova.user, sevenB.id, '2026-11-16').expect(200);
      expect(later.body).toEqual({ ...response.body, on: '2026-11-16', generation: undefined });
      expect(later.body.generation).toBeUndefined();
    });

    it('shows no cells outside the period the timetable was entered for', async () => {
      const before = await get(admin, sevenB.id, '2026-10-01').expect(200);
      expect(before.body).toEqual({
        classId: sevenB.id,
        className: '7Б',
        on: '2026-10-01',
        studyPeriod: { id: q1.id, name: '1 четверть', startsOn: q1.startsOn, endsOn: q1.endsOn },
        cells: [],
      });
      const holidays = await get(admin, sevenB.id, '2026-10-30').expect(200);
      expect(holidays.body).toMatchObject({ on: '2026-10-30', studyPeriod: null, cells: [] });
    });

    it('shows today’s timetable by default', async () => {
      const response = await get(admin, sevenB.id).expect(200);
      expect(response.body.on).toBe(today());
    });
  });

  describe('validation', () => {
    it('lists every bad cell field with its path and stores nothing', async () => {
      const before = await stored(sevenB.id);
      const response = await put(deputy, sevenB.id, {
        studyPeriodId: q2.id,
        cells: [
          cell(6, 1, 'Математика', ivanova),
          cell(1, 9, 'Математика', ivanova),
          { ...cell(1, 3, 'Математика', ivanova), subjectId: drawing.id },
          { ...cell(1, 4, 'Математика', ivanova), teacherId: students[0].id },
          cell(1, 5, 'Физика', ivanova),
          cell(1, 6, 'Математика', ivanova, { roomId: oldRoom.id }),
          cell(1, 7, 'Английский язык', smirnova, { subgroupId: informatics[0] }),
          cell(3, 1, 'Английский язык', sidorov, { subgroupId: english[0] }),
        ],
      });
      const body = expectProblem(response, 400, 'request.invalid');
      expect(body.errors).toEqual([
        {
          field: 'cells[0].weekday',
          messages: ['the school has 5 school days a week: weekday must be 1–5'],
        },
        {
          field: 'cells[1].lessonNumber',
          messages: ['lesson 9 is not in the school’s bell schedule'],
        },
        { field: 'cells[2].subjectId', messages: ['no such current subject in this school'] },
        {
          field: 'cells[3].teacherId',
          messages: ['teacherId must be a member of staff of this school'],
        },
        {
          field: 'cells[4].teacherId',
          messages: ['Иванова Имя has no teaching assignment for Физика in the whole class 7Б'],
        },
        { field: 'cells[5].roomId', messages: ['no such current room in this school'] },
        {
          field: 'cells[6].subgroupId',
          messages: ['subgroupId must be a subgroup of this class’s split for the subject'],
        },
        {
          field: 'cells[7].teacherId',
          messages: [
            'Сидоров Имя has no teaching assignment for Английский язык in «Английский язык, 1 группа»',
          ],
        },
      ]);
      expect(await stored(sevenB.id)).toEqual(before);
    });

    it('takes effect today by default, never in the past', async () => {
      const response = await t
        .http()
        .put(`/v1/classes/${sevenA.id}/timetable`)
        .set(deputy.auth)
        .send({ studyPeriodId: q2.id, cells: [] })
        .expect(200);
      const now = today();
      const expected = now > q2.startsOn && now <= q2.endsOn ? now : q2.startsOn;
      expect(response.body.on).toBe(expected);
    });

    it('refuses a period of another grade and a start outside the period', async () => {
      const otherGrade = await put(deputy, sevenB.id, { studyPeriodId: halfYear.id, cells: [] });
      expect(expectProblem(otherGrade, 400, 'request.invalid').errors).toEqual([
        {
          field: 'studyPeriodId',
          messages: ['studyPeriodId must be a study period of grade 7 in the academic year of 7Б'],
        },
      ]);
      const outside = await put(deputy, sevenB.id, {
        studyPeriodId: q2.id,
        effectiveFrom: '2026-10-01',
        cells: [],
      });
      expect(expectProblem(outside, 400, 'request.invalid').errors).toEqual([
        {
          field: 'effectiveFrom',
          messages: ['effectiveFrom must be within «2 четверть» (2026-11-05 – 2026-12-28)'],
        },
      ]);
      const shape = await put(deputy, sevenB.id, {
        studyPeriodId: q2.id,
        cells: [{ weekday: 0, lessonNumber: 1, subjectId: 'x', teacherId: ivanova.person.id }],
      });
      expect(
        (expectProblem(shape, 400, 'request.invalid').errors as { field: string }[]).map(
          (e) => e.field,
        ),
      ).toEqual(['cells[0].weekday', 'cells[0].subjectId']);
    });

    it('refuses to change the timetable of a closed period', async () => {
      const em = t.em();
      await em.nativeUpdate(
        StudyPeriod,
        { id: q3.id },
        { closedAt: t.clock.now(), closedBy: admin.account.id },
      );
      const response = await put(deputy, sevenB.id, {
        studyPeriodId: q3.id,
        effectiveFrom: q3.startsOn,
        cells: [cell(1, 1, 'Математика', ivanova)],
      });
      expectProblem(response, 409, 'period.closed');
      await em.nativeUpdate(StudyPeriod, { id: q3.id }, { closedAt: null, closedBy: null });
    });
  });

  describe('conflicts: every clash listed, nothing stored', () => {
    let sevenACell: string;
    const sevenAParty = () => ({
      classId: sevenA.id,
      className: '7А',
      subject: subjectRef('Математика'),
      teacher: person(ivanova),
      room: roomRef(room214),
      subgroup: null,
      cellId: sevenACell,
      validFrom: '2026-11-05',
      validUntil: '2026-12-28',
    });
    const inBody = (
      index: number,
      subjectName: string,
      teacher: { person: Person },
      subgroup: { id: string; name: string } | null,
      room: Room | null = null,
    ) => ({
      classId: sevenB.id,
      className: '7Б',
      subject: subjectRef(subjectName),
      teacher: person(teacher),
      room: room ? roomRef(room) : null,
      subgroup,
      cellIndex: index,
    });

    beforeAll(async () => {
      const response = await put(admin, sevenA.id, {
        studyPeriodId: q2.id,
        cells: [cell(1, 3, 'Математика', ivanova, { roomId: room214.id })],
      }).expect(200);
      sevenACell = (response.body as { cells: CellBody[] }).cells[0].id;
    });

    async function expectConflicts(body: object, conflicts: object[]) {
      const before = { a: await stored(sevenA.id), b: await stored(sevenB.id) };
      const response = await put(deputy, sevenB.id, { studyPeriodId: q2.id, ...body });
      const problem = expectProblem(response, 409, 'timetable.conflict');
      expect(problem.conflicts).toEqual(conflicts);
      expect({ a: await stored(sevenA.id), b: await stored(sevenB.id) }).toEqual(before);
    }

    it('a teacher substituting in another class on one date', async () => {
      const sevenAMonday = await t
        .em()
        .findOneOrFail(Lesson, { schoolClass: sevenA.id, date: '2026-11-23', lessonNumber: 3 });
      await t
        .http()
        .put(`/v1/lessons/${sevenAMonday.id}/substitution`)
        .set(deputy.auth)
        .send({ teacherId: kozlov.person.id })
        .expect(200);
      const before = await stored(sevenB.id);
      const response = await put(deputy, sevenB.id, {
        studyPeriodId: q2.id,
        cells: [cell(1, 3, 'Физика', kozlov)],
      });
      expect(expectProblem(response, 409, 'timetable.conflict').conflicts).toEqual([
        {
          kind: 'teacher',
          date: '2026-11-23',
          lessonNumber: 3,
          message: 'Козлов Имя already teaches 7А Математика then',
          with: expect.objectContaining({ classId: sevenA.id, lessonId: sevenAMonday.id }),
        },
      ]);
      expect(await stored(sevenB.id)).toEqual(before);
      await t
        .http()
        .delete(`/v1/lessons/${sevenAMonday.id}/substitution`)
        .set(deputy.auth)
        .expect(200);
    });

    it('a teacher in two places: in another class, and twice within the request', async () => {
      await expectConflicts(
        {
          effectiveFrom: '2026-11-16',
          cells: [
            cell(1, 3, 'Математика', ivanova),
            cell(3, 4, 'Английский язык', smirnova, { subgroupId: english[0] }),
            cell(3, 4, 'Английский язык', smirnova, { subgroupId: english[1] }),
          ],
        },
        [
          {
            kind: 'teacher',
            weekday: 1,
            lessonNumber: 3,
            cellIndex: 0,
            message: 'Иванова Имя already teaches 7А Математика then',
            with: sevenAParty(),
          },
          {
            kind: 'teacher',
            weekday: 3,
            lessonNumber: 4,
            cellIndex: 1,
            message:
              'Смирнова Имя already teaches 7Б Английский язык («Английский язык, 2 группа») then',
            with: inBody(2, 'Английский язык', smirnova, {
              id: english[1],
              name: 'Английский язык, 2 группа',
            }),
          },
        ],
      );
    });

    it('a room used twice: by another class, and by two parallel subgroups', async () => {
      await expectConflicts(
        {
          cells: [
            cell(1, 3, 'Физика', kozlov, { roomId: room214.id }),
            cell(4, 5, 'Английский язык', smirnova, {
              subgroupId: english[0],
              roomId: room215.id,
            }),
            cell(4, 5, 'Труд (технология)', kuznetsov, {
              subgroupId: labour[1],
              roomId: room215.id,
            }),
          ],
        },
        [
          {
            kind: 'room',
            weekday: 1,
            lessonNumber: 3,
            cellIndex: 0,
            message: 'Каб. 214 is already taken by 7А Математика then',
            with: sevenAParty(),
          },
          {
            kind: 'room',
            weekday: 4,
            lessonNumber: 5,
            cellIndex: 1,
            message: 'Каб. 215 is already taken by 7Б Труд (технология) («Труд, 2 группа») then',
            with: inBody(
              2,
              'Труд (технология)',
              kuznetsov,
              { id: labour[1], name: 'Труд, 2 группа' },
              room215,
            ),
          },
        ],
      );
    });

    it('a class: a whole-class cell alongside any other cell of the class', async () => {
      const whole = 'a whole-class lesson runs alongside no other lesson of the class';
      await expectConflicts(
        {
          cells: [
            cell(3, 2, 'Математика', ivanova),
            cell(3, 2, 'Английский язык', smirnova, { subgroupId: english[0] }),
            cell(5, 1, 'Физика', kozlov),
            cell(5, 1, 'Математика', ivanova),
          ],
        },
        [
          {
            kind: 'class',
            weekday: 3,
            lessonNumber: 2,
            cellIndex: 0,
            message: `7Б already has Английский язык («Английский язык, 1 группа») then: ${whole}`,
            with: inBody(1, 'Английский язык', smirnova, {
              id: english[0],
              name: 'Английский язык, 1 группа',
            }),
          },
          {
            kind: 'class',
            weekday: 5,
            lessonNumber: 1,
            cellIndex: 2,
            message: `7Б already has Математика then: ${whole}`,
            with: inBody(3, 'Математика', ivanova, null),
          },
        ],
      );
    });

    it('a subgroup twice, and subgroups of different splits sharing a student', async () => {
      await expectConflicts(
        {
          cells: [
            cell(1, 5, 'Английский язык', smirnova, { subgroupId: english[0] }),
            cell(1, 5, 'Английский язык', petrova, { subgroupId: english[0] }),
            // Белова is in English group 1 and informatics group 2.
            cell(2, 5, 'Английский язык', smirnova, { subgroupId: english[0] }),
            cell(2, 5, 'Информатика', sidorov, { subgroupId: informatics[1] }),
            // English group 1 and labour group 2 have nobody in common: no clash.
            cell(3, 5, 'Английский язык', smirnova, { subgroupId: english[0] }),
            cell(3, 5, 'Труд (технология)', kuznetsov, { subgroupId: labour[1] }),
          ],
        },
        [
          {
            kind: 'subgroup',
            weekday: 1,
            lessonNumber: 5,
            cellIndex: 0,
            message: '«Английский язык, 1 группа» already has Английский язык then',
            with: inBody(1, 'Английский язык', petrova, {
              id: english[0],
              name: 'Английский язык, 1 группа',
            }),
          },
          {
            kind: 'subgroup',
            weekday: 2,
            lessonNumber: 5,
            cellIndex: 2,
            message:
              '«Английский язык, 1 группа» and «Информатика, 2 группа» have students in common and cannot run in parallel',
            with: inBody(3, 'Информатика', sidorov, {
              id: informatics[1],
              name: 'Информатика, 2 группа',
            }),
          },
        ],
      );
    });

    it('only over the dates both cells are in force', async () => {
      // 7А drops its Monday maths from 2026-12-07: Иванова is free then, not before.
      await put(admin, sevenA.id, {
        studyPeriodId: q2.id,
        effectiveFrom: '2026-12-07',
        cells: [],
      }).expect(200);
      const earlier = await put(deputy, sevenB.id, {
        studyPeriodId: q2.id,
        effectiveFrom: '2026-11-30',
        cells: [cell(1, 3, 'Математика', ivanova)],
      });
      expect(expectProblem(earlier, 409, 'timetable.conflict').conflicts).toEqual([
        expect.objectContaining({
          kind: 'teacher',
          with: expect.objectContaining({ classId: sevenA.id, validUntil: '2026-12-06' }),
        }),
      ]);
      const response = await put(deputy, sevenB.id, {
        studyPeriodId: q2.id,
        effectiveFrom: '2026-12-07',
        cells: [cell(1, 3, 'Математика', ivanova)],
      });
      expect(response.status).toBe(200);
      expect(response.body.cells).toEqual([
        expect.objectContaining({
          weekday: 1,
          lessonNumber: 3,
          validFrom: '2026-12-07',
          validUntil: '2026-12-28',
        }),
      ]);
    });

    it('lets only one of two concurrent changes take the same teacher', async () => {
      const body = {
        studyPeriodId: q2.id,
        effectiveFrom: '2026-12-14',
        cells: [cell(4, 7, 'Математика', ivanova)],
      };
      const [first, second] = await Promise.all([
        put(admin, sevenA.id, body),
        put(deputy, sevenB.id, body),
      ]);
      expect([first.status, second.status].sort()).toEqual([200, 409]);
      const refused = first.status === 409 ? first : second;
      expect(refused.body.conflicts).toEqual([
        expect.objectContaining({ kind: 'teacher', weekday: 4, lessonNumber: 7 }),
      ]);
    });
  });

  describe('who may read and change it', () => {
    it('staff read every class; a student and a parent their own class only', async () => {
      await get(ivanova.user, sevenA.id, '2026-11-16').expect(200);
      const own = await get(student, sevenB.id, '2026-11-16').expect(200);
      expect(own.body.className).toBe('7Б');
      expectProblem(await get(student, sevenA.id, '2026-11-16'), 404, 'resource.not_found');
      const child = await get(parent, sevenB.id, '2026-11-16').expect(200);
      expect(child.body.cells).toEqual(own.body.cells);
      expectProblem(await get(parent, sevenA.id, '2026-11-16'), 404, 'resource.not_found');
      expectProblem(await get(otherAdmin, sevenB.id), 404, 'resource.not_found');
      expectProblem(
        await get(admin, '0193a1f2-7c1d-7b43-9c55-000000000000'),
        404,
        'resource.not_found',
      );
    });

    it('teachers, students and parents may not change it; other schools do not see it', async () => {
      const before = await stored(sevenB.id);
      const body = { studyPeriodId: q2.id, cells: [] };
      for (const user of [ivanova.user, student, parent]) {
        expectProblem(await put(user, sevenB.id, body), 403, 'access.forbidden');
        expectProblem(
          await t
            .http()
            .post(`/v1/classes/${sevenB.id}/lessons/regenerate`)
            .set(user.auth)
            .send({ from: '2026-11-05', to: '2026-11-30' }),
          403,
          'access.forbidden',
        );
      }
      expectProblem(await put(otherAdmin, sevenB.id, body), 404, 'resource.not_found');
      expect(await stored(sevenB.id)).toEqual(before);
    });
  });
});

import { randomUUID } from 'node:crypto';
import { AttendanceEntry } from '../src/modules/attendance/entities/attendance-entry.entity';
import { mondayOf } from '../src/core/calendar/date-only';
import { SchoolClass } from '../src/modules/classes/entities/school-class.entity';
import {
  Subgroup,
  SubgroupMember,
  SubgroupSplit,
} from '../src/modules/classes/entities/subgroup.entity';
import { Mark } from '../src/modules/grades/entities/mark.entity';
import { Lesson } from '../src/modules/lessons/entities/lesson.entity';
import { Person } from '../src/modules/people/entities/person.entity';
import { Subject } from '../src/modules/reference-data/entities/subject.entity';
import { createPerson, enroll } from './support/classes-fixtures';
import type { TestUser } from './support/factories';
import { createJournalWorld, type JournalWorld } from './support/journal-fixtures';
import { assignTeacher, createLesson, createStaffMember } from './support/lessons-fixtures';
import { linkParent } from './support/people-fixtures-credentials';
import { expectProblem } from './support/problem-matchers';
import { startTestApp, type TestApp } from './support/test-app';

interface DiaryLesson {
  id: string;
  classId: string;
  lessonNumber: number;
  startsAt: string | null;
  endsAt: string | null;
  subject: { id: string; name: string };
  teacher: { id: string; name: string };
  topic: string | null;
  homework: string | null;
  homeworkDueOn: string | null;
  status: string;
  marks: {
    value: string;
    markType: { shortName: string; weight: number };
    comment: string | null;
  }[];
  absence: { code: string; minutesLate: number | null } | null;
}

interface Diary {
  student: { id: string; name: string };
  weekOf: string;
  days: { date: string; lessons: DiaryLesson[] }[];
}

/** The week of the world's first lessons: Monday 2026-09-07 … Sunday 09-13. */
const WEEK = [7, 8, 9, 10, 11, 12, 13].map((day) => `2026-09-${String(day).padStart(2, '0')}`);

describe('diary (J7)', () => {
  let t: TestApp;
  let w: JournalWorld;
  let english: Subject;
  let groupLessons: Lesson[];
  let unrelatedTeacher: TestUser;

  const diaryOf = (user: TestUser, studentId: string, week: string | null = '2026-09-09') =>
    t
      .http()
      .get(`/v1/students/${studentId}/diary`)
      .query(week ? { week } : {})
      .set(user.auth);
  const myDiary = (user: TestUser, query: Record<string, string> = { week: '2026-09-09' }) =>
    t.http().get('/v1/me/diary').query(query).set(user.auth);

  beforeAll(async () => {
    t = await startTestApp();
    w = await createJournalWorld(t);
    const em = t.em();
    const [anton, vera, gleb] = w.students;

    // English in two groups: Антон in the first, Вера and Глеб in the second.
    english = await em.findOneOrFail(Subject, { schoolId: w.school.id, name: 'Английский язык' });
    const split = em.create(SubgroupSplit, {
      schoolId: w.school.id,
      schoolClass: em.getReference(SchoolClass, w.schoolClass.id),
      subject: english.id,
    });
    const groups = [1, 2].map((position) =>
      em.create(Subgroup, { split, name: `Английский язык, ${position} группа`, position }),
    );
    em.create(SubgroupMember, { split, subgroup: groups[0], student: anton.id });
    em.create(SubgroupMember, { split, subgroup: groups[1], student: vera.id });
    em.create(SubgroupMember, { split, subgroup: groups[1], student: gleb.id });
    await em.flush();
    groupLessons = [];
    for (const group of groups) {
      groupLessons.push(
        await createLesson(t, {
          schoolClass: w.schoolClass,
          subject: english,
          teacher: w.otherTeacher.person,
          date: '2026-09-09',
          lessonNumber: 3,
          subgroup: group,
        }),
      );
    }

    const [monday, tuesday] = w.mathLessons;
    await em.nativeUpdate(
      Lesson,
      { id: monday.id },
      { topic: 'Натуральные числа', homework: '§ 1, № 5–7', homeworkDueOn: '2026-09-08' },
    );
    // Tuesday's mathematics is taken by the class teacher.
    await em.nativeUpdate(Lesson, { id: tuesday.id }, { substitute: w.classTeacher.person.id });

    const mark = (student: Person, lesson: Lesson, value: string, type: string, comment?: string) =>
      em.create(Mark, {
        schoolId: w.school.id,
        lessonId: lesson.id,
        studentId: student.id,
        markTypeId: w.markTypes[type].id,
        value,
        score: `${value}.00`,
        comment: comment ?? null,
        givenBy: w.teacher.user.account.id,
      });
    mark(anton, monday, '5', 'Ответ на уроке', 'Молодец');
    mark(anton, monday, '4', 'Домашняя работа');
    mark(vera, monday, '2', 'Ответ на уроке', 'Вера не готова');
    mark(anton, w.mathLessons[2], '3', 'Контрольная работа'); // next week
    em.create(AttendanceEntry, {
      schoolId: w.school.id,
      lessonId: tuesday.id,
      studentId: anton.id,
      reasonId: w.reasons['О'].id,
      minutesLate: 5,
      recordedBy: w.teacher.user.account.id,
    });
    em.create(AttendanceEntry, {
      schoolId: w.school.id,
      lessonId: monday.id,
      studentId: vera.id,
      reasonId: w.reasons['Б'].id,
      recordedBy: w.teacher.user.account.id,
    });
    await em.flush();
    unrelatedTeacher = (await createStaffMember(t, w.school, 'Посторонняя')).user;
  });
  afterAll(() => t.close());

  it('shows a student their week: lessons, bell times, homework, marks and absences', async () => {
    const knex = t.em().getConnection().getKnex();
    let statements = 0;
    const count = () => statements++;
    knex.on('query', count);
    const response = await diaryOf(w.studentUser, w.students[0].id);
    knex.removeListener('query', count);
    expect(response.status).toBe(200);
    // The student's scopes, then the diary.
    expect(statements).toBe(2);
    const body = response.body as Diary;
    expect(body.student).toEqual({ id: w.students[0].id, name: 'Алексеев Антон' });
    expect(body.weekOf).toBe('2026-09-07');
    expect(body.days.map((day) => day.date)).toEqual(WEEK);
    expect(body.days.map((day) => day.lessons.length)).toEqual([2, 1, 1, 0, 0, 0, 0]);

    const [math, russian] = body.days[0].lessons;
    // Two marks of one lesson, in the order given (here: given together).
    const byValue = (a: { value: string }, b: { value: string }) => a.value.localeCompare(b.value);
    expect([...math.marks].sort(byValue)).toEqual([
      { value: '4', markType: { shortName: 'Д/з', weight: 1 }, comment: null },
      { value: '5', markType: { shortName: 'Отв.', weight: 1 }, comment: 'Молодец' },
    ]);
    expect({ ...math, marks: undefined }).toEqual({
      id: w.mathLessons[0].id,
      classId: w.schoolClass.id,
      lessonNumber: 1,
      startsAt: '08:30',
      endsAt: '09:15',
      subject: { id: w.math.id, name: 'Математика' },
      teacher: { id: w.teacher.person.id, name: expect.stringMatching(/^Математикова/) },
      topic: 'Натуральные числа',
      homework: '§ 1, № 5–7',
      homeworkDueOn: '2026-09-08',
      status: 'scheduled',
      marks: undefined,
      absence: null,
    });
    expect(russian).toMatchObject({
      id: w.russianLesson.id,
      lessonNumber: 2,
      startsAt: '09:25',
      subject: { name: 'Русский язык' },
      marks: [],
      absence: null,
    });
    // The substitute teaches Tuesday's lesson; Антон was 5 minutes late.
    expect(body.days[1].lessons[0]).toMatchObject({
      id: w.mathLessons[1].id,
      teacher: { id: w.classTeacher.person.id },
      absence: { code: 'О', minutesLate: 5 },
    });
    // Only the English lesson of Антон's group.
    expect(body.days[2].lessons.map((lesson) => lesson.id)).toEqual([groupLessons[0].id]);
  });

  it('never gives a student a classmate’s marks or diary', async () => {
    const body = (await diaryOf(w.studentUser, w.students[0].id)).body as Diary;
    const text = JSON.stringify(body);
    expect(text).not.toContain('Вера не готова');
    expect(body.days[0].lessons[0].marks.map((m) => m.value).sort()).toEqual(['4', '5']);
    expectProblem(await diaryOf(w.studentUser, w.students[1].id), 404, 'resource.not_found');
  });

  it('shows the same week through /me/diary, this week by default', async () => {
    const direct = await diaryOf(w.studentUser, w.students[0].id);
    const mine = await myDiary(w.studentUser);
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual(direct.body);

    const thisWeek = await myDiary(w.studentUser, {});
    expect(thisWeek.status).toBe(200);
    expect((thisWeek.body as Diary).weekOf).toBe(mondayOf(t.clock.today('Europe/Moscow')));
    const defaultWeek = await diaryOf(w.studentUser, w.students[0].id, null);
    expect((defaultWeek.body as Diary).weekOf).toBe(mondayOf(t.clock.today('Europe/Moscow')));
  });

  it('shows a parent their child’s diary, and no one else’s', async () => {
    const response = await diaryOf(w.parentUser, w.students[0].id);
    expect(response.status).toBe(200);
    expect((response.body as Diary).days[0].lessons[0].marks).toHaveLength(2);
    // The only child: no need to name it.
    const mine = await myDiary(w.parentUser);
    expect(mine.status).toBe(200);
    expect((mine.body as Diary).student.id).toBe(w.students[0].id);

    expectProblem(await diaryOf(w.parentUser, w.otherChild.id), 404, 'resource.not_found');
    expectProblem(await diaryOf(w.parentUser, w.students[1].id), 404, 'resource.not_found');
    expectProblem(
      await myDiary(w.parentUser, { studentId: w.students[1].id }),
      404,
      'resource.not_found',
    );
  });

  it('shows the staff who read the class the diary; others get 404', async () => {
    for (const user of [w.deputy, w.teacher.user, w.classTeacher.user]) {
      const response = await diaryOf(user, w.students[1].id);
      expect(response.status).toBe(200);
      const monday = (response.body as Diary).days[0].lessons[0];
      expect(monday.marks).toEqual([
        { value: '2', markType: { shortName: 'Отв.', weight: 1 }, comment: 'Вера не готова' },
      ]);
      expect(monday.absence).toEqual({ code: 'Б', minutesLate: null });
    }
    expectProblem(await diaryOf(unrelatedTeacher, w.students[1].id), 404, 'resource.not_found');
    expectProblem(await diaryOf(w.deputy, randomUUID()), 404, 'resource.not_found');
    // A parent's card is no student.
    const parent = await t.em().findOneOrFail(Person, { accountId: w.parentUser.account.id });
    expectProblem(await diaryOf(w.deputy, parent.id), 404, 'resource.not_found');
    // Nor does a teacher have a diary of their own.
    expectProblem(await myDiary(w.teacher.user), 404, 'resource.not_found');
    expectProblem(await diaryOf(w.deputy, w.students[1].id, '2026-02-30'), 400, 'request.invalid');
  });

  it('shows a teacher only the lessons of the classes they teach', async () => {
    // Жанна moves from 7А to 7Б on Wednesday; 7Б has Russian on Thursday with its own teacher.
    const em = t.em();
    const sevenB = await em.findOneOrFail(SchoolClass, { schoolId: w.school.id, letter: 'Б' });
    const moved = await createPerson(t, w.school, 'student', {
      lastName: 'Жукова',
      firstName: 'Жанна',
    });
    await enroll(t, moved, w.schoolClass, '2026-09-01', '2026-09-09');
    await enroll(t, moved, sevenB, '2026-09-09');
    const teacherOfB = await createStaffMember(t, w.school, 'Бэшкина');
    await assignTeacher(t, sevenB, w.russian, teacherOfB.person);
    const thursday = await createLesson(t, {
      schoolClass: sevenB,
      subject: w.russian,
      teacher: teacherOfB.person,
      date: '2026-09-10',
    });
    const lessonIds = (response: { body: unknown }) =>
      (response.body as Diary).days.flatMap((day) => day.lessons.map((lesson) => lesson.id));

    const all = [w.mathLessons[0].id, w.russianLesson.id, w.mathLessons[1].id, thursday.id];
    expect(lessonIds(await diaryOf(w.deputy, moved.id))).toEqual(all);
    expect(lessonIds(await diaryOf(w.teacher.user, moved.id))).toEqual(all.slice(0, 3));
    expect(lessonIds(await diaryOf(teacherOfB.user, moved.id))).toEqual([thursday.id]);
  });

  it('makes a parent of two children choose one', async () => {
    const em = t.em();
    const parent = await em.findOneOrFail(Person, { accountId: w.parentUser.account.id });
    await linkParent(t, parent, w.otherChild);

    const problem = expectProblem(await myDiary(w.parentUser), 400, 'request.invalid');
    expect(problem.errors).toEqual([
      {
        field: 'studentId',
        messages: [
          `choose one of: Алексеев Антон (${w.students[0].id}), Дмитриев Имя (${w.otherChild.id})`,
        ],
      },
    ]);
    const other = await myDiary(w.parentUser, { week: '2026-09-09', studentId: w.otherChild.id });
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({
      student: { id: w.otherChild.id, name: 'Дмитриев Имя' },
      weekOf: '2026-09-07',
    });
    // Only 7Б's lessons (none of 7А's).
    const classes = (other.body as Diary).days.flatMap((day) => day.lessons.map((l) => l.classId));
    expect(classes).not.toContain(w.schoolClass.id);
    const first = await myDiary(w.parentUser, { week: '2026-09-09', studentId: w.students[0].id });
    expect((first.body as Diary).student.name).toBe('Алексеев Антон');
    expect((await diaryOf(w.parentUser, w.otherChild.id)).status).toBe(200);
  });
});

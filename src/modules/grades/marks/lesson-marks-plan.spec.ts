import type { LessonMarkItemDto } from '../dto/mark-input.dto';
import { changesNothing, matchLessonMarks, planLessonMarks } from './lesson-marks-plan';
import type { LessonSheet, MarkKind, StoredMark } from './lesson-sheet';

const answer: MarkKind = {
  id: 'type-answer',
  name: 'Ответ на уроке',
  shortName: 'Отв.',
  weight: 1,
  archived: false,
  checkWithinDays: null,
};
const test: MarkKind = { ...answer, id: 'type-test', name: 'Тест', checkWithinDays: 3 };

const mark = (id: string, studentId: string, over: Partial<StoredMark> = {}): StoredMark => ({
  id,
  lessonId: 'lesson',
  studentId,
  value: '4',
  score: 4,
  markTypeId: answer.id,
  comment: null,
  dueOn: null,
  late: false,
  givenBy: 'teacher',
  createdAt: '2026-09-14T09:00:00.000Z',
  updatedAt: '2026-09-14T09:00:00.000Z',
  ...over,
});

const sheet = (marks: StoredMark[]): LessonSheet => ({
  lesson: {
    id: 'lesson',
    schoolId: 'school',
    classId: 'class',
    className: '7А',
    subjectId: 'math',
    subgroupName: null,
    teacherId: 'teacher',
    substituteId: null,
    date: '2026-09-14',
    status: 'scheduled',
    cancellationReason: null,
    timeZone: 'Europe/Moscow',
    enrolled: ['anna', 'boris'],
    roster: new Set(['anna', 'boris']),
    version: '42',
  },
  types: new Map([answer, test].map((type) => [type.id, type])),
  scale: {
    name: 'Пятибалльная',
    values: ['5', '4', '3', '2', '1'].map((value) => ({ value, score: Number(value) })),
  },
  marks,
});

const item = (studentId: string, value: string, over: Partial<LessonMarkItemDto> = {}) => ({
  studentId,
  markTypeId: answer.id,
  value,
  ...over,
});

let ids = 0;
const giving = {
  at: new Date('2026-09-20T09:00:00.000Z'),
  writtenAt: new Date('2026-09-20T09:00:05.000Z'),
  today: '2026-09-20',
  by: 'teacher',
  newId: () => `new-${++ids}`,
};

describe('matching a lesson’s marks to the listed items', () => {
  it('takes a mark named by id, then the first free one of the same student and type', () => {
    const existing = [mark('m1', 'anna'), mark('m2', 'anna'), mark('m3', 'boris')];
    const { matched, errors } = matchLessonMarks(existing, [
      item('anna', '5'),
      item('anna', '3', { id: 'm1' }),
      item('boris', '2', { markTypeId: test.id }),
    ]);
    expect(errors).toEqual([]);
    expect([matched.get(0)?.id, matched.get(1)?.id, matched.get(2)]).toEqual([
      'm2',
      'm1',
      undefined,
    ]);
  });

  it('refuses ids of other lessons, listed twice, or of another student', () => {
    const existing = [mark('m1', 'anna'), mark('m2', 'anna')];
    const { errors } = matchLessonMarks(existing, [
      item('anna', '5', { id: 'elsewhere' }),
      item('anna', '5', { id: 'm1' }),
      item('anna', '4', { id: 'm1' }),
      item('boris', '4', { id: 'm2' }),
    ]);
    expect(errors.map((error) => error.field)).toEqual([
      'marks[0].id',
      'marks[2].id',
      'marks[3].studentId',
    ]);
  });
});

describe('planning the write of a whole lesson', () => {
  it('changes what differs, keeps what does not, deletes what is left out, gives the rest', () => {
    const kept = mark('m1', 'anna');
    const changed = mark('m2', 'boris', { value: '3', score: 3 });
    const gone = mark('m3', 'boris', {
      markTypeId: test.id,
      createdAt: '2026-09-14T08:00:00.000Z',
    });
    const result = planLessonMarks(
      sheet([gone, kept, changed]),
      [
        item('boris', '2', { markTypeId: test.id, comment: 'Тест 1' }),
        item('anna', '4'),
        item('boris', '5'),
      ],
      giving,
    );
    if (!('plan' in result)) throw new Error(JSON.stringify(result.errors));
    const { plan } = result;
    // The test mark of boris is matched by student and type: it changes, nothing is new.
    expect(plan.created).toEqual([]);
    expect(plan.deleted).toEqual([]);
    expect(plan.changed.map(({ mark: m, change }) => [m.id, change])).toEqual([
      ['m3', { value: '2', score: '2.00', comment: 'Тест 1' }],
      ['m2', { value: '5', score: '5.00' }],
    ]);
    expect(plan.changed[0].mark.updatedAt).toEqual(giving.writtenAt);
    expect(plan.after.map((m) => [m.id, m.value])).toEqual([
      ['m3', '2'],
      ['m1', '4'],
      ['m2', '5'],
    ]);
  });

  it('gives new marks with the term and lateness of their type, and deletes the rest', () => {
    const result = planLessonMarks(
      sheet([mark('m1', 'anna')]),
      [item('boris', '5', { markTypeId: test.id }), item('boris', '4')],
      giving,
    );
    if (!('plan' in result)) throw new Error('refused');
    expect(result.plan.deleted.map((m) => m.id)).toEqual(['m1']);
    expect(result.plan.created).toMatchObject([
      { studentId: 'boris', value: '5', score: '5.00', dueOn: '2026-09-17', late: true },
      { studentId: 'boris', value: '4', dueOn: null, late: false, givenBy: 'teacher' },
    ]);
    // New marks are given at one instant, their ids in the list's order.
    const [first, second] = result.plan.created;
    expect([first.createdAt, second.createdAt]).toEqual([giving.at, giving.at]);
    expect(first.id < second.id).toBe(true);
  });

  it('plans nothing for the lesson’s marks sent back as they are', () => {
    const marks = [mark('m1', 'anna'), mark('m2', 'boris', { comment: 'Молодец' })];
    const result = planLessonMarks(
      sheet(marks),
      [item('anna', ' 4 '), item('boris', '4', { id: 'm2', comment: 'Молодец' })],
      giving,
    );
    expect('plan' in result && changesNothing(result.plan)).toBe(true);
  });

  it('lists every bad field of every item and plans nothing', () => {
    const result = planLessonMarks(
      sheet([]),
      [item('stranger', '5'), item('anna', '6', { markTypeId: 'unknown' })],
      giving,
    );
    expect('errors' in result && result.errors.map((error) => error.field)).toEqual([
      'marks[0].studentId',
      'marks[1].markTypeId',
      'marks[1].value',
    ]);
  });
});

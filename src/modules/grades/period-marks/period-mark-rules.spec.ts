import type { PeriodMark } from '../entities/period-mark.entity';
import {
  checkPeriodMarkStudents,
  checkPeriodMarkValues,
  foreignMarkOf,
  groupByStudent,
  planPeriodMarks,
  teachersBySubjectOf,
} from './period-mark-rules';

const scale = {
  name: 'Пятибалльная',
  values: ['5', '4', '3', '2', '1'].map((value) => ({ value, score: Number(value) })),
};
const stored = (studentId: string, over: Partial<PeriodMark> = {}) =>
  ({
    studentId,
    value: '4',
    score: '4.00',
    comment: null,
    schoolClassId: 'class',
    ...over,
  }) as PeriodMark;

describe('checking period marks', () => {
  it('lists a repeated student and a student not in the class during the period', () => {
    const errors = checkPeriodMarkStudents(
      [
        { studentId: 'anna', value: '5' },
        { studentId: 'vera', value: '4' },
        { studentId: 'anna', value: '3' },
      ],
      new Set(['anna']),
      { className: '7А', label: '1 четверть' },
    );
    expect(errors).toEqual([
      { field: 'marks[1].studentId', messages: ['is not a student of 7А in 1 четверть'] },
      { field: 'marks[2].studentId', messages: ['repeats marks[0]'] },
    ]);
  });

  it('scores values of the scale, not н/а, осв or deletions, and lists the others', () => {
    const { scores, errors } = checkPeriodMarkValues(scale, [
      { studentId: 'a', value: ' 5 ' },
      { studentId: 'b', value: 'н/а' },
      { studentId: 'c', value: null },
      { studentId: 'd', value: 'отл' },
    ]);
    expect(scores).toEqual([5, null, null, null]);
    expect(errors).toEqual([
      {
        field: 'marks[3].value',
        messages: ['must be one of 5, 4, 3, 2, 1, н/а, осв (scale «Пятибалльная»)'],
      },
    ]);
  });
});

describe('planning a write of period marks', () => {
  it('creates, changes and deletes only what differs', () => {
    const existing = new Map([
      ['anna', stored('anna')],
      ['boris', stored('boris')],
      ['vera', stored('vera', { comment: 'Болела' })],
    ]);
    const writes = planPeriodMarks(
      [
        { studentId: 'anna', value: '4' },
        { studentId: 'boris', value: null },
        { studentId: 'vera', value: '4' },
        { studentId: 'gleb', value: 'осв', comment: 'Справка' },
        { studentId: 'dina', value: null },
      ],
      existing,
      [4, null, 4, null, null],
    );
    expect(writes.map((write) => [write.action, write.studentId])).toEqual([
      ['delete', 'boris'],
      ['update', 'vera'],
      ['create', 'gleb'],
    ]);
    expect(writes[2]).toMatchObject({ fields: { value: 'осв', score: null, comment: 'Справка' } });
  });

  it('finds a mark given in another class, and groups scores by student', () => {
    expect(
      foreignMarkOf([stored('anna'), stored('boris', { schoolClassId: 'other' })], 'class'),
    ).toMatchObject({ studentId: 'boris' });
    expect(foreignMarkOf([stored('anna')], 'class')).toBeUndefined();
    expect(
      groupByStudent([
        { studentId: 'anna', score: 5, weight: 1 },
        { studentId: 'anna', score: null, weight: 2 },
      ]),
    ).toEqual(
      new Map([
        [
          'anna',
          [
            { score: 5, weight: 1 },
            { score: null, weight: 2 },
          ],
        ],
      ]),
    );
  });

  it('names each subject’s teachers once', () => {
    const assignment = (subject: string, teacher: string) => ({
      subject: { id: subject },
      teacher: { id: teacher },
    });
    expect(
      teachersBySubjectOf([
        assignment('math', 't1'),
        assignment('math', 't1'),
        assignment('math', 't2'),
        assignment('art', 't1'),
      ]),
    ).toEqual(
      new Map([
        ['math', ['t1', 't2']],
        ['art', ['t1']],
      ]),
    );
  });
});

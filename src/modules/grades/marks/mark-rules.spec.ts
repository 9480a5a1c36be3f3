import type { MarkedLesson, MarkKind, StoredMark } from './lesson-sheet';
import { checkMarkFields, markChange, studentError, unmarkableReason } from './mark-rules';
import type { FieldError } from '../../../core/http/problem';

const lesson: MarkedLesson = {
  id: 'lesson',
  schoolId: 'school',
  classId: 'class',
  className: '7А',
  subjectId: 'math',
  subgroupName: 'Математика, 1 группа',
  teacherId: 'teacher',
  substituteId: null,
  date: '2026-09-14',
  status: 'scheduled',
  cancellationReason: null,
  timeZone: 'Europe/Moscow',
  enrolled: ['anna', 'boris'],
  roster: new Set(['anna']),
  version: '1',
};
const answer: MarkKind = {
  id: 'answer',
  name: 'Ответ на уроке',
  shortName: 'Отв.',
  weight: 1,
  archived: false,
  checkWithinDays: null,
};
const essay: MarkKind = {
  ...answer,
  id: 'essay',
  name: 'Изложение',
  archived: true,
  checkWithinDays: 3,
};
const rules = {
  lesson,
  types: new Map([answer, essay].map((type) => [type.id, type])),
  scale: {
    name: 'Зачёт / незачёт',
    values: [
      { value: 'зач', score: null },
      { value: 'незач', score: null },
    ],
  },
};

describe('who can be given a mark in a lesson', () => {
  it('tells a student of another class from one outside the lesson’s subgroup', () => {
    expect(studentError(lesson, 'anna')).toBeUndefined();
    expect(studentError(lesson, 'boris')).toBe(
      'the student is not in the lesson’s subgroup «Математика, 1 группа»',
    );
    expect(studentError(lesson, 'vera')).toBe('studentId must be a student of 7А on 2026-09-14');
  });
});

describe('checking a mark’s fields', () => {
  it('takes a value on the scale, without a score on a pass/fail scale', () => {
    const errors: FieldError[] = [];
    const fields = checkMarkFields(
      rules,
      { studentId: 'anna', markTypeId: 'answer', value: ' зач ' },
      '',
      errors,
    );
    expect(errors).toEqual([]);
    expect(fields).toMatchObject({ value: 'зач', score: null, comment: null });
  });

  it('refuses an archived type for a new mark but keeps it on a mark that has it', () => {
    const item = { studentId: 'boris', markTypeId: 'essay', value: '5' };
    const errors: FieldError[] = [];
    expect(checkMarkFields(rules, item, 'marks[2].', errors)).toBeUndefined();
    expect(errors).toEqual([
      {
        field: 'marks[2].studentId',
        messages: ['the student is not in the lesson’s subgroup «Математика, 1 группа»'],
      },
      { field: 'marks[2].markTypeId', messages: ['mark type «Изложение» is archived'] },
      {
        field: 'marks[2].value',
        messages: ['value must be one of зач, незач (scale «Зачёт / незачёт»)'],
      },
    ]);
    // A mark already given: its student (who has left the subgroup) and type stay.
    const kept: FieldError[] = [];
    checkMarkFields(rules, { ...item, value: 'незач' }, '', kept, { markTypeId: 'essay' });
    expect(kept).toEqual([]);
  });
});

describe('what a write changes of a mark', () => {
  const stored = {
    id: 'm1',
    value: 'зач',
    score: null,
    markTypeId: 'answer',
    comment: null,
    dueOn: null,
  } as StoredMark;

  it('recomputes the term only when the type changes, and nothing when all is equal', () => {
    const same = { studentId: 'anna', type: answer, value: 'зач', score: null, comment: null };
    expect(markChange(lesson.date, stored, same)).toEqual({});
    expect(markChange(lesson.date, stored, { ...same, type: essay, comment: 'Тема 2' })).toEqual({
      markTypeId: 'essay',
      dueOn: '2026-09-17',
      comment: 'Тема 2',
    });
  });
});

describe('which lessons take marks', () => {
  it('refuses cancelled lessons and lessons after today', () => {
    expect(unmarkableReason(lesson, '2026-09-14')).toBeUndefined();
    expect(unmarkableReason(lesson, '2026-09-13')).toMatch(/after today \(2026-09-13\)/);
    expect(
      unmarkableReason(
        { ...lesson, status: 'cancelled', cancellationReason: 'Карантин' },
        '2026-09-20',
      ),
    ).toMatch(/was cancelled \(Карантин\)/);
  });
});

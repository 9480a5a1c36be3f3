import type { PeriodMark } from '../entities/period-mark.entity';
import { orderPeriodMarks } from './period-marks-order';

describe('the order of period marks', () => {
  it('is by kind, period, subject name (Russian order), then student name', () => {
    const mark = (id: string, over: Partial<PeriodMark>) =>
      ({
        id,
        kind: 'period',
        studyPeriodId: 'q1',
        subjectId: 'math',
        studentId: 'anna',
        ...over,
      }) as PeriodMark;
    const marks = [
      mark('final', { kind: 'final', studyPeriodId: null }),
      mark('q2', { studyPeriodId: 'q2' }),
      mark('boris', { studentId: 'boris' }),
      mark('russian', { subjectId: 'russian' }),
      mark('anna', {}),
      mark('year', { kind: 'year', studyPeriodId: null }),
    ];
    const ordered = orderPeriodMarks(marks, {
      studentRank: new Map([
        ['anna', 0],
        ['boris', 1],
      ]),
      periodStart: new Map([
        ['q1', '2026-09-01'],
        ['q2', '2026-11-05'],
      ]),
      subjectName: new Map([
        ['math', 'Математика'],
        ['russian', 'Алгебра'],
      ]),
    });
    expect(ordered.map((m) => m.id)).toEqual(['russian', 'anna', 'boris', 'q2', 'year', 'final']);
  });
});

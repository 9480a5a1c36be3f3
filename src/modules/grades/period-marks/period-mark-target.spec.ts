import type { StudyPeriod } from '../../academic-years/entities/study-period.entity';
import type { SchoolClass } from '../../classes/entities/school-class.entity';
import type { Subject } from '../../reference-data/entities/subject.entity';
import { factsNeeded, resolveTarget, slotOf } from './period-mark-target';

const schoolClass = { id: 'class', grade: 7, letter: 'А', academicYearId: 'year' } as SchoolClass;
const subject = { id: 'math', name: 'Математика' } as Subject;
const year = { name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-05-31' };
const quarter = {
  id: 'q1',
  name: '1 четверть',
  academicYearId: 'year',
  startsOn: '2026-09-01',
  endsOn: '2026-10-25',
} as StudyPeriod;
const request = { schoolClass, subject, kind: 'period' as const, studyPeriodId: 'q1' };

describe('what a period mark is about', () => {
  it('is a quarter of the class’s grade, with its dates and name', () => {
    const resolved = resolveTarget(request, { period: quarter });
    expect('target' in resolved && resolved.target).toMatchObject({
      from: '2026-09-01',
      to: '2026-10-25',
      label: '1 четверть',
    });
    expect('target' in resolved && slotOf(resolved.target)).toEqual({
      subjectId: 'math',
      academicYearId: 'year',
      kind: 'period',
      studyPeriodId: 'q1',
    });
  });

  it('refuses a period that is not of the class’s grade and year, or none', () => {
    const wrong = {
      field: 'studyPeriodId',
      messages: ['must be a study period of grade 7 in the year of 7А'],
    };
    // Not one of the class's grade in its year: periodOfGrade found none.
    expect(resolveTarget(request, { period: null })).toEqual({ error: wrong });
    expect(resolveTarget({ ...request, studyPeriodId: undefined }, {})).toEqual({
      error: { field: 'studyPeriodId', messages: ['is required for kind period'] },
    });
  });

  it('takes the year for the other kinds, which take no period', () => {
    const yearMark = { ...request, kind: 'year' as const, studyPeriodId: undefined };
    expect(factsNeeded(yearMark)).toEqual({ year: true, period: false });
    expect(resolveTarget(yearMark, { year })).toMatchObject({
      target: { period: null, from: '2026-09-01', to: '2027-05-31', label: '2026/2027' },
    });
    expect(resolveTarget({ ...yearMark, kind: 'exam', studyPeriodId: 'q1' }, {})).toEqual({
      error: {
        field: 'studyPeriodId',
        messages: ['only for kind period (a exam mark is of the whole year)'],
      },
    });
    expect(factsNeeded({ kind: 'exam', studyPeriodId: 'q1' })).toEqual({
      year: false,
      period: false,
    });
  });
});

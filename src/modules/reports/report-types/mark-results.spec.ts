import { classStandings, gradeOf, resultsOf, standingOf, type Grade } from './mark-results';

describe('mark results (успеваемость, качество, средний балл, СОУ)', () => {
  it('reads a period mark as a grade: scores round to 5…2, н/а apart, pass/fail marks', () => {
    expect([
      gradeOf('5', 5),
      gradeOf('4', 4),
      gradeOf('3', 3),
      gradeOf('2', 2),
      gradeOf('1', 1),
      gradeOf('н/а', null),
      gradeOf('зач', null),
      gradeOf('незач', null),
    ]).toEqual([5, 4, 3, 2, 2, 'na', 'pass', 2]);
  });

  it('worked by hand: 5, 4, 3, 2 → 75 %, 50 %, 3.50, СОУ (100+64+36+16)/4 = 54 %', () => {
    expect(resultsOf([5, 4, 3, 2])).toEqual({
      count: 4,
      n5: 1,
      n4: 1,
      n3: 1,
      n2: 1,
      na: 0,
      successRate: 75,
      qualityRate: 50,
      average: 3.5,
      souRate: 54,
    });
  });

  it('worked by hand: 5, 5, 4, н/а → 75 %, 75 %, 4.67, СОУ (200+64+0)/4 = 66 %', () => {
    expect(resultsOf([5, 5, 4, 'na'])).toMatchObject({
      successRate: 75,
      qualityRate: 75,
      average: 4.67,
      souRate: 66,
    });
  });

  it('a pass counts as passed and stays out of quality, average and СОУ', () => {
    expect(resultsOf(['pass', 'pass', 5])).toMatchObject({
      successRate: 100,
      qualityRate: 100,
      average: 5,
      souRate: 100,
    });
    expect(resultsOf([])).toMatchObject({ successRate: null, average: null, souRate: null });
  });

  it('where a student stands, and the class’s standard table', () => {
    const students: Grade[][] = [[5, 5, 'pass'], [5, 4], [4, 3, 4], [3, 3], [5, 2], [5, 'na'], []];
    expect(students.map(standingOf)).toEqual([
      'excellent',
      'good',
      'oneThree',
      'satisfactory',
      'failing',
      'notAssessed',
      'notAssessed',
    ]);
    // Seven students: four succeed (57.1 %), two on «4» and «5» or better (28.6 %).
    expect(classStandings(students)).toEqual({
      students: 7,
      excellent: 1,
      good: 1,
      oneThree: 1,
      satisfactory: 1,
      failing: 1,
      notAssessed: 2,
      successRate: 57.1,
      qualityRate: 28.6,
    });
  });
});

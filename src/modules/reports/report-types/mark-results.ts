import { percentOf, perOne } from './report-figures';

/**
 * The figures schools compute from period marks (seed 003 §5.2.8, R2–R4):
 *
 * - успеваемость: the share without «2» and without н/а;
 * - качество: the share with «4» and «5» only;
 * - средний балл: the mean of the marks on the five-point scale;
 * - СОУ (степень обученности учащихся): (100·n5 + 64·n4 + 36·n3 + 16·n2) / N, н/а weighing 0.
 *
 * A pass/fail mark (зач, осв) counts as passed and is left out of quality, average and СОУ;
 * «незач» counts as a «2».
 */
export type Grade = 5 | 4 | 3 | 2 | 'na' | 'pass';

const SOU_WEIGHT = { 5: 100, 4: 64, 3: 36, 2: 16, na: 0 } as const;

/** What a period mark means for the figures: its score rounded to 5…2, н/а, or a pass. */
export function gradeOf(value: string, score: number | null): Grade {
  if (value === 'н/а') return 'na';
  if (score === null) return value === 'незач' ? 2 : 'pass';
  if (score >= 4.5) return 5;
  if (score >= 3.5) return 4;
  if (score >= 2.5) return 3;
  return 2;
}

export interface Results {
  /** Marks counted (students of a subject, or marks of the class). */
  count: number;
  n5: number;
  n4: number;
  n3: number;
  n2: number;
  na: number;
  /** Per cent, one decimal; null without marks. */
  successRate: number | null;
  qualityRate: number | null;
  /** Two decimals; null without a mark on the five-point scale. */
  average: number | null;
  souRate: number | null;
}

/** The figures of a set of marks: one subject's marks of a class, or all marks of a class. */
export function resultsOf(grades: readonly Grade[]): Results {
  const count = (grade: Grade) => grades.filter((g) => g === grade).length;
  const [n5, n4, n3, n2, na] = ([5, 4, 3, 2, 'na'] as Grade[]).map(count);
  const scored = n5 + n4 + n3 + n2;
  const graded = scored + na;
  return {
    count: grades.length,
    n5,
    n4,
    n3,
    n2,
    na,
    successRate: percentOf(grades.length - n2 - na, grades.length),
    qualityRate: percentOf(n5 + n4, graded),
    average: perOne(5 * n5 + 4 * n4 + 3 * n3 + 2 * n2, scored),
    // The weights are per cent already: СОУ is their mean.
    souRate:
      graded === 0
        ? null
        : Math.round(
            (10 *
              (SOU_WEIGHT[5] * n5 + SOU_WEIGHT[4] * n4 + SOU_WEIGHT[3] * n3 + SOU_WEIGHT[2] * n2)) /
              graded,
          ) / 10,
  };
}

/** Where a student stands by their marks in all subjects of a period. */
export type Standing =
  'excellent' | 'good' | 'oneThree' | 'satisfactory' | 'failing' | 'notAssessed';

export function standingOf(grades: readonly Grade[]): Standing {
  const scored = grades.filter((g) => g !== 'pass');
  if (grades.length === 0 || scored.includes('na')) return 'notAssessed';
  if (scored.includes(2)) return 'failing';
  const threes = scored.filter((g) => g === 3).length;
  if (threes === 0) return scored.every((g) => g === 5) ? 'excellent' : 'good';
  return threes === 1 ? 'oneThree' : 'satisfactory';
}

/** The standard table of a class's results: students by standing, success and quality. */
export interface ClassStandings {
  students: number;
  excellent: number;
  good: number;
  oneThree: number;
  satisfactory: number;
  failing: number;
  notAssessed: number;
  successRate: number | null;
  qualityRate: number | null;
}

export function classStandings(perStudent: readonly (readonly Grade[])[]): ClassStandings {
  const standings = perStudent.map(standingOf);
  const count = (standing: Standing) => standings.filter((s) => s === standing).length;
  const students = perStudent.length;
  const excellent = count('excellent');
  const good = count('good');
  return {
    students,
    excellent,
    good,
    oneThree: count('oneThree'),
    satisfactory: count('satisfactory'),
    failing: count('failing'),
    notAssessed: count('notAssessed'),
    successRate: percentOf(students - count('failing') - count('notAssessed'), students),
    qualityRate: percentOf(excellent + good, students),
  };
}

/**
 * Maximum study load of a class (СанПиН 1.2.3685-21, table 6.6): academic hours a week for a
 * five- and a six-day week, and lessons a day. Grade 1 studies five days a week only, so
 * its weekly maximum is the same for both. The daily maximum of grade 1 is 4 lessons with
 * 5 allowed once a week (physical education); kept simple here: 5.
 */
interface GradeNorm {
  /** Weekly maximum, 5-day and 6-day week. */
  weekly: { 5: number; 6: number };
  daily: number;
}

const norm = (five: number, six: number, daily: number): GradeNorm => ({
  weekly: { 5: five, 6: six },
  daily,
});

export const LOAD_NORMS: Readonly<Record<number, GradeNorm>> = {
  1: norm(21, 21, 5),
  2: norm(23, 26, 5),
  3: norm(23, 26, 5),
  4: norm(23, 26, 5),
  5: norm(29, 32, 6),
  6: norm(30, 33, 6),
  7: norm(32, 35, 7),
  8: norm(33, 36, 7),
  9: norm(33, 36, 7),
  10: norm(34, 37, 7),
  11: norm(34, 37, 7),
};

export const maxWeeklyHours = (grade: number, weekDays: number): number =>
  LOAD_NORMS[grade].weekly[weekDays === 6 ? 6 : 5];

export const maxDailyLessons = (grade: number): number => LOAD_NORMS[grade].daily;

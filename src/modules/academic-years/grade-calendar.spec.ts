import type { StudyPeriod } from './entities/study-period.entity';
import { GradeCalendar, restsOn } from './grade-calendar';

const period = (name: string, startsOn: string, endsOn: string) =>
  ({ id: name, name, startsOn, endsOn }) as StudyPeriod;

describe('GradeCalendar', () => {
  const first = period('1 четверть', '2026-09-01', '2026-10-24');
  const second = period('2 четверть', '2026-11-05', '2026-12-28');
  const calendar = new GradeCalendar(
    [first, second],
    [{ startsOn: '2026-11-16', endsOn: '2026-11-22' }],
  );

  it('finds the period of a school day, first and last days included', () => {
    expect(calendar.lessonPeriod('2026-09-01')).toBe(first);
    expect(calendar.lessonPeriod('2026-10-24')).toBe(first);
    expect(calendar.lessonPeriod('2026-11-05')).toBe(second);
  });

  it('has no lessons between periods or on a holiday of the grade', () => {
    expect(calendar.lessonPeriod('2026-10-30')).toBeNull();
    expect(calendar.periodContaining('2026-10-30')).toBeNull();
    expect(calendar.lessonPeriod('2026-11-18')).toBeNull();
    // The holiday is still inside the period.
    expect(calendar.periodContaining('2026-11-18')).toBe(second);
  });

  it('counts a holiday for every grade, or only for the grades it names', () => {
    expect(restsOn({ grades: null }, 7)).toBe(true);
    expect(restsOn({ grades: [1] }, 1)).toBe(true);
    expect(restsOn({ grades: [1] }, 2)).toBe(false);
  });
});

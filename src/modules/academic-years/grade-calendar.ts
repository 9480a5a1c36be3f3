import type { Holiday } from './entities/holiday.entity';
import type { StudyPeriod } from './entities/study-period.entity';

/** Whether a holiday is one of `grade`'s (null grades: every grade rests). */
export const restsOn = (holiday: Pick<Holiday, 'grades'>, grade: number) =>
  holiday.grades === null || holiday.grades.includes(grade);

/**
 * The study periods and holidays of one grade in one academic year: which dates have lessons.
 * Built once for a range of dates (`StudyPeriodsService.calendarOf`), so a year of lessons is
 * not a query a day.
 */
export class GradeCalendar {
  constructor(
    /** The grade's periods, in date order. */
    readonly periods: StudyPeriod[],
    /** The grade's holidays. */
    private readonly holidays: Pick<Holiday, 'startsOn' | 'endsOn'>[],
  ) {}

  /** The period containing the date, holiday or not. */
  periodContaining(date: string): StudyPeriod | null {
    return this.periods.find((p) => p.startsOn <= date && date <= p.endsOn) ?? null;
  }

  /**
   * The period of a day with lessons; null on a holiday of the grade or outside every period
   * (as `StudyPeriodsService.findPeriod`, limited to one year).
   */
  lessonPeriod(date: string): StudyPeriod | null {
    const period = this.periodContaining(date);
    if (!period) return null;
    const resting = this.holidays.some((h) => h.startsOn <= date && date <= h.endsOn);
    return resting ? null : period;
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { Holiday } from '../academic-years/entities/holiday.entity';
import { PeriodScheme } from '../academic-years/entities/period-scheme.entity';
import { StudyPeriod } from '../academic-years/entities/study-period.entity';
import type { SchoolClass } from '../classes/entities/school-class.entity';

/**
 * The study periods and holidays of a class's grade in the class's academic year: which dates
 * have lessons. Loaded once for a range of dates, so a year of lessons is not a query a day.
 */
export class ClassCalendar {
  private constructor(
    readonly periods: StudyPeriod[],
    private readonly holidays: Holiday[],
  ) {}

  static async load(em: EntityManager, schoolClass: SchoolClass): Promise<ClassCalendar> {
    const schemes = await em.find(PeriodScheme, { academicYearId: schoolClass.academicYearId });
    const schemeIds = schemes
      .filter((scheme) => scheme.grades.includes(schoolClass.grade))
      .map((scheme) => scheme.id);
    const periods = schemeIds.length
      ? await em.find(
          StudyPeriod,
          { schemeId: { $in: schemeIds } },
          { orderBy: { startsOn: 'asc' } },
        )
      : [];
    const holidays = await em.find(Holiday, { academicYearId: schoolClass.academicYearId });
    return new ClassCalendar(
      periods,
      holidays.filter((h) => h.grades === null || h.grades.includes(schoolClass.grade)),
    );
  }

  /** The period containing the date, holiday or not. */
  periodContaining(date: string): StudyPeriod | null {
    return this.periods.find((p) => p.startsOn <= date && date <= p.endsOn) ?? null;
  }

  /**
   * The period of a day with lessons; null on a holiday of the grade or outside every period
   * (as `StudyPeriodsService.findPeriod`, limited to the class's own year).
   */
  lessonPeriod(date: string): StudyPeriod | null {
    const period = this.periodContaining(date);
    if (!period) return null;
    const resting = this.holidays.some((h) => h.startsOn <= date && date <= h.endsOn);
    return resting ? null : period;
  }
}

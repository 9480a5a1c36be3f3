import { eachDate, isoWeekday } from '../../core/calendar/date-only';
import { restsOn } from '../academic-years/grade-calendar';

/** A holiday as the calendar computation needs it; `grades` null: every grade. */
export interface HolidaySpan {
  startsOn: string;
  endsOn: string;
  grades: number[] | null;
}

/**
 * School days of a grade from `startsOn` to `endsOn`: the school's working weekdays (Monday
 * to Friday, or to Saturday for a six-day week) outside the holidays that apply to the grade.
 */
export function schoolDays(
  span: { startsOn: string; endsOn: string },
  weekDays: number,
  holidays: HolidaySpan[],
  grade: number,
): number {
  const resting = holidays.filter((h) => restsOn(h, grade));
  let days = 0;
  for (const date of eachDate(span.startsOn, span.endsOn)) {
    if (isoWeekday(date) > weekDays) continue;
    if (resting.some((h) => h.startsOn <= date && date <= h.endsOn)) continue;
    days++;
  }
  return days;
}

/**
 * Study weeks of a grade in a year: its school days divided by the days of a school week,
 * to one decimal (e.g. 33.8). Weekly hours × study weeks gives the hours of a year.
 */
export function studyWeeks(
  year: { startsOn: string; endsOn: string },
  weekDays: number,
  holidays: HolidaySpan[],
  grade: number,
): number {
  return Math.round((schoolDays(year, weekDays, holidays, grade) / weekDays) * 10) / 10;
}

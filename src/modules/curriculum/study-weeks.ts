/** A holiday as the calendar computation needs it; `grades` null: every grade. */
export interface HolidaySpan {
  startsOn: string;
  endsOn: string;
  grades: number[] | null;
}

/** ISO weekday (1 Monday … 7 Sunday) of a `YYYY-MM-DD` date. */
export function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
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
  const resting = holidays.filter((h) => h.grades === null || h.grades.includes(grade));
  let days = 0;
  const day = new Date(`${span.startsOn}T00:00:00Z`);
  const last = new Date(`${span.endsOn}T00:00:00Z`);
  for (; day <= last; day.setUTCDate(day.getUTCDate() + 1)) {
    const date = day.toISOString().slice(0, 10);
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

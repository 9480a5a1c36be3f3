import type { NewPeriodSchemeDto } from './dto/academic-year.dto';
import type { NewHolidayDto } from './dto/holiday.dto';

interface Span {
  startsOn: string;
  endsOn: string;
}

/** Cuts a span to the year; null when nothing of it is left. */
function clamp<T extends Span>(span: T, year: Span): T | null {
  const startsOn = span.startsOn < year.startsOn ? year.startsOn : span.startsOn;
  const endsOn = span.endsOn > year.endsOn ? year.endsOn : span.endsOn;
  return startsOn <= endsOn ? { ...span, startsOn, endsOn } : null;
}

const present = <T>(value: T | null): value is T => value !== null;

/**
 * The usual Russian calendar of a year starting in year Y (seed 003 §4): quarters for grades
 * 1–9 and half-years for 10–11, with autumn, winter and spring holidays and the extra
 * February week of grade 1. Cut to the given dates, so an unusual year still gets a calendar.
 */
export function defaultCalendar(year: Span): {
  schemes: NewPeriodSchemeDto[];
  holidays: NewHolidayDto[];
} {
  const y = Number(year.startsOn.slice(0, 4));
  const next = y + 1;
  const periods = (spans: [string, string, string][]) =>
    spans
      .map(([name, startsOn, endsOn]) => clamp({ name, startsOn, endsOn }, year))
      .filter(present);
  const schemes: NewPeriodSchemeDto[] = [
    {
      name: 'Четверти',
      grades: [1, 2, 3, 4, 5, 6, 7, 8, 9],
      periods: periods([
        ['1 четверть', `${y}-09-01`, `${y}-10-24`],
        ['2 четверть', `${y}-11-05`, `${y}-12-28`],
        ['3 четверть', `${next}-01-09`, `${next}-03-20`],
        ['4 четверть', `${next}-03-30`, year.endsOn],
      ]),
    },
    {
      name: 'Полугодия',
      grades: [10, 11],
      periods: periods([
        ['1 полугодие', `${y}-09-01`, `${y}-12-28`],
        ['2 полугодие', `${next}-01-09`, year.endsOn],
      ]),
    },
  ];
  const holidays: (NewHolidayDto | null)[] = [
    { name: 'Осенние каникулы', startsOn: `${y}-10-25`, endsOn: `${y}-11-04` },
    { name: 'Зимние каникулы', startsOn: `${y}-12-29`, endsOn: `${next}-01-08` },
    { name: 'Весенние каникулы', startsOn: `${next}-03-21`, endsOn: `${next}-03-29` },
    {
      name: 'Дополнительные каникулы для 1 класса',
      startsOn: `${next}-02-14`,
      endsOn: `${next}-02-22`,
      grades: [1],
    },
  ].map((holiday) => clamp(holiday, year));
  return {
    schemes: schemes.filter((scheme) => scheme.periods.length > 0),
    holidays: holidays.filter(present),
  };
}

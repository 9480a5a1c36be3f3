import { FieldErrors } from '../../core/http/field-errors';
import type { FieldError } from '../../core/http/problem';
import type { NewPeriodSchemeDto } from './dto/academic-year.dto';
import type { NewHolidayDto } from './dto/holiday.dto';

export interface Span {
  startsOn: string;
  endsOn: string;
}

/** A span's own order and its place in the year, reported under `at.startsOn`/`at.endsOn`. */
export function checkSpan(errors: FieldErrors, at: string, span: Span, year: Span): boolean {
  const prefix = at ? `${at}.` : '';
  let ok = true;
  if (span.endsOn < span.startsOn) {
    errors.add(`${prefix}endsOn`, 'endsOn must not be before startsOn');
    ok = false;
  }
  const within = `must be within the academic year (${year.startsOn} – ${year.endsOn})`;
  if (span.startsOn < year.startsOn || span.startsOn > year.endsOn) {
    errors.add(`${prefix}startsOn`, `startsOn ${within}`);
    ok = false;
  }
  if (span.endsOn < year.startsOn || span.endsOn > year.endsOn) {
    errors.add(`${prefix}endsOn`, `endsOn ${within}`);
    ok = false;
  }
  return ok;
}

/** Consecutive periods (in ordinal order) must not overlap: each starts after the previous ends. */
export function checkSequence(
  errors: FieldErrors,
  at: (index: number) => string,
  periods: (Span & { name: string })[],
): void {
  for (let index = 1; index < periods.length; index++) {
    const previous = periods[index - 1];
    if (periods[index].startsOn <= previous.endsOn) {
      errors.add(
        `${at(index)}.startsOn`,
        `must be after the end of «${previous.name}» (${previous.endsOn}): periods are in order and do not overlap`,
      );
    }
  }
}

/** Every problem of a new year's calendar, by field path. */
export function calendarErrors(
  year: Span,
  schemes: NewPeriodSchemeDto[],
  holidays: NewHolidayDto[],
): FieldError[] {
  const errors = new FieldErrors();
  if (year.endsOn <= year.startsOn) {
    errors.add('endsOn', 'endsOn must be after startsOn');
    return errors.list;
  }
  const schemeOfGrade = new Map<number, number>();
  const names = new Map<string, number>();
  schemes.forEach((scheme, s) => {
    const at = `schemes[${s}]`;
    const sameName = names.get(scheme.name.toLocaleLowerCase('ru'));
    if (sameName !== undefined)
      errors.add(`${at}.name`, `the name is used by schemes[${sameName}]`);
    else names.set(scheme.name.toLocaleLowerCase('ru'), s);
    for (const grade of scheme.grades) {
      const other = schemeOfGrade.get(grade);
      if (other !== undefined)
        errors.add(`${at}.grades`, `grade ${grade} is already in schemes[${other}]`);
      else schemeOfGrade.set(grade, s);
    }
    scheme.periods.forEach((period, p) => checkSpan(errors, `${at}.periods[${p}]`, period, year));
    checkSequence(errors, (p) => `${at}.periods[${p}]`, scheme.periods);
  });
  holidays.forEach((holiday, h) => checkSpan(errors, `holidays[${h}]`, holiday, year));
  return errors.list;
}

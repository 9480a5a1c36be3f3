import { registerDecorator } from 'class-validator';
import { describeValidator } from './openapi-constraints';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written `YYYY-MM-DD` (no 2026-02-30). */
export function isDateOnly(value: unknown): value is string {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

describeValidator('isDateOnly', { type: 'string', format: 'date' });

export function IsDateOnly(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDateOnly',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: isDateOnly,
        defaultMessage: () => `${String(propertyName)} must be a date YYYY-MM-DD`,
      },
    });
}

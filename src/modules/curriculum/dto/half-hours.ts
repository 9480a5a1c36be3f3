import { registerDecorator } from 'class-validator';
import { describeValidator } from '../../../core/http/openapi-constraints';

/** Whole or half hours: 0.5 h is a subject taught every other week. */
export const isHalfHourStep = (value: unknown): boolean =>
  typeof value === 'number' && Number.isFinite(value) && Number.isInteger(value * 2);

describeValidator('isHalfHourStep', { type: 'number', multipleOf: 0.5 });

/** Weekly hours given in steps of 0.5 (e.g. 2, 2.5; not 2.25). */
export function IsHalfHourStep(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isHalfHourStep',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: isHalfHourStep,
        defaultMessage: () => `${String(propertyName)} must be given in steps of 0.5`,
      },
    });
}

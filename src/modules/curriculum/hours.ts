import { DecimalType, type PropertyOptions } from '@mikro-orm/core';

/** Weekly hours: numeric(4,1) in the database, a number in code (0.5 steps allowed). */
export const hoursColumn: PropertyOptions<object> = {
  type: new DecimalType('number'),
  columnType: 'numeric(4,1)',
};

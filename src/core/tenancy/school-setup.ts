import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { School } from './entities/school.entity';

/**
 * Something a module gives every new school, such as default reference data. Runs inside
 * the school's creation: what it persists is flushed (and audited) together with the school.
 */
export interface SchoolSetup {
  prepare(em: EntityManager, school: School): void;
}

export const SCHOOL_SETUP = Symbol('schoolSetup');

/** Marks a provider as a SchoolSetup; the tenancy service finds every one at boot. */
export function OnSchoolCreated(): ClassDecorator {
  return applyDecorators(Injectable(), SetMetadata(SCHOOL_SETUP, true));
}

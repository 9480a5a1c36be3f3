import { Entity, Enum, Unique, type Opt } from '@mikro-orm/core';
import { ReferenceItem } from './reference-item';

/**
 * What a lesson type counts as: control, practical and laboratory works and excursions
 * must be named as such in the journal (J1); every other type is a `lesson`.
 */
export const LESSON_KINDS = ['lesson', 'control', 'practical', 'laboratory', 'excursion'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];

/** A kind of lesson (урок изучения нового материала, лабораторная работа…). */
@Entity({ tableName: 'lesson_types' })
@Unique({
  name: 'lesson_types_school_name_unique',
  expression:
    'create unique index lesson_types_school_name_unique on lesson_types (school_id, lower(name))',
})
export class LessonType extends ReferenceItem {
  @Enum({ items: () => LESSON_KINDS, type: 'text', default: 'lesson' })
  kind: Opt<LessonKind> = 'lesson';
}

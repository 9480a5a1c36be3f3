import { Entity, Unique } from '@mikro-orm/core';
import { ReferenceItem } from './reference-item';

/** A kind of lesson (урок изучения нового материала, лабораторная работа…). */
@Entity({ tableName: 'lesson_types' })
@Unique({
  name: 'lesson_types_school_name_unique',
  expression:
    'create unique index lesson_types_school_name_unique on lesson_types (school_id, lower(name))',
})
export class LessonType extends ReferenceItem {}

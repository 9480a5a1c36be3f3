import type { EntityManager } from '@mikro-orm/postgresql';
import { OnSchoolCreated, type SchoolSetup } from '../../core/tenancy/school-setup';
import type { School } from '../../core/tenancy/entities/school.entity';
import { DEFAULT_BELLS } from './bell-schedule';
import { AbsenceReason } from './entities/absence-reason.entity';
import { Bell } from './entities/bell.entity';
import { LessonType, type LessonKind } from './entities/lesson-type.entity';
import { MarkType } from './entities/mark-type.entity';
import { Subject } from './entities/subject.entity';

/** [name, short name] of the subjects of the Russian curriculum (ФОП НОО/ООО/СОО). */
const SUBJECTS: [string, string][] = [
  ['Русский язык', 'Рус. яз.'],
  ['Литературное чтение', 'Лит. чт.'],
  ['Литература', 'Лит-ра'],
  ['Родной язык', 'Род. яз.'],
  ['Математика', 'Матем.'],
  ['Алгебра', 'Алгебра'],
  ['Геометрия', 'Геом.'],
  ['Вероятность и статистика', 'Вер. и стат.'],
  ['Информатика', 'Информ.'],
  ['История', 'История'],
  ['Обществознание', 'Общ.'],
  ['География', 'Геогр.'],
  ['Биология', 'Биол.'],
  ['Физика', 'Физика'],
  ['Химия', 'Химия'],
  ['Английский язык', 'Англ. яз.'],
  ['Немецкий язык', 'Нем. яз.'],
  ['Окружающий мир', 'Окр. мир'],
  ['Музыка', 'Музыка'],
  ['Изобразительное искусство', 'ИЗО'],
  ['Труд (технология)', 'Труд'],
  ['Физическая культура', 'Физ-ра'],
  ['Основы безопасности и защиты Родины', 'ОБЗР'],
  ['Основы религиозных культур и светской этики', 'ОРКСЭ'],
];

/** [name, short name, weight] */
const MARK_TYPES: [string, string, number][] = [
  ['Ответ на уроке', 'Отв.', 1],
  ['Домашняя работа', 'Д/з', 1],
  ['Самостоятельная работа', 'С/р', 1.5],
  ['Диктант', 'Дикт.', 2],
  ['Лабораторная работа', 'Л/р', 1.5],
  ['Практическая работа', 'Пр/р', 1.5],
  ['Тест', 'Тест', 1.5],
  ['Проверочная работа', 'Пров.', 1.5],
  ['Контрольная работа', 'К/р', 2],
  ['Сочинение', 'Соч.', 2],
  ['Изложение', 'Изл.', 2],
  ['Итоговая контрольная работа', 'Итог. к/р', 3],
];

const LESSON_TYPES: [string, LessonKind][] = [
  ['Урок изучения нового материала', 'lesson'],
  ['Комбинированный урок', 'lesson'],
  ['Урок закрепления знаний', 'lesson'],
  ['Урок обобщения и систематизации', 'lesson'],
  ['Практическая работа', 'practical'],
  ['Лабораторная работа', 'laboratory'],
  ['Контрольная работа', 'control'],
  ['Экскурсия', 'excursion'],
];

/** [code, name, excused] */
const ABSENCE_REASONS: [string, string, boolean][] = [
  ['Б', 'Болезнь', true],
  ['У', 'Уважительная причина', true],
  ['Н', 'Неуважительная причина', false],
  ['О', 'Опоздание', false],
];

/**
 * Persists (without flushing) the reference data every Russian school starts with: the
 * admin then renames, archives or adds to it. No rooms: they differ from school to school.
 */
export function createDefaultReferenceData(em: EntityManager, schoolId: string): void {
  for (const [name, shortName] of SUBJECTS) em.create(Subject, { schoolId, name, shortName });
  for (const [name, shortName, weight] of MARK_TYPES) {
    em.create(MarkType, { schoolId, name, shortName, weight: weight.toFixed(2) });
  }
  for (const [name, kind] of LESSON_TYPES) em.create(LessonType, { schoolId, name, kind });
  for (const [code, name, excused] of ABSENCE_REASONS) {
    em.create(AbsenceReason, { schoolId, code, name, excused });
  }
  for (const bell of DEFAULT_BELLS) em.create(Bell, { schoolId, ...bell });
}

/** Gives every new school the default reference data, in the same transaction. */
@OnSchoolCreated()
export class DefaultReferenceData implements SchoolSetup {
  prepare(em: EntityManager, school: School): void {
    createDefaultReferenceData(em, school.id);
  }
}

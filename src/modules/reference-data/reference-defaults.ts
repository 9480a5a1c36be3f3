import type { EntityManager } from '@mikro-orm/postgresql';
import { OnSchoolCreated, type SchoolSetup } from '../../core/tenancy/school-setup';
import type { School } from '../../core/tenancy/entities/school.entity';
import { DEFAULT_BELLS } from './bell-schedule';
import { AbsenceReason } from './entities/absence-reason.entity';
import { Bell } from './entities/bell.entity';
import { LessonType, type LessonKind } from './entities/lesson-type.entity';
import { GradingScale, type GradingScaleValue } from './entities/grading-scale.entity';
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

/** [name, short name, weight, days to check (seed 004: work that takes long to check)] */
const MARK_TYPES: [string, string, number, number | null][] = [
  ['Ответ на уроке', 'Отв.', 1, null],
  ['Домашняя работа', 'Д/з', 1, null],
  ['Самостоятельная работа', 'С/р', 1.5, null],
  ['Диктант', 'Дикт.', 2, 3],
  ['Лабораторная работа', 'Л/р', 1.5, null],
  ['Практическая работа', 'Пр/р', 1.5, null],
  ['Тест', 'Тест', 1.5, 3],
  ['Проверочная работа', 'Пров.', 1.5, 3],
  ['Контрольная работа', 'К/р', 2, 3],
  ['Сочинение', 'Соч.', 2, 3],
  ['Изложение', 'Изл.', 2, 3],
  ['Итоговая контрольная работа', 'Итог. к/р', 3, 3],
];

/** The five-point scale every school starts with, and pass/fail. */
export const FIVE_POINT_SCALE: GradingScaleValue[] = [5, 4, 3, 2, 1].map((score) => ({
  value: String(score),
  score,
}));
const PASS_FAIL_SCALE: GradingScaleValue[] = [
  { value: 'зач', score: null },
  { value: 'незач', score: null },
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
  for (const [name, shortName, weight, checkWithinDays] of MARK_TYPES) {
    em.create(MarkType, {
      schoolId,
      name,
      shortName,
      weight: weight.toFixed(2),
      checkWithinDays,
    });
  }
  em.create(GradingScale, {
    schoolId,
    name: 'Пятибалльная',
    values: FIVE_POINT_SCALE,
    isDefault: true,
  });
  em.create(GradingScale, { schoolId, name: 'Зачёт / незачёт', values: PASS_FAIL_SCALE });
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

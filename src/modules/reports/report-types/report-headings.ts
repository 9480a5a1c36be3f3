import type { EntityManager } from '@mikro-orm/postgresql';
import { School } from '../../../core/tenancy/entities/school.entity';
import { className } from '../../classes/class-name';
import { SchoolClass } from '../../classes/entities/school-class.entity';
import { Person } from '../../people/entities/person.entity';
import { fullName } from '../../people/person-name';
import { russianDateTime } from '../../../core/calendar/russian-date-time';

/** The lines every report of a class opens with: school, class, class teacher. */
export async function classHeading(
  em: EntityManager,
  classId: string,
): Promise<{ schoolClass: SchoolClass; school: School; lines: string[] }> {
  const schoolClass = await em.findOneOrFail(SchoolClass, classId);
  const school = await em.findOneOrFail(School, schoolClass.schoolId);
  const teacher = schoolClass.classTeacher
    ? await em.findOne(Person, schoolClass.classTeacher.id)
    : null;
  return {
    schoolClass,
    school,
    lines: [
      school.name,
      `Класс: ${className(schoolClass)}`,
      `Классный руководитель: ${teacher ? fullName(teacher) : 'не назначен'}`,
    ],
  };
}

/** «Сформирован 02.12.2026 14:05» in the school's time zone. */
export const builtLine = (builtAt: Date, school: School): string =>
  `Сформирован ${russianDateTime(builtAt, school.timeZone)}`;

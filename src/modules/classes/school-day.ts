import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { School } from '../../core/tenancy/entities/school.entity';
import type { Person } from '../people/entities/person.entity';
import { byName } from '../people/entities/person-name';
import { Enrollment } from './entities/enrollment.entity';

/** Today's date (`YYYY-MM-DD`) in a school's time zone: a school day is local to the school. */
export function todayIn(timeZone: string, now = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Today in a school's time zone. */
export async function todayOfSchool(em: EntityManager, schoolId: string): Promise<string> {
  const school = await em.findOneOrFail(School, schoolId);
  return todayIn(school.timeZone);
}

/** Enrollments running on `date`: started on or before it and not yet ended. */
export const enrolledOn = (date: string): FilterQuery<Enrollment> => ({
  startsOn: { $lte: date },
  $or: [{ endsOn: null }, { endsOn: { $gt: date } }],
});

/** The students enrolled in a class on `date`, each once, in name order. */
export async function studentsEnrolledOn(
  em: EntityManager,
  classId: string,
  date: string,
): Promise<Person[]> {
  const enrollments = await em.find(
    Enrollment,
    { $and: [{ schoolClass: classId }, enrolledOn(date)] },
    { populate: ['student'] },
  );
  return [...new Map(enrollments.map((e) => [e.student.id, e.student])).values()].sort(byName);
}

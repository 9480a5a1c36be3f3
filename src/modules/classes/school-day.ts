import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Person } from '../people/entities/person.entity';
import { byName } from '../people/entities/person-name';
import { Enrollment } from './entities/enrollment.entity';

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

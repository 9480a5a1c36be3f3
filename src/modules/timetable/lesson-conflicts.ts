import type { EntityManager } from '@mikro-orm/postgresql';
import { Lesson } from '../lessons/entities/lesson.entity';
import { LESSON_POPULATE } from '../lessons/dto/lesson.dto';
import {
  clashes,
  partyOf,
  SubgroupStudents,
  type Booking,
  type Conflict,
  type ConflictKind,
} from './conflicts';

/** A lesson as a booking of its slot: taught by its substitute when there is one. */
export function lessonBooking(lesson: Lesson): Booking {
  return {
    schoolClass: lesson.schoolClass,
    subject: lesson.subject,
    teacher: lesson.substitute ?? lesson.teacher,
    room: lesson.room,
    subgroup: lesson.subgroup,
    party: { lessonId: lesson.id },
  };
}

/**
 * The clashes of `booking` with the school's other scheduled lessons at the same date and
 * lesson number (cancelled lessons free their slot). `kinds` limits what is checked.
 */
export async function lessonConflicts(
  em: EntityManager,
  booking: Booking,
  slot: { date: string; lessonNumber: number; exceptLessonId?: string },
  kinds?: ConflictKind[],
): Promise<Conflict[]> {
  const others = await em.find(
    Lesson,
    {
      schoolId: booking.schoolClass.schoolId,
      date: slot.date,
      lessonNumber: slot.lessonNumber,
      status: 'scheduled',
      ...(slot.exceptLessonId ? { id: { $ne: slot.exceptLessonId } } : {}),
    },
    { populate: LESSON_POPULATE, orderBy: { id: 'asc' } },
  );
  const classmates = others.filter((o) => o.schoolClass.id === booking.schoolClass.id);
  const subgroupIds = [booking, ...classmates].flatMap((b) => (b.subgroup ? [b.subgroup.id] : []));
  const students = await SubgroupStudents.load(em, booking.schoolClass.id, subgroupIds, slot.date);
  return others.flatMap((other) => {
    const theirs = lessonBooking(other);
    return clashes(booking, theirs, students)
      .filter(({ kind }) => !kinds || kinds.includes(kind))
      .map(({ kind, message }) => ({
        kind,
        date: slot.date,
        lessonNumber: slot.lessonNumber,
        message,
        with: partyOf(theirs),
      }));
  });
}

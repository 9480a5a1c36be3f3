import type { EntityManager } from '@mikro-orm/postgresql';
import type { SchoolClass } from '../classes/entities/school-class.entity';
import type { RosterService } from '../classes/roster/roster.service';
import { Lesson } from '../lessons/entities/lesson.entity';
import { LESSON_POPULATE } from '../lessons/dto/lesson.dto';
import { teacherOf, teacherOfLessonSql } from '../lessons/who-teaches';
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
    teacher: teacherOf(lesson),
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
  roster: RosterService,
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
  const students = await SubgroupStudents.load(
    roster,
    booking.schoolClass.id,
    subgroupIds,
    slot.date,
  );
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

/**
 * Teacher and room clashes between a class's scheduled lessons over [from, to] and the other
 * classes' scheduled lessons at the same date and lesson number: what a timetable change or a
 * regeneration would double-book on single dates (substitutions, lessons added by hand).
 */
export async function datedClashes(
  em: EntityManager,
  schoolClass: SchoolClass,
  from: string,
  to: string,
): Promise<Conflict[]> {
  // `em.execute` runs in the caller's transaction, so it sees the lessons just generated.
  const pairs: { mine: string; theirs: string }[] = await em.execute(
    `select mine.id as mine, theirs.id as theirs
       from lessons mine
       join lessons theirs
         on theirs.school_id = mine.school_id and theirs.date = mine.date
        and theirs.lesson_number = mine.lesson_number and theirs.class_id <> mine.class_id
        and theirs.status = 'scheduled'
        and (${teacherOfLessonSql('theirs')} = ${teacherOfLessonSql('mine')}
             or theirs.room_id = mine.room_id)
      where mine.class_id = ? and mine.status = 'scheduled' and mine.date >= ? and mine.date <= ?
      order by mine.date, mine.lesson_number, theirs.id`,
    [schoolClass.id, from, to],
  );
  if (pairs.length === 0) return [];
  const lessons = await em.find(
    Lesson,
    { id: { $in: pairs.flatMap((p) => [p.mine, p.theirs]) } },
    { populate: LESSON_POPULATE },
  );
  const byId = new Map(lessons.map((lesson) => [lesson.id, lesson]));
  const none = SubgroupStudents.none();
  return pairs.flatMap(({ mine, theirs }) => {
    const lesson = byId.get(mine)!;
    const other = lessonBooking(byId.get(theirs)!);
    return clashes(lessonBooking(lesson), other, none)
      .filter(({ kind }) => kind === 'teacher' || kind === 'room')
      .map(({ kind, message }) => ({
        kind,
        date: lesson.date,
        lessonNumber: lesson.lessonNumber,
        message,
        with: partyOf(other),
      }));
  });
}

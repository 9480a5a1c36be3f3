import type { LessonSlot } from '../classes/roster/roster.service';
import type { Lesson } from './entities/lesson.entity';

/** What the class roster rule (`RosterService`) needs of a lesson: references only. */
export const rosterSlotOf = (lesson: Lesson): LessonSlot => ({
  id: lesson.id,
  classId: lesson.schoolClass.id,
  date: lesson.date,
  subgroupId: lesson.subgroup?.id ?? null,
});

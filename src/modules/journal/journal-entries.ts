import type { EntityManager } from '@mikro-orm/postgresql';
import { AttendanceEntry } from '../attendance/entities/attendance-entry.entity';
import { Mark } from '../grades/entities/mark.entity';

/**
 * The lessons among `lessonIds` that have marks or attendance entries. Such a lesson is
 * never blank, whatever its record says: regenerating the timetable keeps it, and it
 * cannot be deleted.
 */
export async function lessonsWithJournalEntries(
  em: EntityManager,
  lessonIds: string[],
): Promise<Set<string>> {
  if (lessonIds.length === 0) return new Set();
  // One after the other: callers run this inside a transaction (one connection).
  const marked = await em
    .createQueryBuilder(Mark)
    .select('lessonId', true)
    .where({ lessonId: { $in: lessonIds } })
    .execute<{ lessonId: string }[]>();
  const attended = await em
    .createQueryBuilder(AttendanceEntry)
    .select('lessonId', true)
    .where({ lessonId: { $in: lessonIds } })
    .execute<{ lessonId: string }[]>();
  return new Set([...marked, ...attended].map((row) => row.lessonId));
}

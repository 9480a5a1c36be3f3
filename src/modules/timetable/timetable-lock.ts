import type { EntityManager } from '@mikro-orm/postgresql';

/** First key of the timetable's advisory locks (the second is the school). */
const TIMETABLE_LOCK_SPACE = 720_501;

/**
 * Serialises the timetable and lesson writes of one school until the transaction ends: the
 * conflict check and the write of two concurrent requests cannot interleave, so they cannot
 * both pass the check. Call it inside `em.transactional`, before reading what is checked.
 */
export async function lockSchoolTimetable(em: EntityManager, schoolId: string): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(?, hashtext(?))', [
    TIMETABLE_LOCK_SPACE,
    schoolId,
  ]);
}

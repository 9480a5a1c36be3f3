import type { EntityManager } from '@mikro-orm/postgresql';
import { Bell } from '../reference-data/entities/bell.entity';

export interface BellTime {
  startsAt: string;
  endsAt: string;
}

/** When each lesson number of a school starts and ends (`HH:MM`), from its bell schedule. */
export async function loadBellTimes(
  em: EntityManager,
  schoolId: string,
): Promise<Map<number, BellTime>> {
  const bells = await em.find(Bell, { schoolId });
  return new Map(
    bells.map((bell) => [
      bell.lessonNumber,
      { startsAt: bell.startsAt.slice(0, 5), endsAt: bell.endsAt.slice(0, 5) },
    ]),
  );
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ProblemException } from '../../core/http/problem';
import { accessibleWhere } from '../../core/policy/accessible-where';
import type { AppAbility } from '../../core/policy/subjects';
import { auditInSchool } from '../../core/request-context/call-context';
import { bellScheduleErrors } from './bell-schedule';
import { BellDto, type BellScheduleDto } from './dto/bell.dto';
import { Bell } from './entities/bell.entity';
import { assertSchoolAllows } from '../../core/policy/school-access';

/** A school's bell schedule: read and replaced as a whole. */
@Injectable()
export class BellScheduleService {
  constructor(private readonly em: EntityManager) {}

  async get(ability: AppAbility, schoolId: string): Promise<BellScheduleDto> {
    const bells = await this.em.find(
      Bell,
      { $and: [{ schoolId }, accessibleWhere<Bell>(ability, 'read', 'ReferenceData')] },
      { orderBy: { lessonNumber: 'asc' } },
    );
    return { items: bells.map(BellDto.from) };
  }

  async replace(
    ability: AppAbility,
    schoolId: string,
    schedule: BellScheduleDto,
  ): Promise<BellScheduleDto> {
    assertSchoolAllows(ability, 'update', 'ReferenceData', schoolId);
    const errors = bellScheduleErrors(schedule.items);
    if (errors.length) throw ProblemException.invalid(errors);
    // Lines are updated in place by lesson number (not deleted and re-inserted), so the
    // unique (school, lesson) index never sees two rows at once.
    const current = new Map(
      (await this.em.find(Bell, { schoolId })).map((bell) => [bell.lessonNumber, bell]),
    );
    for (const line of schedule.items) {
      const existing = current.get(line.lessonNumber);
      if (existing) {
        current.delete(line.lessonNumber);
        if (existing.startsAt.slice(0, 5) !== line.startsAt) existing.startsAt = line.startsAt;
        if (existing.endsAt.slice(0, 5) !== line.endsAt) existing.endsAt = line.endsAt;
      } else {
        this.em.create(Bell, { schoolId, ...line });
      }
    }
    for (const gone of current.values()) this.em.remove(gone);
    auditInSchool(schoolId);
    await this.em.flush();
    return this.get(ability, schoolId);
  }
}

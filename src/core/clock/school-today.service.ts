import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { School } from '../tenancy/entities/school.entity';
import { Clock } from './clock';

/**
 * The one owner of "today at a school": the clock's date in the school's own time zone
 * (a school in Vladivostok starts its day seven hours before one in Moscow).
 */
@Injectable()
export class SchoolTodayService {
  constructor(
    private readonly clock: Clock,
    private readonly em: EntityManager,
  ) {}

  /** Today (`YYYY-MM-DD`) at a school; pass the transaction's `em` when inside one. */
  async todayOf(schoolId: string, em: EntityManager = this.em): Promise<string> {
    const school = await em.findOneOrFail(School, schoolId);
    return this.clock.today(school.timeZone);
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { subject } from '@casl/ability';
import { ProblemException } from '../../core/http/problem';
import type { AppAbility } from '../../core/policy/subjects';
import { AcademicYear } from '../academic-years/entities/academic-year.entity';
import { Person } from '../people/entities/person.entity';
import { fullName } from '../people/person-name';
import { byName } from '../people/person-name';
import type { StaffListDto } from './dto/staff-list.dto';
import { SchoolClass } from './entities/school-class.entity';
import { className } from './class-name';
import { SchoolTodayService } from '../../core/clock/school-today.service';

/** The staff list with positions (O3): names only, readable by everyone in the school. */
@Injectable()
export class StaffListService {
  constructor(
    private readonly em: EntityManager,
    private readonly schoolToday: SchoolTodayService,
  ) {}

  async list(ability: AppAbility, schoolId: string): Promise<StaffListDto> {
    if (!ability.can('read', subject('StaffList', { schoolId })))
      throw ProblemException.notFound(`School ${schoolId}`);
    const staff = (await this.em.find(Person, { schoolId, kind: 'staff' })).sort(byName);
    // Classes of years not yet over: the current year's, and the next year's once formed.
    const today = await this.schoolToday.todayOf(schoolId);
    const years = await this.em.find(AcademicYear, { schoolId, endsOn: { $gte: today } });
    const led = await this.em.find(
      SchoolClass,
      {
        schoolId,
        academicYearId: { $in: years.map((y) => y.id) },
        classTeacher: { $in: staff.map((p) => p.id) },
      },
      { orderBy: { grade: 'asc', letter: 'asc' } },
    );
    return {
      items: staff.map((person) => ({
        id: person.id,
        fullName: fullName(person),
        positions: person.positions,
        classTeacherOf: led.filter((c) => c.classTeacher?.id === person.id).map(className),
      })),
    };
  }
}

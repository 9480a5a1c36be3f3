import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { accessibleWhere } from '../../core/policy/accessible-where';
import { findVisible } from '../../core/policy/scoped-find';
import type { AppAbility } from '../../core/policy/subjects';
import { Person } from '../people/entities/person.entity';
import { fullName } from '../people/person-name';
import {
  ClassRefDto,
  EnrollmentDto,
  type ClassListEntryDto,
  type ClassOnDateDto,
} from './dto/movement.dto';
import { Enrollment } from './entities/enrollment.entity';
import { SchoolClass } from './entities/school-class.entity';
import { enrolledOn } from './roster/roster-rules';
import { SchoolTodayService } from '../../core/clock/school-today.service';

/** Who was in which class when: read from the enrollment history. */
@Injectable()
export class ClassListService {
  constructor(
    private readonly em: EntityManager,
    private readonly schoolToday: SchoolTodayService,
  ) {}

  async history(ability: AppAbility, studentId: string): Promise<{ items: EnrollmentDto[] }> {
    const student = await findVisible(this.em, Person, studentId, ability, 'Person');
    const enrollments = await this.em.find(
      Enrollment,
      { student },
      {
        populate: ['schoolClass', 'startedBy.order', 'endedBy.order'],
        orderBy: { startsOn: 'asc', id: 'asc' },
      },
    );
    return { items: enrollments.map(EnrollmentDto.from) };
  }

  async classOn(ability: AppAbility, studentId: string, on?: string): Promise<ClassOnDateDto> {
    const student = await findVisible(this.em, Person, studentId, ability, 'Person');
    const date = on ?? (await this.schoolToday.todayOf(student.schoolId));
    const enrollment = await this.em.findOne(
      Enrollment,
      { $and: [{ student }, enrolledOn(date)] },
      { populate: ['schoolClass'] },
    );
    return { on: date, class: enrollment ? ClassRefDto.from(enrollment.schoolClass) : null };
  }

  /** The class list on a date: the students the caller may see, by name. */
  async students(
    ability: AppAbility,
    classId: string,
    on?: string,
  ): Promise<{ items: ClassListEntryDto[] }> {
    const schoolClass = await findVisible(this.em, SchoolClass, classId, ability, 'SchoolClass');
    const date = on ?? (await this.schoolToday.todayOf(schoolClass.schoolId));
    const enrollments = await this.em.find(
      Enrollment,
      {
        $and: [
          { schoolClass, student: accessibleWhere<Person>(ability, 'read', 'Person') },
          enrolledOn(date),
        ],
      },
      { populate: ['student'], orderBy: { student: { searchName: 'asc' } } },
    );
    return {
      items: enrollments.map((e) => ({
        id: e.student.id,
        fullName: fullName(e.student),
        enrolledOn: e.startsOn,
        leavesOn: e.endsOn,
      })),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { MeService } from '../../core/auth/me.service';
import { SchoolTodayService } from '../../core/clock/school-today.service';
import { className } from '../classes/class-name';
import { ClassesService } from '../classes/classes.service';
import { RosterService } from '../classes/roster/roster.service';
import { TeachingAssignmentsService } from '../classes/teaching-assignments.service';
import type { SchoolClass } from '../classes/entities/school-class.entity';
import type { Person } from '../people/entities/person.entity';
import { PeopleService } from '../people/people.service';
import { fullName } from '../people/person-name';
import type { MeDto, MyClassDto, MySchoolDto } from './dto/me.dto';

const classOf = (c: SchoolClass): MyClassDto => ({
  classId: c.id,
  name: className(c),
  grade: c.grade,
});

/**
 * `GET /v1/me`: the account and its roles (core's MeService) and, per school, what a front
 * end builds its menu from — the linked cards, the children, the classes led and what is
 * taught. Each part is asked of its owner: the cards and children of people, today's class
 * of the roster, the classes led and the teaching assignments of classes.
 */
@Injectable()
export class ProfileService {
  constructor(
    private readonly me: MeService,
    private readonly people: PeopleService,
    private readonly roster: RosterService,
    private readonly classes: ClassesService,
    private readonly teaching: TeachingAssignmentsService,
    private readonly schoolToday: SchoolTodayService,
  ) {}

  async describe(accountId: string): Promise<MeDto> {
    const overview = await this.me.describe(accountId);
    const cards = await this.people.cardsOfAccount(accountId);
    const schools: MySchoolDto[] = [];
    for (const school of overview.schools) {
      const mine = cards.filter((card) => card.schoolId === school.schoolId);
      schools.push({ ...school, ...(await this.menuOf(school.schoolId, mine)) });
    }
    return { ...overview, schools };
  }

  private async menuOf(
    schoolId: string,
    cards: Person[],
  ): Promise<Pick<MySchoolDto, 'cards' | 'children' | 'classesLed' | 'teaching'>> {
    const ids = (kind: Person['kind']) => cards.filter((c) => c.kind === kind).map((c) => c.id);
    if (cards.length === 0) return { cards: [], children: [], classesLed: [], teaching: [] };
    const today = await this.schoolToday.todayOf(schoolId);
    const byParent = await this.people.childrenOf(ids('parent'));
    const children = [...new Map([...byParent.values()].flat().map((c) => [c.id, c])).values()];
    const [classNow, led, assignments] = await Promise.all([
      this.roster.classesOn([...ids('student'), ...children.map((c) => c.id)], today),
      this.classes.ledBy(ids('staff'), today),
      this.teaching.ofTeachers(ids('staff'), today),
    ]);
    const current = (person: Person) => {
      const schoolClass = classNow.get(person.id);
      return schoolClass ? classOf(schoolClass) : null;
    };
    return {
      cards: cards.map((card) => ({
        personId: card.id,
        kind: card.kind,
        fullName: fullName(card),
        currentClass: card.kind === 'student' ? current(card) : null,
      })),
      children: children.map((child) => ({
        personId: child.id,
        fullName: fullName(child),
        currentClass: current(child),
      })),
      classesLed: led.map(classOf),
      teaching: assignments.map((a) => ({
        assignmentId: a.id,
        schoolClass: classOf(a.schoolClass),
        subjectId: a.subject.id,
        subjectName: a.subject.name,
        subgroupId: a.subgroup?.id ?? null,
        subgroupName: a.subgroup?.name ?? null,
      })),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { EntityManager, raw, type EntityName, type FilterQuery } from '@mikro-orm/postgresql';
import { ProblemException } from '../../../core/http/problem';
import { findVisible } from '../../../core/policy/scoped-find';
import type { AppAbility } from '../../../core/policy/subjects';
import { School } from '../../../core/tenancy/entities/school.entity';
import { AcademicYear } from '../../academic-years/entities/academic-year.entity';
import { ClassPersonDto } from '../../classes/dto/class.dto';
import { SchoolClass } from '../../classes/entities/school-class.entity';
import { className } from '../../classes/class-name';
import { Subgroup } from '../../classes/entities/subgroup.entity';
import { TeachingAssignmentsService } from '../../classes/teaching-assignments.service';
import { Clock } from '../../../core/clock/clock';
import type { Person } from '../../people/entities/person.entity';
import { byName } from '../../people/person-name';
import { Subject } from '../../reference-data/entities/subject.entity';
import { Lesson } from '../entities/lesson.entity';
import { ThematicPlan, ThematicPlanTopic } from '../entities/thematic-plan.entity';
import type {
  ProgramFulfilmentDto,
  ProgramFulfilmentQueryDto,
  ProgramFulfilmentRowDto,
} from './dto/program-fulfilment.dto';

/** class × subject × subgroup, the key a row is made of. */
const keyOf = (classId: string, subjectId: string, subgroupId: string | null) =>
  `${classId}|${subjectId}|${subgroupId ?? ''}`;

interface LessonCounts {
  scheduled: number;
  delivered: number;
  cancelled: number;
}

/** Program fulfilment (O5): planned against delivered hours per class, subject and subgroup. */
@Injectable()
export class ProgramFulfilmentService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly teachingAssignments: TeachingAssignmentsService,
  ) {}

  async fulfilment(
    ability: AppAbility,
    schoolId: string,
    query: ProgramFulfilmentQueryDto,
  ): Promise<ProgramFulfilmentDto> {
    const school = await findVisible(this.em, School, schoolId, ability, 'School');
    const on = query.on ?? this.clock.today(school.timeZone);
    const classes = await this.classesOf(schoolId, query.classId, on);
    if (classes.length === 0) return { on, items: [] };
    const classIds = classes.map((c) => c.id);
    const bySubject = query.subjectId ? { subject: query.subjectId } : {};

    const plans = await this.em.find(
      ThematicPlan,
      { schoolClass: { $in: classIds }, ...bySubject },
      { populate: ['teacher'] },
    );
    const planned = await this.plannedHours(plans.map((plan) => plan.id));
    const lessons = await this.lessonCounts(classes, bySubject, on);

    // Every class × subject × subgroup with a plan or with lessons.
    const keys = new Map<
      string,
      { classId: string; subjectId: string; subgroupId: string | null }
    >();
    for (const plan of plans) {
      const [classId, subjectId, subgroupId] = [
        plan.schoolClass.id,
        plan.subject.id,
        plan.subgroup?.id ?? null,
      ];
      keys.set(keyOf(classId, subjectId, subgroupId), { classId, subjectId, subgroupId });
    }
    for (const [key, counts] of lessons) keys.set(key, counts.target);
    const planOf = new Map(
      plans.map((plan) => [
        keyOf(plan.schoolClass.id, plan.subject.id, plan.subgroup?.id ?? null),
        plan,
      ]),
    );

    const targets = [...keys.values()];
    const subjects = await this.byId(
      Subject,
      targets.map((t) => t.subjectId),
    );
    const subgroups = await this.byId(
      Subgroup,
      targets.flatMap((t) => (t.subgroupId ? [t.subgroupId] : [])),
    );
    const assigned = await this.assignedTeachers(classIds);
    const classById = new Map(classes.map((c) => [c.id, c]));

    const rows: (ProgramFulfilmentRowDto & { order: [number, string, string, number] })[] = [];
    for (const [key, target] of keys) {
      const plan = planOf.get(key);
      const teacher = plan?.teacher ?? assigned.get(key) ?? null;
      // The same rule as reading the plan itself: leadership all, a class teacher their
      // class, a teacher their own.
      const readable = ability.can(
        'read',
        asSubject('ThematicPlan', {
          schoolId,
          schoolClass: target.classId,
          teacher: teacher?.id ?? null,
        }),
      );
      if (!readable) continue;
      const schoolClass = classById.get(target.classId)!;
      const subjectOf = subjects.get(target.subjectId)!;
      const subgroup = target.subgroupId ? subgroups.get(target.subgroupId)! : null;
      const counts = lessons.get(key) ?? { scheduled: 0, delivered: 0, cancelled: 0 };
      const plannedHours = plan ? (planned.get(plan.id) ?? 0) : null;
      rows.push({
        classId: schoolClass.id,
        className: className(schoolClass),
        subject: { id: subjectOf.id, name: subjectOf.name },
        subgroup: subgroup ? { id: subgroup.id, name: subgroup.name } : null,
        teacher: teacher ? ClassPersonDto.from(teacher) : null,
        plannedHours,
        scheduledHours: counts.scheduled,
        deliveredHours: counts.delivered,
        cancelledHours: counts.cancelled,
        remainingHours: plannedHours === null ? null : plannedHours - counts.delivered,
        shortfallHours: plannedHours === null ? null : Math.max(0, plannedHours - counts.scheduled),
        order: [schoolClass.grade, schoolClass.letter, subjectOf.name, subgroup?.position ?? 0],
      });
    }
    rows.sort(
      ({ order: a }, { order: b }) =>
        a[0] - b[0] ||
        a[1].localeCompare(b[1], 'ru') ||
        a[2].localeCompare(b[2], 'ru') ||
        a[3] - b[3],
    );
    return { on, items: rows.map(({ order: _order, ...row }) => row) };
  }

  /**
   * The class asked for, or every class of the academic year that contains `on` — between
   * two years (in summer), of the last year begun before it.
   */
  private async classesOf(
    schoolId: string,
    classId: string | undefined,
    on: string,
  ): Promise<SchoolClass[]> {
    if (classId) {
      const found = await this.em.find(SchoolClass, { id: classId, schoolId });
      if (found.length === 0) {
        throw ProblemException.invalid([
          { field: 'classId', messages: ['no such class in this school'] },
        ]);
      }
      return found;
    }
    const year = await this.em.findOne(
      AcademicYear,
      { schoolId, startsOn: { $lte: on } },
      { orderBy: { startsOn: 'desc' } },
    );
    if (!year) return [];
    return this.em.find(SchoolClass, { schoolId, academicYearId: year.id });
  }

  /** Per plan: the sum of its topics' hours (one aggregate). */
  private async plannedHours(planIds: string[]): Promise<Map<string, number>> {
    if (planIds.length === 0) return new Map();
    const rows = await this.em
      .createQueryBuilder(ThematicPlanTopic, 't')
      .select(['t.plan', raw('sum(t.hours)::int as hours')])
      .where({ plan: { $in: planIds } })
      .groupBy('t.plan')
      .execute<{ plan_id: string; hours: number }[]>('all', false);
    return new Map(rows.map((row) => [row.plan_id, Number(row.hours)]));
  }

  /**
   * Per class × subject × subgroup: lessons of the class's academic year that are not
   * cancelled, those of them dated up to `on`, and the cancelled ones up to `on` (one
   * aggregate; a lesson is one hour).
   */
  private async lessonCounts(
    classes: SchoolClass[],
    bySubject: FilterQuery<Lesson>,
    on: string,
  ): Promise<
    Map<
      string,
      LessonCounts & { target: { classId: string; subjectId: string; subgroupId: string | null } }
    >
  > {
    const years = await this.byId(
      AcademicYear,
      classes.map((c) => c.academicYearId),
    );
    const withinYears = [...years.values()].map((year) => ({
      schoolClass: {
        $in: classes.filter((c) => c.academicYearId === year.id).map((c) => c.id),
      },
      date: { $gte: year.startsOn, $lte: year.endsOn },
    }));
    const rows = await this.em
      .createQueryBuilder(Lesson, 'l')
      .select([
        'l.schoolClass',
        'l.subject',
        'l.subgroup',
        raw(`count(*) filter (where l.status <> 'cancelled')::int as scheduled`),
        raw(`count(*) filter (where l.status <> 'cancelled' and l.date <= ?)::int as delivered`, [
          on,
        ]),
        raw(`count(*) filter (where l.status = 'cancelled' and l.date <= ?)::int as cancelled`, [
          on,
        ]),
      ])
      .where({ $and: [{ $or: withinYears }, bySubject] })
      .groupBy(['l.schoolClass', 'l.subject', 'l.subgroup'])
      .execute<
        {
          class_id: string;
          subject_id: string;
          subgroup_id: string | null;
          scheduled: number;
          delivered: number;
          cancelled: number;
        }[]
      >('all', false);
    return new Map(
      rows.map((row) => [
        keyOf(row.class_id, row.subject_id, row.subgroup_id),
        {
          target: { classId: row.class_id, subjectId: row.subject_id, subgroupId: row.subgroup_id },
          scheduled: Number(row.scheduled),
          delivered: Number(row.delivered),
          cancelled: Number(row.cancelled),
        },
      ]),
    );
  }

  /** Per class × subject × subgroup: the assigned teacher (the first by name if several). */
  private async assignedTeachers(classIds: string[]): Promise<Map<string, Person>> {
    const assignments = await this.teachingAssignments.ofClasses(classIds);
    assignments.sort((a, b) => byName(a.teacher, b.teacher));
    const teachers = new Map<string, Person>();
    for (const a of assignments) {
      const key = keyOf(a.schoolClass.id, a.subject.id, a.subgroup?.id ?? null);
      if (!teachers.has(key)) teachers.set(key, a.teacher);
    }
    return teachers;
  }

  private async byId<T extends { id: string }>(
    entity: EntityName<T>,
    ids: string[],
  ): Promise<Map<string, T>> {
    if (ids.length === 0) return new Map();
    const where = { id: { $in: [...new Set(ids)] } } as unknown as FilterQuery<T>;
    const found: T[] = await this.em.find(entity, where);
    return new Map(found.map((item) => [item.id, item]));
  }
}

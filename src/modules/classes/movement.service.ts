import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode, type FilterQuery } from '@mikro-orm/postgresql';
import { subject } from '@casl/ability';
import type { Actor } from '../../core/auth/actor';
import { findPage, mapPage, type Page } from '../../core/http/pagination';
import { ProblemException, type FieldError } from '../../core/http/problem';
import { accessibleWhere } from '../../core/policy/accessible-where';
import { findVisible } from '../../core/policy/scoped-find';
import type { AppAbility } from '../../core/policy/subjects';
import { School } from '../../core/tenancy/entities/school.entity';
import { AcademicYear } from '../academic-years/entities/academic-year.entity';
import { Person } from '../people/entities/person.entity';
import {
  MovementOrderDto,
  type CreateMovementOrderDto,
  type ListMovementOrdersQueryDto,
  type MovementLineDto,
} from './dto/movement.dto';
import { Enrollment } from './entities/enrollment.entity';
import { Movement } from './entities/movement.entity';
import { MovementOrder } from './entities/movement-order.entity';
import { SchoolClass } from './entities/school-class.entity';
import { className } from './class-name';

const ORDER_POPULATE = ['movements.student', 'movements.fromClass', 'movements.toClass'] as const;

/** A line checked against the student's current enrollment, ready to be applied. */
interface PlannedMovement {
  line: MovementLineDto;
  student: Person;
  effectiveOn: string;
  current: Enrollment | null;
  toClass: SchoolClass | null;
}

/**
 * Movement orders (P4): admission opens an enrollment, transfer closes one and opens the
 * next, withdrawal closes one. Enrollments change only here (and by a class-list import), so
 * the enrollment history is the answer to "in which class was this student on date D".
 */
@Injectable()
export class MovementService {
  constructor(private readonly em: EntityManager) {}

  async list(
    ability: AppAbility,
    schoolId: string,
    query: ListMovementOrdersQueryDto,
  ): Promise<Page<MovementOrderDto>> {
    const filters: FilterQuery<MovementOrder>[] = [
      accessibleWhere<MovementOrder>(ability, 'read', 'MovementOrder'),
      { schoolId },
    ];
    if (query.kind) filters.push({ kind: query.kind });
    if (query.from) filters.push({ datedOn: { $gte: query.from } });
    if (query.to) filters.push({ datedOn: { $lte: query.to } });
    const page = await findPage(this.em, MovementOrder, { $and: filters }, query, 'desc');
    await this.em.populate(page.items, ORDER_POPULATE);
    return mapPage(page, MovementOrderDto.from);
  }

  async get(ability: AppAbility, id: string): Promise<MovementOrderDto> {
    const order = await findVisible(this.em, MovementOrder, id, ability, 'MovementOrder', {
      populate: ORDER_POPULATE,
    });
    return MovementOrderDto.from(order);
  }

  async create(
    ability: AppAbility,
    actor: Actor,
    schoolId: string,
    input: CreateMovementOrderDto,
  ): Promise<MovementOrderDto> {
    if (!ability.can('create', subject('MovementOrder', { schoolId }))) {
      await findVisible(this.em, School, schoolId, ability, 'School');
      throw ProblemException.forbidden('You may not enter movement orders in this school.');
    }
    const orderId = await this.em.transactional(async (em) => {
      const planned = await this.plan(em, schoolId, input);
      const order = em.create(MovementOrder, {
        schoolId,
        number: input.number,
        datedOn: input.datedOn,
        kind: input.kind,
        basis: input.basis,
        createdBy: actor.accountId,
      });
      for (const step of planned) this.apply(em, order, step);
      await em.flush();
      return order.id;
    });
    return this.get(ability, orderId);
  }

  /** Checks every line first, so that one answer lists every problem of the order. */
  private async plan(
    em: EntityManager,
    schoolId: string,
    input: CreateMovementOrderDto,
  ): Promise<PlannedMovement[]> {
    const studentIds = input.movements.map((line) => line.studentId);
    // Locking the students serialises concurrent orders about the same student.
    const students = await em.find(
      Person,
      { id: { $in: studentIds }, schoolId, kind: 'student' },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const classIds = input.movements.flatMap((line) => (line.toClassId ? [line.toClassId] : []));
    const classes = await em.find(SchoolClass, { id: { $in: classIds }, schoolId });
    const years = await em.find(AcademicYear, {
      id: { $in: [...new Set(classes.map((c) => c.academicYearId))] },
    });
    const current = await em.find(
      Enrollment,
      { student: { $in: students }, endsOn: null },
      { populate: ['schoolClass'] },
    );

    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const planned: PlannedMovement[] = [];
    input.movements.forEach((line, index) => {
      const at = `movements[${index}]`;
      const fail = (field: string, message: string) =>
        errors.push({ field: `${at}.${field}`, messages: [message] });
      const student = students.find((s) => s.id === line.studentId);
      if (!student) return fail('studentId', 'studentId is not a student of this school');
      if (seen.has(student.id)) return fail('studentId', 'the same student is listed twice');
      seen.add(student.id);
      const effectiveOn = line.effectiveOn ?? input.datedOn;
      const enrollment = current.find((e) => e.student.id === student.id) ?? null;
      const toClass = line.toClassId
        ? (classes.find((c) => c.id === line.toClassId) ?? null)
        : null;
      if (line.toClassId && !toClass) fail('toClassId', 'toClassId is not a class of this school');

      if (input.kind === 'withdrawal') {
        if (line.toClassId) fail('toClassId', 'a withdrawal has no class to go to');
      } else if (!line.toClassId) {
        fail('toClassId', `toClassId is required for ${input.kind}`);
      }
      if (input.kind === 'admission' && enrollment) {
        fail(
          'studentId',
          `already a student of ${className(enrollment.schoolClass)}; transfer instead`,
        );
      }
      if (input.kind !== 'admission') {
        if (!enrollment) fail('studentId', 'not enrolled in any class now');
        else if (effectiveOn <= enrollment.startsOn)
          fail(
            'effectiveOn',
            `effectiveOn must be after ${enrollment.startsOn}, the start in ${className(enrollment.schoolClass)}`,
          );
        else if (toClass && toClass.id === enrollment.schoolClass.id)
          fail('toClassId', `already in ${className(toClass)}`);
      }
      if (toClass) {
        const year = years.find((y) => y.id === toClass.academicYearId)!;
        if (effectiveOn < year.startsOn || effectiveOn > year.endsOn)
          fail(
            'effectiveOn',
            `effectiveOn must fall within ${year.name}, the year of ${className(toClass)}`,
          );
      }
      planned.push({ line, student, effectiveOn, current: enrollment, toClass });
    });
    if (errors.length) throw ProblemException.invalid(errors);
    return planned;
  }

  private apply(em: EntityManager, order: MovementOrder, step: PlannedMovement): void {
    const movement = em.create(Movement, {
      schoolId: order.schoolId,
      order,
      student: step.student,
      fromClass: step.current?.schoolClass ?? null,
      toClass: step.toClass,
      effectiveOn: step.effectiveOn,
      destination: step.line.destination ?? null,
    });
    order.movements.add(movement);
    if (step.current) {
      step.current.endsOn = step.effectiveOn;
      step.current.endedBy = movement;
    }
    if (step.toClass) {
      em.create(Enrollment, {
        schoolId: order.schoolId,
        student: step.student,
        schoolClass: step.toClass,
        startsOn: step.effectiveOn,
        startedBy: movement,
      });
    }
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import type { Actor } from '../../../core/auth/actor';
import { ErrorCode } from '../../../core/http/error-codes';
import { ProblemException, type FieldError } from '../../../core/http/problem';
import type { AppAbility } from '../../../core/policy/subjects';
import { ClassPersonDto } from '../../classes/dto/class.dto';
import { SchoolClass } from '../../classes/entities/school-class.entity';
import { className } from '../../classes/class-name';
import { RosterService } from '../../classes/roster/roster.service';
import { Person } from '../../people/entities/person.entity';
import { fullName } from '../../people/person-name';
import { averages, suggestMark } from '../averages';
import type { SavePeriodMarksDto } from '../dto/period-mark-input.dto';
import type {
  PeriodMarkSuggestionsQueryDto,
  PeriodMarksQueryDto,
} from '../dto/period-mark-query.dto';
import type { PeriodMarkSuggestionListDto } from '../dto/period-mark-suggestion.dto';
import { PeriodMarkDto, type PeriodMarkListDto } from '../dto/period-mark.dto';
import { PeriodMark } from '../entities/period-mark.entity';
import { periodMarkScope } from '../grades.policy';
import { gradingScaleOf } from '../grading-scale-of';
import {
  checkPeriodMarkStudents,
  checkPeriodMarkValues,
  foreignMarkOf,
  planPeriodMarks,
  scopeFor,
} from './period-mark-rules';
import { slotOf, type PeriodMarkTarget } from './period-mark-target';
import { PeriodMarkFactsService } from './period-mark-facts.service';

/**
 * Period, year, exam and final marks (J4), and the marks the current marks suggest (J11).
 * Who may do what is the `PeriodMark` policy, checked against the class × subject with the
 * teachers assigned to it (`periodMarkScope`); the period lock is the database's trigger.
 */
@Injectable()
export class PeriodMarksService {
  constructor(
    private readonly em: EntityManager,
    private readonly roster: RosterService,
    private readonly facts: PeriodMarkFactsService,
  ) {}

  /** The period marks of a class the caller may read: all for staff, own (children's) for pupils. */
  async list(
    ability: AppAbility,
    classId: string,
    query: PeriodMarksQueryDto,
  ): Promise<PeriodMarkListDto> {
    const schoolClass = await this.facts.findClass(classId);
    const assignments = await this.facts.teachersBySubject(schoolClass);
    const scopeOf = (subjectId: string, student?: string) =>
      scopeFor(schoolClass, subjectId, assignments.get(subjectId) ?? [], student);
    const anySubject = query.subjectId ?? '';
    if (!ability.can('read', periodMarkScope(scopeOf(anySubject)))) {
      const students = await this.roster.studentsEver(schoolClass.id);
      if (!students.some((id) => ability.can('read', periodMarkScope(scopeOf(anySubject, id))))) {
        throw ProblemException.notFound(`Class ${classId}`);
      }
    }
    const where: FilterQuery<PeriodMark> = { schoolClassId: schoolClass.id };
    if (query.subjectId) where.subjectId = query.subjectId;
    if (query.kind) where.kind = query.kind;
    if (query.studyPeriodId) where.studyPeriodId = query.studyPeriodId;
    const marks = (await this.em.find(PeriodMark, where)).filter((mark) =>
      ability.can('read', periodMarkScope(scopeOf(mark.subjectId, mark.studentId))),
    );
    return { items: (await this.facts.ordered(marks)).map(PeriodMarkDto.from) };
  }

  /**
   * Gives, changes or deletes (`value: null`) the listed students' marks of one class ×
   * subject × kind (× period), in one flush: all of them or, on any error, none. A closed
   * period makes the database refuse the write (409 `period.closed`).
   */
  async save(
    ability: AppAbility,
    actor: Actor,
    classId: string,
    input: SavePeriodMarksDto,
  ): Promise<PeriodMarkListDto> {
    const schoolClass = await this.facts.findClass(classId);
    const subject = await this.facts.findSubject(schoolClass, input.subjectId);
    const teachers = subject ? await this.facts.teachersOf(schoolClass, subject.id) : [];
    const scope = scopeFor(schoolClass, input.subjectId, teachers);
    const studentScope = (student: string) => periodMarkScope({ ...scope, student });
    const readable =
      ability.can('read', periodMarkScope(scope)) ||
      input.marks.some((item) => ability.can('read', studentScope(item.studentId)));
    if (!readable && !ability.can('update', periodMarkScope(scope))) {
      throw ProblemException.notFound(`Class ${classId}`);
    }
    // A subject that is not the school's is a bad request, not a subject nobody teaches.
    if (!subject) {
      throw ProblemException.invalid([
        { field: 'subjectId', messages: ['must be a subject of the class’s school'] },
      ]);
    }
    const refuse = () =>
      ProblemException.forbidden(
        `Only a teacher assigned to ${subject.name} in ${className(schoolClass)} gives its period marks.`,
      );
    if (!ability.can('update', periodMarkScope(scope))) throw refuse();

    const errors: FieldError[] = [];
    const resolved = await this.facts.targetOf(
      schoolClass,
      subject,
      input.kind,
      input.studyPeriodId,
    );
    const target = 'target' in resolved ? resolved.target : null;
    if (!target) errors.push((resolved as { error: FieldError }).error);
    const scale = await gradingScaleOf(this.em, schoolClass.schoolId, subject.id);
    if (target) {
      const students = await this.roster.studentsDuring(
        schoolClass.id,
        target.from,
        target.to,
        input.marks.map((item) => item.studentId),
      );
      const where = { className: className(schoolClass), label: target.label };
      const enrolled = new Set(students.map((student) => student.id));
      errors.push(...checkPeriodMarkStudents(input.marks, enrolled, where));
    }
    const values = checkPeriodMarkValues(scale, input.marks);
    errors.push(...values.errors);
    if (errors.length > 0 || !target) throw ProblemException.invalid(errors);

    const slot = slotOf(target);
    const existing = new Map(
      (
        await this.em.find(PeriodMark, {
          studentId: { $in: input.marks.map((item) => item.studentId) },
          ...slot,
        })
      ).map((mark) => [mark.studentId, mark]),
    );
    await this.assertSameClass(target, existing.values());
    for (const write of planPeriodMarks(input.marks, existing, values.scores)) {
      if (!ability.can(write.action, studentScope(write.studentId))) throw refuse();
      if (write.action === 'delete') {
        this.em.remove(write.mark);
      } else if (write.action === 'update') {
        Object.assign(write.mark, write.fields, { givenBy: actor.accountId });
      } else {
        this.em.create(PeriodMark, {
          schoolId: schoolClass.schoolId,
          studentId: write.studentId,
          schoolClassId: schoolClass.id,
          ...slot,
          ...write.fields,
          givenBy: actor.accountId,
        });
      }
    }
    await this.em.flush();

    const marks = await this.em.find(PeriodMark, { schoolClassId: schoolClass.id, ...slot });
    const visible = marks.filter((mark) => ability.can('read', studentScope(mark.studentId)));
    return { items: (await this.facts.ordered(visible)).map(PeriodMarkDto.from) };
  }

  /**
   * For each student of the class in the period: the averages of their current marks of the
   * subject in the class's lessons of the period (not cancelled), and the scale value they
   * suggest; for `kind=year`, of their period marks of the year (each weighing 1).
   */
  async suggestions(
    ability: AppAbility,
    classId: string,
    query: PeriodMarkSuggestionsQueryDto,
  ): Promise<PeriodMarkSuggestionListDto> {
    const schoolClass = await this.facts.findClass(classId);
    const subject = await this.facts.findSubject(schoolClass, query.subjectId);
    const teachers = subject ? await this.facts.teachersOf(schoolClass, subject.id) : [];
    const scope = scopeFor(schoolClass, query.subjectId, teachers);
    const seesAll = ability.can('read', periodMarkScope(scope));
    const studentsEver = seesAll ? [] : await this.roster.studentsEver(schoolClass.id);
    if (
      !seesAll &&
      !studentsEver.some((student) => ability.can('read', periodMarkScope({ ...scope, student })))
    ) {
      throw ProblemException.notFound(`Class ${classId}`);
    }
    if (!subject) {
      throw ProblemException.invalid([
        { field: 'subjectId', messages: ['must be a subject of the class’s school'] },
      ]);
    }
    const kind = query.kind ?? 'period';
    const resolved = await this.facts.targetOf(schoolClass, subject, kind, query.studyPeriodId);
    if ('error' in resolved) throw ProblemException.invalid([resolved.error]);
    const { target } = resolved;

    const students = (
      await this.roster.studentsDuring(schoolClass.id, target.from, target.to)
    ).filter(
      (student) =>
        seesAll || ability.can('read', periodMarkScope({ ...scope, student: student.id })),
    );
    const scale = await gradingScaleOf(this.em, schoolClass.schoolId, subject.id);
    const marks = await this.facts.scoresOf(target, students);
    return {
      items: students.map((student) => {
        const own = marks.get(student.id) ?? [];
        const result = averages(own);
        return {
          student: ClassPersonDto.from(student),
          marksCount: own.length,
          ...result,
          suggested: suggestMark(result.weightedAverage, scale.values),
        };
      }),
    };
  }

  /** 409 when a listed student's mark of the slot belongs to another class. */
  private async assertSameClass(target: PeriodMarkTarget, existing: Iterable<PeriodMark>) {
    const foreign = foreignMarkOf(existing, target.schoolClass.id);
    if (!foreign) return;
    const student = await this.em.findOneOrFail(Person, foreign.studentId);
    const other = await this.em.findOneOrFail(SchoolClass, foreign.schoolClassId);
    throw ProblemException.conflict(
      ErrorCode.conflict,
      `${fullName(student)} already has this ${target.kind} mark in ${target.subject.name}, given in ${className(other)}: change it there.`,
    );
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import type { Actor } from '../../core/auth/actor';
import { ErrorCode } from '../../core/http/error-codes';
import { ProblemException, type FieldError } from '../../core/http/problem';
import type { Action, AppAbility } from '../../core/policy/subjects';
import { AcademicYear } from '../academic-years/entities/academic-year.entity';
import { PeriodScheme } from '../academic-years/entities/period-scheme.entity';
import { StudyPeriod } from '../academic-years/entities/study-period.entity';
import { ClassPersonDto } from '../classes/dto/class.dto';
import { Enrollment } from '../classes/entities/enrollment.entity';
import { SchoolClass } from '../classes/entities/school-class.entity';
import { className } from '../classes/class-name';
import { TeachingAssignment } from '../classes/entities/teaching-assignment.entity';
import { periodMarkScope, type PeriodMarkScope } from './grades.policy';
import { Lesson } from '../lessons/entities/lesson.entity';
import { Person } from '../people/entities/person.entity';
import { fullName } from '../people/person-name';
import { byName } from '../people/person-name';
import type { GradingScale } from '../reference-data/entities/grading-scale.entity';
import { MarkType } from '../reference-data/entities/mark-type.entity';
import { Subject } from '../reference-data/entities/subject.entity';
import { averages, suggestMark, type ScoredMark } from './averages';
import type { PeriodMarkItemDto, SavePeriodMarksDto } from './dto/period-mark-input.dto';
import type {
  PeriodMarkSuggestionsQueryDto,
  PeriodMarksQueryDto,
} from './dto/period-mark-query.dto';
import type { PeriodMarkSuggestionListDto } from './dto/period-mark-suggestion.dto';
import { PeriodMarkDto, type PeriodMarkListDto } from './dto/period-mark.dto';
import { Mark } from './entities/mark.entity';
import { PERIOD_MARK_KINDS, PeriodMark, type PeriodMarkKind } from './entities/period-mark.entity';
import { EXEMPT, NOT_ATTESTED } from '../reference-data/entities/grading-scale.entity';
import { gradingScaleOf, scaleValue } from './grading-scale-of';

/** Values every period mark may take whatever the subject's scale. */
const SPECIAL_VALUES = [NOT_ATTESTED, EXEMPT];

/** What a period (year) mark is about: a class's subject, its kind and, for `period`, when. */
interface Target {
  schoolClass: SchoolClass;
  subject: Subject;
  kind: PeriodMarkKind;
  /** The quarter or half-year of a `period` mark, else null. */
  period: StudyPeriod | null;
  /** The dates students must have been in the class: the period's, else the year's. */
  from: string;
  to: string;
  /** «1 четверть», «2026/2027». */
  label: string;
}

/**
 * Period, year, exam and final marks (J4), and the marks the current marks suggest (J11).
 * Who may do what is the `PeriodMark` policy, checked against the class × subject with the
 * teachers assigned to it (`periodMarkScope`); the period lock is the database's trigger.
 */
@Injectable()
export class PeriodMarksService {
  constructor(private readonly em: EntityManager) {}

  /** The period marks of a class the caller may read: all for staff, own (children's) for pupils. */
  async list(
    ability: AppAbility,
    classId: string,
    query: PeriodMarksQueryDto,
  ): Promise<PeriodMarkListDto> {
    const schoolClass = await this.findClass(classId);
    const assignments = await this.teachersBySubject(schoolClass);
    const scopeOf = (subjectId: string, student?: string) =>
      this.scope(schoolClass, subjectId, assignments.get(subjectId) ?? [], student);
    const anySubject = query.subjectId ?? '';
    if (!ability.can('read', periodMarkScope(scopeOf(anySubject)))) {
      const students = await this.studentsEver(schoolClass);
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
    return { items: (await this.ordered(marks)).map(PeriodMarkDto.from) };
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
    const schoolClass = await this.findClass(classId);
    const subject = await this.em.findOne(Subject, {
      id: input.subjectId,
      schoolId: schoolClass.schoolId,
    });
    const teachers = subject ? await this.teachersOf(schoolClass, subject.id) : [];
    const scope = this.scope(schoolClass, input.subjectId, teachers);
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
    const target = await this.resolveTarget(
      schoolClass,
      subject,
      input.kind,
      input.studyPeriodId,
      errors,
    );
    const scale = await gradingScaleOf(this.em, schoolClass.schoolId, subject.id);
    if (target) await this.checkStudents(target, input.marks, errors);
    const scores = this.checkValues(scale, input.marks, errors);
    if (errors.length > 0 || !target) throw ProblemException.invalid(errors);

    const existing = new Map(
      (
        await this.em.find(PeriodMark, {
          studentId: { $in: input.marks.map((item) => item.studentId) },
          ...this.slot(target),
        })
      ).map((mark) => [mark.studentId, mark]),
    );
    await this.assertSameClass(target, existing);
    input.marks.forEach((item, index) => {
      const mark = existing.get(item.studentId);
      const comment = item.comment ?? null;
      const assert = (action: Action) => {
        if (!ability.can(action, studentScope(item.studentId))) throw refuse();
      };
      if (item.value === null) {
        if (!mark) return;
        assert('delete');
        this.em.remove(mark);
      } else if (mark) {
        const score = scores[index];
        const unchanged =
          mark.value === item.value &&
          (mark.score === null ? null : Number(mark.score)) === score &&
          mark.comment === comment;
        if (unchanged) return;
        assert('update');
        mark.value = item.value;
        mark.score = score === null ? null : score.toFixed(2);
        mark.comment = comment;
        mark.givenBy = actor.accountId;
      } else {
        assert('create');
        const score = scores[index];
        this.em.create(PeriodMark, {
          schoolId: schoolClass.schoolId,
          studentId: item.studentId,
          schoolClassId: schoolClass.id,
          ...this.slot(target),
          value: item.value,
          score: score === null ? null : score.toFixed(2),
          comment,
          givenBy: actor.accountId,
        });
      }
    });
    await this.em.flush();

    const marks = await this.em.find(PeriodMark, {
      schoolClassId: schoolClass.id,
      ...this.slot(target),
    });
    return {
      items: (
        await this.ordered(
          marks.filter((mark) => ability.can('read', studentScope(mark.studentId))),
        )
      ).map(PeriodMarkDto.from),
    };
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
    const schoolClass = await this.findClass(classId);
    const subject = await this.em.findOne(Subject, {
      id: query.subjectId,
      schoolId: schoolClass.schoolId,
    });
    const teachers = subject ? await this.teachersOf(schoolClass, subject.id) : [];
    const scope = this.scope(schoolClass, query.subjectId, teachers);
    const seesAll = ability.can('read', periodMarkScope(scope));
    const studentsEver = seesAll ? [] : await this.studentsEver(schoolClass);
    if (
      !seesAll &&
      !studentsEver.some((student) => ability.can('read', periodMarkScope({ ...scope, student })))
    ) {
      throw ProblemException.notFound(`Class ${classId}`);
    }

    const errors: FieldError[] = [];
    if (!subject) {
      errors.push({ field: 'subjectId', messages: ['must be a subject of the class’s school'] });
      throw ProblemException.invalid(errors);
    }
    const kind = query.kind ?? 'period';
    const target = await this.resolveTarget(
      schoolClass,
      subject,
      kind,
      query.studyPeriodId,
      errors,
    );
    if (errors.length > 0 || !target) throw ProblemException.invalid(errors);

    const students = (await this.studentsDuring(target)).filter(
      (student) =>
        seesAll || ability.can('read', periodMarkScope({ ...scope, student: student.id })),
    );
    const scale = await gradingScaleOf(this.em, schoolClass.schoolId, subject.id);
    const marks =
      kind === 'year'
        ? await this.yearSources(target, students)
        : await this.lessonSources(target, students);
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

  private async findClass(id: string): Promise<SchoolClass> {
    const schoolClass = await this.em.findOne(SchoolClass, id);
    if (!schoolClass) throw ProblemException.notFound(`Class ${id}`);
    return schoolClass;
  }

  private scope(
    schoolClass: SchoolClass,
    subject: string,
    teachers: string[],
    student?: string,
  ): PeriodMarkScope {
    return {
      schoolId: schoolClass.schoolId,
      schoolClass: schoolClass.id,
      subject,
      teachers,
      ...(student ? { student } : {}),
    };
  }

  /** Staff cards of the teachers assigned to the class × subject (any subgroup). */
  private async teachersOf(schoolClass: SchoolClass, subjectId: string): Promise<string[]> {
    return (await this.teachersBySubject(schoolClass, subjectId)).get(subjectId) ?? [];
  }

  private async teachersBySubject(
    schoolClass: SchoolClass,
    subjectId?: string,
  ): Promise<Map<string, string[]>> {
    const assignments = await this.em.find(TeachingAssignment, {
      schoolClass: schoolClass.id,
      ...(subjectId ? { subject: subjectId } : {}),
    });
    const bySubject = new Map<string, string[]>();
    for (const assignment of assignments) {
      const teachers = bySubject.get(assignment.subject.id) ?? [];
      if (!teachers.includes(assignment.teacher.id)) teachers.push(assignment.teacher.id);
      bySubject.set(assignment.subject.id, teachers);
    }
    return bySubject;
  }

  /** Everyone ever enrolled in the class (a pupil's rights are per student). */
  private async studentsEver(schoolClass: SchoolClass): Promise<string[]> {
    const enrollments = await this.em.find(Enrollment, { schoolClass: schoolClass.id });
    return [...new Set(enrollments.map((enrollment) => enrollment.student.id))];
  }

  /** Students enrolled in the class at some time of the target's dates, by name. */
  private async studentsDuring(target: Target, only?: string[]): Promise<Person[]> {
    const enrollments = await this.em.find(
      Enrollment,
      {
        schoolClass: target.schoolClass.id,
        ...(only ? { student: { $in: only } } : {}),
        startsOn: { $lte: target.to },
        $or: [{ endsOn: null }, { endsOn: { $gt: target.from } }],
      },
      { populate: ['student'] },
    );
    return [...new Map(enrollments.map((e) => [e.student.id, e.student])).values()].sort(byName);
  }

  /**
   * The kind and period a write or suggestion is about: a `period` needs a quarter or
   * half-year of the class's grade in the class's year; the other kinds take none.
   */
  private async resolveTarget(
    schoolClass: SchoolClass,
    subject: Subject,
    kind: PeriodMarkKind,
    studyPeriodId: string | undefined,
    errors: FieldError[],
  ): Promise<Target | null> {
    const base = { schoolClass, subject, kind };
    if (kind !== 'period') {
      if (studyPeriodId !== undefined) {
        errors.push({
          field: 'studyPeriodId',
          messages: [`only for kind period (a ${kind} mark is of the whole year)`],
        });
        return null;
      }
      const year = await this.em.findOneOrFail(AcademicYear, schoolClass.academicYearId);
      return { ...base, period: null, from: year.startsOn, to: year.endsOn, label: year.name };
    }
    if (studyPeriodId === undefined) {
      errors.push({ field: 'studyPeriodId', messages: ['is required for kind period'] });
      return null;
    }
    const period = await this.em.findOne(StudyPeriod, {
      id: studyPeriodId,
      academicYearId: schoolClass.academicYearId,
    });
    const scheme = period ? await this.em.findOne(PeriodScheme, period.schemeId) : null;
    if (!period || !scheme?.grades.includes(schoolClass.grade)) {
      errors.push({
        field: 'studyPeriodId',
        messages: [
          `must be a study period of grade ${schoolClass.grade} in the year of ${className(schoolClass)}`,
        ],
      });
      return null;
    }
    return { ...base, period, from: period.startsOn, to: period.endsOn, label: period.name };
  }

  /** The unique slot of a student's mark: subject, year, kind, period. */
  private slot(target: Target) {
    return {
      subjectId: target.subject.id,
      academicYearId: target.schoolClass.academicYearId,
      kind: target.kind,
      studyPeriodId: target.period?.id ?? null,
    };
  }

  /** Each student once, and in the class at some time of the period (year). */
  private async checkStudents(
    target: Target,
    items: PeriodMarkItemDto[],
    errors: FieldError[],
  ): Promise<void> {
    const enrolled = new Set(
      (
        await this.studentsDuring(
          target,
          items.map((item) => item.studentId),
        )
      ).map((student) => student.id),
    );
    const first = new Map<string, number>();
    items.forEach((item, index) => {
      const field = `marks[${index}].studentId`;
      const seen = first.get(item.studentId);
      if (seen !== undefined) {
        errors.push({ field, messages: [`repeats marks[${seen}]`] });
        return;
      }
      first.set(item.studentId, index);
      if (!enrolled.has(item.studentId)) {
        errors.push({
          field,
          messages: [`is not a student of ${className(target.schoolClass)} in ${target.label}`],
        });
      }
    });
  }

  /** The score of each item's value (null for н/а, осв, unscored values and deletions). */
  private checkValues(
    scale: GradingScale,
    items: PeriodMarkItemDto[],
    errors: FieldError[],
  ): (number | null)[] {
    return items.map((item, index) => {
      if (item.value === null || SPECIAL_VALUES.includes(item.value)) return null;
      const found = scaleValue(scale, item.value);
      if (!found) {
        const allowed = [...scale.values.map((v) => v.value), ...SPECIAL_VALUES].join(', ');
        errors.push({
          field: `marks[${index}].value`,
          messages: [`must be one of ${allowed} (scale «${scale.name}»)`],
        });
        return null;
      }
      return found.score === null ? null : Number(found.score);
    });
  }

  /**
   * A student's mark of this slot given while they were in another class (moved during the
   * period) stays that class's: it is changed there, not taken over.
   */
  private async assertSameClass(target: Target, existing: Map<string, PeriodMark>) {
    const foreign = [...existing.values()].find(
      (mark) => mark.schoolClassId !== target.schoolClass.id,
    );
    if (!foreign) return;
    const student = await this.em.findOneOrFail(Person, foreign.studentId);
    const other = await this.em.findOneOrFail(SchoolClass, foreign.schoolClassId);
    throw ProblemException.conflict(
      ErrorCode.conflict,
      `${fullName(student)} already has this ${target.kind} mark in ${target.subject.name}, given in ${className(other)}: change it there.`,
    );
  }

  /** Current marks of the target's subject in the class's lessons of the period. */
  private async lessonSources(
    target: Target,
    students: Person[],
  ): Promise<Map<string, ScoredMark[]>> {
    const lessons = await this.em.find(
      Lesson,
      {
        schoolClass: target.schoolClass.id,
        subject: target.subject.id,
        date: { $gte: target.from, $lte: target.to },
        status: { $ne: 'cancelled' },
      },
      { fields: ['id'] },
    );
    if (lessons.length === 0 || students.length === 0) return new Map();
    const marks = await this.em.find(Mark, {
      lessonId: { $in: lessons.map((lesson) => lesson.id) },
      studentId: { $in: students.map((student) => student.id) },
    });
    const types = new Map(
      (
        await this.em.find(MarkType, { id: { $in: [...new Set(marks.map((m) => m.markTypeId))] } })
      ).map((type) => [type.id, Number(type.weight)]),
    );
    return this.groupByStudent(
      marks.map((mark) => ({
        studentId: mark.studentId,
        score: mark.score === null ? null : Number(mark.score),
        weight: types.get(mark.markTypeId) ?? 1,
      })),
    );
  }

  /** The students' period marks of the subject in the class's year, each weighing 1. */
  private async yearSources(
    target: Target,
    students: Person[],
  ): Promise<Map<string, ScoredMark[]>> {
    if (students.length === 0) return new Map();
    const marks = await this.em.find(PeriodMark, {
      studentId: { $in: students.map((student) => student.id) },
      subjectId: target.subject.id,
      academicYearId: target.schoolClass.academicYearId,
      kind: 'period',
    });
    return this.groupByStudent(
      marks.map((mark) => ({
        studentId: mark.studentId,
        score: mark.score === null ? null : Number(mark.score),
        weight: 1,
      })),
    );
  }

  private groupByStudent(rows: (ScoredMark & { studentId: string })[]): Map<string, ScoredMark[]> {
    const byStudent = new Map<string, ScoredMark[]>();
    for (const { studentId, score, weight } of rows) {
      byStudent.set(studentId, [...(byStudent.get(studentId) ?? []), { score, weight }]);
    }
    return byStudent;
  }

  /** By kind (period, year, exam, final), period, subject name, then student name. */
  private async ordered(marks: PeriodMark[]): Promise<PeriodMark[]> {
    if (marks.length < 2) return marks;
    const ids = (pick: (mark: PeriodMark) => string | null) => [
      ...new Set(marks.map(pick).filter((id): id is string => id !== null)),
    ];
    const students = await this.em.find(Person, { id: { $in: ids((m) => m.studentId) } });
    const periods = await this.em.find(StudyPeriod, { id: { $in: ids((m) => m.studyPeriodId) } });
    const subjects = await this.em.find(Subject, { id: { $in: ids((m) => m.subjectId) } });
    const studentRank = new Map(students.sort(byName).map((s, i) => [s.id, i]));
    const periodStart = new Map(periods.map((p) => [p.id, p.startsOn]));
    const subjectName = new Map(subjects.map((s) => [s.id, s.name]));
    return [...marks].sort(
      (a, b) =>
        PERIOD_MARK_KINDS.indexOf(a.kind) - PERIOD_MARK_KINDS.indexOf(b.kind) ||
        (periodStart.get(a.studyPeriodId ?? '') ?? '').localeCompare(
          periodStart.get(b.studyPeriodId ?? '') ?? '',
        ) ||
        (subjectName.get(a.subjectId) ?? '').localeCompare(
          subjectName.get(b.subjectId) ?? '',
          'ru',
        ) ||
        (studentRank.get(a.studentId) ?? 0) - (studentRank.get(b.studentId) ?? 0),
    );
  }
}

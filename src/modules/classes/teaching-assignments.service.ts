import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode } from '../../core/http/error-codes';
import { ProblemException, type FieldError } from '../../core/http/problem';
import { accessibleWhere } from '../../core/policy/accessible-where';
import { assertAllowed } from '../../core/policy/scoped-find';
import type { AppAbility } from '../../core/policy/subjects';
import { CurriculumLine } from '../curriculum/entities/curriculum-line.entity';
import { Person } from '../people/entities/person.entity';
import { Subject } from '../reference-data/entities/subject.entity';
import { byName } from '../people/person-name';
import { ClassesService } from './classes.service';
import type {
  CreateTeachingAssignmentDto,
  TeachingAssignmentListDto,
  UpdateTeachingAssignmentDto,
} from './dto/teaching-assignment.dto';
import { TeachingAssignmentDto } from './dto/teaching-assignment.dto';
import { SchoolClass } from './entities/school-class.entity';
import { Subgroup } from './entities/subgroup.entity';
import { TeachingAssignment } from './entities/teaching-assignment.entity';

const POPULATE = ['subject', 'teacher', 'subgroup'] as const;

/** Who teaches which subject to a class or one of its subgroups. */
@Injectable()
export class TeachingAssignmentsService {
  constructor(
    private readonly em: EntityManager,
    private readonly classes: ClassesService,
  ) {}

  async list(ability: AppAbility, classId: string): Promise<TeachingAssignmentListDto> {
    const schoolClass = await this.classes.getVisibleClass(ability, classId);
    const assignments = await this.em.find(
      TeachingAssignment,
      { schoolClass },
      { populate: POPULATE },
    );
    assignments.sort(
      (a, b) =>
        a.subject.name.localeCompare(b.subject.name, 'ru') ||
        (a.subgroup?.position ?? 0) - (b.subgroup?.position ?? 0) ||
        byName(a.teacher, b.teacher),
    );
    return { items: assignments.map((a) => TeachingAssignmentDto.from(a)) };
  }

  async create(
    ability: AppAbility,
    classId: string,
    input: CreateTeachingAssignmentDto,
  ): Promise<TeachingAssignmentDto> {
    const schoolClass = await this.loadForChange(ability, classId);
    const { schoolId } = schoolClass;
    const errors: FieldError[] = [];
    const subjectOf = await this.em.findOne(Subject, { id: input.subjectId, schoolId });
    if (!subjectOf || subjectOf.archived)
      errors.push({ field: 'subjectId', messages: ['no such current subject in this school'] });
    const teacher = await this.em.findOne(Person, { id: input.teacherId, schoolId, kind: 'staff' });
    if (!teacher)
      errors.push({
        field: 'teacherId',
        messages: ['teacherId must be a member of staff of this school'],
      });
    let subgroup: Subgroup | null = null;
    if (input.subgroupId) {
      subgroup = await this.em.findOne(Subgroup, {
        id: input.subgroupId,
        split: { schoolClass, subject: input.subjectId },
      });
      if (!subgroup)
        errors.push({
          field: 'subgroupId',
          messages: ['subgroupId must be a subgroup of this class’s split for the subject'],
        });
    }
    if (errors.length > 0) throw ProblemException.invalid(errors);
    const duplicate = await this.em.count(TeachingAssignment, {
      schoolClass,
      subject: subjectOf!,
      teacher: teacher!,
      subgroup,
    });
    if (duplicate > 0)
      throw ProblemException.conflict(ErrorCode.alreadyExists, 'This teaching assignment exists.');
    const assignment = this.em.create(TeachingAssignment, {
      schoolId,
      schoolClass,
      subject: subjectOf!,
      teacher: teacher!,
      subgroup,
      hoursPerWeek: input.hoursPerWeek ?? (await this.curriculumHours(schoolClass, subjectOf!)),
    });
    await this.em.flush();
    return TeachingAssignmentDto.from(assignment);
  }

  /** Sets the weekly hours of an assignment (the teacher's load). */
  async update(
    ability: AppAbility,
    id: string,
    changes: UpdateTeachingAssignmentDto,
  ): Promise<TeachingAssignmentDto> {
    const assignment = await this.loadAssignmentForChange(ability, id);
    await this.em.populate(assignment, POPULATE);
    if (assignment.hoursPerWeek !== changes.hoursPerWeek)
      assignment.hoursPerWeek = changes.hoursPerWeek;
    await this.em.flush();
    return TeachingAssignmentDto.from(assignment);
  }

  async remove(ability: AppAbility, id: string): Promise<void> {
    const assignment = await this.loadAssignmentForChange(ability, id);
    this.em.remove(assignment);
    await this.em.flush();
  }

  /**
   * The teaching assignments of the classes (of one subject when given), with their teachers
   * loaded: who teaches what, for other modules' rules (who gives period marks, whose plan).
   */
  async ofClasses(classIds: string[], subjectId?: string): Promise<TeachingAssignment[]> {
    if (classIds.length === 0) return [];
    return this.em.find(
      TeachingAssignment,
      { schoolClass: { $in: classIds }, ...(subjectId ? { subject: subjectId } : {}) },
      { populate: ['teacher'] },
    );
  }

  /**
   * What these staff cards teach in the classes of academic years running on `date`, with
   * class, subject and subgroup loaded, by class and subject.
   */
  async ofTeachers(teacherIds: string[], date: string): Promise<TeachingAssignment[]> {
    if (teacherIds.length === 0) return [];
    const assignments = await this.em.find(
      TeachingAssignment,
      { teacher: { $in: teacherIds } },
      { populate: ['schoolClass', 'subject', 'subgroup'] },
    );
    const classesNow = await this.classes.runningOn(
      assignments.map((a) => a.schoolClass),
      date,
    );
    const running = new Set(classesNow.map((c) => c.id));
    return assignments
      .filter((a) => running.has(a.schoolClass.id))
      .sort(
        (a, b) =>
          a.schoolClass.grade - b.schoolClass.grade ||
          a.schoolClass.letter.localeCompare(b.schoolClass.letter, 'ru') ||
          a.subject.name.localeCompare(b.subject.name, 'ru') ||
          (a.subgroup?.position ?? 0) - (b.subgroup?.position ?? 0),
      );
  }

  /** Whether the teacher teaches the class's subject to the subgroup (null: the whole class). */
  async isAssigned(
    classId: string,
    subjectId: string,
    subgroupId: string | null,
    teacherId: string,
  ): Promise<boolean> {
    const assigned = await this.em.count(TeachingAssignment, {
      schoolClass: classId,
      subject: subjectId,
      subgroup: subgroupId,
      teacher: teacherId,
    });
    return assigned > 0;
  }

  /** The subject's weekly hours in the curriculum of the class's grade and year; 0 without a line. */
  private async curriculumHours(schoolClass: SchoolClass, subjectOf: Subject): Promise<number> {
    const line = await this.em.findOne(CurriculumLine, {
      academicYearId: schoolClass.academicYearId,
      grade: schoolClass.grade,
      subject: subjectOf,
    });
    return line?.hoursPerWeek ?? 0;
  }

  /** 404 when the caller cannot see the assignment's class, 403 when they may not change it. */
  private async loadAssignmentForChange(
    ability: AppAbility,
    id: string,
  ): Promise<TeachingAssignment> {
    const assignment = await this.em.findOne(TeachingAssignment, {
      id,
      schoolClass: accessibleWhere<SchoolClass>(ability, 'read', 'SchoolClass'),
    });
    if (!assignment) throw ProblemException.notFound(`Teaching assignment ${id}`);
    await assertAllowed(
      this.em,
      SchoolClass,
      assignment.schoolClass.id,
      ability,
      'update',
      'SchoolClass',
    );
    return assignment;
  }

  /** Assignments are part of a class: changing them needs `update` on the class. */
  private async loadForChange(ability: AppAbility, classId: string): Promise<SchoolClass> {
    const schoolClass = await this.classes.getVisibleClass(ability, classId);
    await assertAllowed(this.em, SchoolClass, classId, ability, 'update', 'SchoolClass');
    return schoolClass;
  }
}

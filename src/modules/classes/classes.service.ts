import { Injectable } from '@nestjs/common';
import { EntityManager, raw, type FilterQuery } from '@mikro-orm/postgresql';
import { subject } from '@casl/ability';
import { assertIfMatch } from '../../core/http/conditional-requests';
import { ErrorCode } from '../../core/http/error-codes';
import { ProblemException, type FieldError } from '../../core/http/problem';
import { accessibleWhere } from '../../core/policy/accessible-where';
import { assertAllowed, findVisible } from '../../core/policy/scoped-find';
import type { AppAbility } from '../../core/policy/subjects';
import { AcademicYear } from '../academic-years/entities/academic-year.entity';
import { Person } from '../people/entities/person.entity';
import type {
  CreateSchoolClassDto,
  ListSchoolClassesQueryDto,
  SchoolClassListDto,
  UpdateSchoolClassDto,
} from './dto/class.dto';
import { SchoolClassDto } from './dto/class.dto';
import { Enrollment } from './entities/enrollment.entity';
import { Movement } from './entities/movement.entity';
import { SchoolClass } from './entities/school-class.entity';
import { className } from './class-name';
import { enrolledOn } from './roster/roster-rules';
import { RosterService } from './roster/roster.service';
import { SchoolTodayService } from '../../core/clock/school-today.service';

/** Classes of a school's academic years (O3) and who is in them. */
@Injectable()
export class ClassesService {
  constructor(
    private readonly em: EntityManager,
    private readonly schoolToday: SchoolTodayService,
    private readonly roster: RosterService,
  ) {}

  async list(
    ability: AppAbility,
    schoolId: string,
    query: ListSchoolClassesQueryDto,
  ): Promise<SchoolClassListDto> {
    const where: FilterQuery<SchoolClass> = { schoolId };
    if (query.academicYearId) where.academicYearId = query.academicYearId;
    if (query.grade) where.grade = query.grade;
    const classes = await this.em.find(
      SchoolClass,
      { $and: [where, accessibleWhere<SchoolClass>(ability, 'read', 'SchoolClass')] },
      { populate: ['classTeacher'], orderBy: { grade: 'asc', letter: 'asc', id: 'asc' } },
    );
    const counts = await this.countStudents(schoolId, classes);
    return { items: classes.map((c) => SchoolClassDto.from(c, counts.get(c.id) ?? 0)) };
  }

  async get(ability: AppAbility, id: string): Promise<SchoolClassDto> {
    return this.describe(await this.getVisibleClass(ability, id));
  }

  async create(
    ability: AppAbility,
    schoolId: string,
    input: CreateSchoolClassDto,
  ): Promise<SchoolClassDto> {
    if (!ability.can('create', subject('SchoolClass', { schoolId }))) {
      if (!ability.can('read', subject('SchoolClass', { schoolId })))
        throw ProblemException.notFound(`School ${schoolId}`);
      throw ProblemException.forbidden('You may not create classes in this school.');
    }
    const errors: FieldError[] = [];
    const year = await this.em.findOne(AcademicYear, { id: input.academicYearId, schoolId });
    if (!year)
      errors.push({ field: 'academicYearId', messages: ['no such academic year in this school'] });
    const teacher = await this.resolveClassTeacher(schoolId, input.classTeacherId, errors);
    if (errors.length > 0) throw ProblemException.invalid(errors);
    await this.assertNameFree(year!, input.grade, input.letter);
    const created = this.em.create(SchoolClass, {
      schoolId,
      academicYearId: year!.id,
      grade: input.grade,
      letter: input.letter,
      classTeacher: teacher ?? null,
    });
    await this.em.flush();
    return this.describe(created);
  }

  async update(
    ability: AppAbility,
    id: string,
    changes: UpdateSchoolClassDto,
    ifMatch?: string,
  ): Promise<SchoolClassDto> {
    const schoolClass = await this.getVisibleClass(ability, id);
    await assertAllowed(this.em, SchoolClass, id, ability, 'update', 'SchoolClass');
    assertIfMatch(ifMatch, await this.describe(schoolClass));
    const errors: FieldError[] = [];
    const teacher = await this.resolveClassTeacher(
      schoolClass.schoolId,
      changes.classTeacherId,
      errors,
    );
    if (errors.length > 0) throw ProblemException.invalid(errors);
    if (changes.letter !== undefined && changes.letter !== schoolClass.letter) {
      const year = await this.em.findOneOrFail(AcademicYear, schoolClass.academicYearId);
      await this.assertNameFree(year, schoolClass.grade, changes.letter);
      schoolClass.letter = changes.letter;
    }
    if (teacher !== undefined) schoolClass.classTeacher = teacher;
    await this.em.flush();
    return this.describe(schoolClass);
  }

  /** Only a class nobody was ever enrolled in: a class with history is kept for the records. */
  async remove(ability: AppAbility, id: string): Promise<void> {
    const schoolClass = await this.getVisibleClass(ability, id);
    await assertAllowed(this.em, SchoolClass, id, ability, 'delete', 'SchoolClass');
    const enrolled = await this.em.count(Enrollment, { schoolClass: id });
    const moved = await this.em.count(Movement, { $or: [{ fromClass: id }, { toClass: id }] });
    if (enrolled + moved > 0) {
      throw ProblemException.conflict(
        ErrorCode.conflict,
        `Class ${className(schoolClass)} has enrollments; only a class nobody was ever enrolled in can be deleted.`,
      );
    }
    this.em.remove(schoolClass);
    await this.em.flush();
  }

  /**
   * The classes these staff cards lead in an academic year running on `date`, by name: what a
   * class teacher leads now, not the classes of past years.
   */
  async ledBy(staffIds: string[], date: string): Promise<SchoolClass[]> {
    if (staffIds.length === 0) return [];
    const led = await this.em.find(SchoolClass, { classTeacher: { $in: staffIds } });
    const running = await this.runningOn(led, date);
    return running.sort((a, b) => a.grade - b.grade || a.letter.localeCompare(b.letter, 'ru'));
  }

  /** Those of the classes whose academic year runs on `date`. */
  async runningOn(classes: SchoolClass[], date: string): Promise<SchoolClass[]> {
    if (classes.length === 0) return [];
    const years = await this.em.find(
      AcademicYear,
      {
        id: { $in: [...new Set(classes.map((c) => c.academicYearId))] },
        startsOn: { $lte: date },
        endsOn: { $gte: date },
      },
      { fields: ['id'] },
    );
    const running = new Set(years.map((year) => year.id));
    return classes.filter((c) => running.has(c.academicYearId));
  }

  /** A class the caller may read (as a SchoolClass), with its class teacher; 404 otherwise. */
  async getVisibleClass(ability: AppAbility, id: string): Promise<SchoolClass> {
    return findVisible(this.em, SchoolClass, id, ability, 'SchoolClass', {
      populate: ['classTeacher'],
    });
  }

  /**
   * Students enrolled in the class on `on` (default: today in the school's time zone),
   * ordered by name.
   */
  async currentStudents(classId: string, on?: string): Promise<Person[]> {
    return this.roster.studentsEnrolledOn(classId, on ?? (await this.todayOfClass(classId)));
  }

  /** Today in the time zone of the class's school. */
  async todayOfClass(classId: string): Promise<string> {
    const schoolClass = await this.em.findOneOrFail(SchoolClass, classId);
    return this.schoolToday.todayOf(schoolClass.schoolId);
  }

  private async describe(schoolClass: SchoolClass): Promise<SchoolClassDto> {
    const counts = await this.countStudents(schoolClass.schoolId, [schoolClass]);
    await this.em.populate(schoolClass, ['classTeacher']);
    return SchoolClassDto.from(schoolClass, counts.get(schoolClass.id) ?? 0);
  }

  /** Students enrolled today, per class (classes of one school). */
  private async countStudents(
    schoolId: string,
    classes: SchoolClass[],
  ): Promise<Map<string, number>> {
    if (classes.length === 0) return new Map();
    const today = await this.schoolToday.todayOf(schoolId);
    const rows = await this.em
      .createQueryBuilder(Enrollment, 'e')
      .select(['e.schoolClass', raw('count(distinct e.student_id)::int as students')])
      .where({ $and: [{ schoolClass: { $in: classes.map((c) => c.id) } }, enrolledOn(today)] })
      .groupBy('e.schoolClass')
      .execute<{ class_id: string; students: number }[]>('all', false);
    return new Map(rows.map((row) => [row.class_id, Number(row.students)]));
  }

  /**
   * The staff member to set as class teacher: undefined when not given, null to remove.
   * A person who is not staff of the school is a field error.
   */
  private async resolveClassTeacher(
    schoolId: string,
    personId: string | null | undefined,
    errors: FieldError[],
  ): Promise<Person | null | undefined> {
    if (personId === undefined || personId === null) return personId;
    const person = await this.em.findOne(Person, { id: personId, schoolId, kind: 'staff' });
    if (!person) {
      errors.push({
        field: 'classTeacherId',
        messages: ['classTeacherId must be a member of staff of this school'],
      });
    }
    return person ?? undefined;
  }

  private async assertNameFree(year: AcademicYear, grade: number, letter: string): Promise<void> {
    const taken = await this.em.count(SchoolClass, { academicYearId: year.id, grade, letter });
    if (taken > 0) {
      throw ProblemException.conflict(
        ErrorCode.alreadyExists,
        `Class ${className({ grade, letter })} already exists in ${year.name}.`,
      );
    }
  }
}

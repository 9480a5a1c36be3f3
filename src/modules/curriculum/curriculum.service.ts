import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { subject } from '@casl/ability';
import { ProblemException, type FieldError } from '../../core/http/problem';
import type { AppAbility } from '../../core/policy/subjects';
import { auditInSchool } from '../../core/request-context/call-context';
import { AcademicYear } from '../academic-years/entities/academic-year.entity';
import { Subject } from '../reference-data/entities/subject.entity';
import {
  CurriculumLineDto,
  type CurriculumDto,
  type ReplaceCurriculumDto,
} from './dto/curriculum.dto';
import { CurriculumLine } from './entities/curriculum-line.entity';

/** The curriculum (учебный план, O5): weekly hours of each subject per grade of a year. */
@Injectable()
export class CurriculumService {
  constructor(private readonly em: EntityManager) {}

  async list(ability: AppAbility, yearId: string, grade?: number): Promise<CurriculumDto> {
    const year = await this.visibleYear(ability, yearId);
    return this.lines(year.id, grade);
  }

  /** Replaces a grade's lines as a whole: kept subjects are updated in place, others added or removed. */
  async replace(
    ability: AppAbility,
    yearId: string,
    grade: number,
    input: ReplaceCurriculumDto,
  ): Promise<CurriculumDto> {
    const year = await this.visibleYear(ability, yearId);
    if (!ability.can('update', subject('Curriculum', { schoolId: year.schoolId }))) {
      throw ProblemException.forbidden('You may not change this school’s curriculum.');
    }
    const subjects = await this.checkSubjects(year.schoolId, input);
    // Updated in place by subject (not deleted and re-inserted): the unique (year, grade,
    // subject) index never sees two rows at once, and the audit trail shows real changes.
    const current = new Map(
      (await this.em.find(CurriculumLine, { academicYearId: year.id, grade })).map((line) => [
        line.subject.id,
        line,
      ]),
    );
    for (const wanted of input.lines) {
      const existing = current.get(wanted.subjectId);
      if (existing) {
        current.delete(wanted.subjectId);
        if (existing.hoursPerWeek !== wanted.hoursPerWeek)
          existing.hoursPerWeek = wanted.hoursPerWeek;
      } else {
        this.em.create(CurriculumLine, {
          schoolId: year.schoolId,
          academicYearId: year.id,
          grade,
          subject: subjects.get(wanted.subjectId)!,
          hoursPerWeek: wanted.hoursPerWeek,
        });
      }
    }
    for (const gone of current.values()) this.em.remove(gone);
    auditInSchool(year.schoolId);
    await this.em.flush();
    return this.lines(year.id, grade);
  }

  /** Each line's subject must be a current subject of the school, and appear once. */
  private async checkSubjects(
    schoolId: string,
    input: ReplaceCurriculumDto,
  ): Promise<Map<string, Subject>> {
    const ids = [...new Set(input.lines.map((line) => line.subjectId))];
    const found = ids.length
      ? await this.em.find(Subject, { id: { $in: ids }, schoolId, archived: false })
      : [];
    const subjects = new Map(found.map((s) => [s.id, s]));
    const errors: FieldError[] = [];
    const firstAt = new Map<string, number>();
    input.lines.forEach((line, index) => {
      const field = `lines[${index}].subjectId`;
      const earlier = firstAt.get(line.subjectId);
      if (!subjects.has(line.subjectId)) {
        errors.push({ field, messages: ['no such current subject in this school'] });
      } else if (earlier !== undefined) {
        errors.push({ field, messages: [`the subject is already in lines[${earlier}]`] });
      } else {
        firstAt.set(line.subjectId, index);
      }
    });
    if (errors.length) throw ProblemException.invalid(errors);
    return subjects;
  }

  private async lines(academicYearId: string, grade?: number): Promise<CurriculumDto> {
    const lines = await this.em.find(
      CurriculumLine,
      { academicYearId, ...(grade === undefined ? {} : { grade }) },
      { populate: ['subject'] },
    );
    lines.sort(
      (a, b) =>
        a.grade - b.grade ||
        a.subject.name.localeCompare(b.subject.name, 'ru') ||
        a.id.localeCompare(b.id),
    );
    return { items: lines.map((line) => CurriculumLineDto.from(line)) };
  }

  /** A year of a school whose curriculum the caller may read; 404 otherwise. */
  private async visibleYear(ability: AppAbility, id: string): Promise<AcademicYear> {
    const year = await this.em.findOne(AcademicYear, id);
    if (!year || !ability.can('read', subject('Curriculum', { schoolId: year.schoolId }))) {
      throw ProblemException.notFound(`Academic year ${id}`);
    }
    return year;
  }
}

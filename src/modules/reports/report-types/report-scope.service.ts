import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../../core/auth/actor';
import { FieldErrors } from '../../../core/http/field-errors';
import { ProblemException } from '../../../core/http/problem';
import { School } from '../../../core/tenancy/entities/school.entity';
import { AcademicYear } from '../../academic-years/entities/academic-year.entity';
import type { StudyPeriod } from '../../academic-years/entities/study-period.entity';
import { StudyPeriodsService } from '../../academic-years/study-periods.service';
import { className } from '../../classes/class-name';
import { SchoolClass } from '../../classes/entities/school-class.entity';
import { Person } from '../../people/entities/person.entity';
import { SchoolTodayService } from '../../../core/clock/school-today.service';
import type { ReportParamsDto } from '../dto/request-report.dto';
import type { ReportParams } from '../entities/report.entity';
import type { ResolvedReport } from './report-definition';

/** A range of days, both included. */
export interface DayRange {
  from: string;
  to: string;
}

/**
 * Finds what a report request names — a class, a study period, a year, a school — and says
 * what is wrong with it: 404 for a class that is not there, 400 naming the field for a period
 * or year that does not belong to it. Nothing is queued until all of it holds.
 */
@Injectable()
export class ReportScopeService {
  constructor(
    private readonly em: EntityManager,
    private readonly studyPeriods: StudyPeriodsService,
    private readonly schoolToday: SchoolTodayService,
  ) {}

  async classOf(classId: string): Promise<SchoolClass> {
    const found = await this.em.findOne(SchoolClass, classId);
    if (!found) throw ProblemException.notFound(`Class ${classId}`);
    return found;
  }

  /**
   * A report about a class over one of its study periods (R2–R4, R12): `classId` and
   * `studyPeriodId` checked, the file named `<title> 7А, 1 четверть`. With `asOfToday` the
   * school's today is a parameter too: a period under way is reported up to it, and the same
   * request another day is another report.
   */
  async classPeriodReport(
    params: ReportParamsDto,
    title: string,
    asOfToday: boolean,
  ): Promise<ResolvedReport> {
    const schoolClass = await this.classOf(params.classId!);
    const period = await this.periodOf(schoolClass, params.studyPeriodId!);
    const resolved: ReportParams = { classId: schoolClass.id, studyPeriodId: period.id };
    if (asOfToday) resolved.day = await this.schoolToday.todayOf(schoolClass.schoolId);
    return {
      target: { schoolId: schoolClass.schoolId, classId: schoolClass.id, studentId: null },
      params: resolved,
      fileTitle: `${title} ${className(schoolClass)}, ${period.name}`,
    };
  }

  /** A student card (404 for any other id). */
  async studentOf(studentId: string): Promise<Person> {
    const student = await this.em.findOne(Person, { id: studentId, kind: 'student' });
    if (!student) throw ProblemException.notFound(`Student ${studentId}`);
    return student;
  }

  async periodOf(schoolClass: SchoolClass, studyPeriodId: string): Promise<StudyPeriod> {
    const period = await this.studyPeriods.periodOfGrade(
      schoolClass.academicYearId,
      schoolClass.grade,
      studyPeriodId,
    );
    if (!period) {
      throw invalid(
        'studyPeriodId',
        `studyPeriodId must be a study period of grade ${schoolClass.grade} in the academic year of class ${className(schoolClass)}`,
      );
    }
    return period;
  }

  async yearOf(schoolClass: SchoolClass): Promise<AcademicYear> {
    return this.em.findOneOrFail(AcademicYear, schoolClass.academicYearId);
  }

  /** A year of the given school, or 400 on `academicYearId`. */
  async schoolYear(schoolId: string, academicYearId: string): Promise<AcademicYear> {
    const year = await this.em.findOne(AcademicYear, { id: academicYearId, schoolId });
    if (!year)
      throw invalid('academicYearId', 'academicYearId must be an academic year of the school');
    return year;
  }

  /**
   * The school of a school-wide report: the one named, else the caller's only school. A school
   * the caller has no role in is not there for them (404).
   */
  async schoolOf(actor: Actor, schoolId: string | undefined): Promise<School> {
    const schools = [...new Set(actor.grants.map((grant) => grant.schoolId).filter(isId))];
    const id = schoolId ?? (schools.length === 1 ? schools[0] : undefined);
    if (!id) {
      throw invalid('schoolId', 'schoolId is required: you have roles in several schools, or none');
    }
    const school = schools.includes(id) ? await this.em.findOne(School, id) : null;
    if (!school) throw ProblemException.notFound(`School ${id}`);
    return school;
  }

  /**
   * The days of a school-wide report: `from`…`to`, else the academic year named, else 400
   * (a school has several years; none is assumed).
   */
  async schoolRange(
    schoolId: string,
    params: { from?: string; to?: string; academicYearId?: string },
  ): Promise<DayRange> {
    const range = this.rangeOf(params);
    if (range) return range;
    if (!params.academicYearId) {
      throw invalid('academicYearId', 'give academicYearId, or from and to, for the whole school');
    }
    const year = await this.schoolYear(schoolId, params.academicYearId);
    return { from: year.startsOn, to: year.endsOn };
  }

  /** `from`…`to` when both are given (400 when `from` is after `to`), else null. */
  rangeOf(params: { from?: string; to?: string }): DayRange | null {
    const errors = new FieldErrors();
    if (params.from && !params.to) errors.add('params.to', 'to is required with from');
    if (params.to && !params.from) errors.add('params.from', 'from is required with to');
    if (params.from && params.to && params.from > params.to) {
      errors.add('params.from', `from (${params.from}) must not be after to (${params.to})`);
    }
    errors.throwIfAny();
    return params.from && params.to ? { from: params.from, to: params.to } : null;
  }
}

const isId = (value: string | null | undefined): value is string => !!value;

export function invalid(param: string, message: string): ProblemException {
  return ProblemException.invalid([{ field: `params.${param}`, messages: [message] }]);
}

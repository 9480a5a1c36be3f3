import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { subject } from '@casl/ability';
import type { Actor } from '../../core/auth/actor';
import { Clock } from '../../core/clock/clock';
import { assertIfMatch } from '../../core/http/conditional-requests';
import { ErrorCode } from '../../core/http/error-codes';
import { ProblemException } from '../../core/http/problem';
import { accessibleWhere } from '../../core/policy/accessible-where';
import { findVisible } from '../../core/policy/scoped-find';
import type { AppAbility } from '../../core/policy/subjects';
import { callContext } from '../../core/request-context/call-context';
import { FieldErrors } from '../../core/http/field-errors';
import { checkSpan } from './calendar-rules';
import { GradeCalendar, restsOn } from './grade-calendar';
import {
  StudyPeriodDto,
  type FindStudyPeriodsQueryDto,
  type StudyPeriodListDto,
  type UpdateStudyPeriodDto,
} from './dto/study-period.dto';
import { AcademicYear } from './entities/academic-year.entity';
import { Holiday } from './entities/holiday.entity';
import { PeriodScheme } from './entities/period-scheme.entity';
import { StudyPeriod } from './entities/study-period.entity';

/**
 * Study periods: which one a date falls in, changing their dates, closing and reopening them
 * (J5). `findPeriod`, `isLocked`, `calendarOf`, `periodsByGrade` and `periodOfGrade` are for
 * other modules (timetable, grades, the journal); they see every school.
 */
@Injectable()
export class StudyPeriodsService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async list(
    ability: AppAbility,
    schoolId: string,
    query: FindStudyPeriodsQueryDto,
  ): Promise<StudyPeriodListDto> {
    const filters: FilterQuery<StudyPeriod>[] = [
      { schoolId },
      accessibleWhere<StudyPeriod>(ability, 'read', 'StudyPeriod'),
    ];
    if (query.academicYearId) filters.push({ academicYearId: query.academicYearId });
    if (query.on) filters.push({ startsOn: { $lte: query.on }, endsOn: { $gte: query.on } });
    if (query.grade !== undefined) {
      filters.push({ schemeId: { $in: await this.schemesOfGrade(schoolId, query.grade) } });
    }
    const periods = await this.em.find(
      StudyPeriod,
      { $and: filters },
      { orderBy: { startsOn: 'asc', ordinal: 'asc' } },
    );
    return { items: periods.map(StudyPeriodDto.from) };
  }

  /** Renames or moves an open period, within its year and between its neighbours. */
  async update(
    ability: AppAbility,
    id: string,
    changes: UpdateStudyPeriodDto,
    ifMatch?: string,
  ): Promise<StudyPeriodDto> {
    const period = await this.loadForChange(ability, id);
    assertIfMatch(ifMatch, StudyPeriodDto.from(period));
    if (period.closedAt) {
      throw ProblemException.conflict(
        ErrorCode.periodClosed,
        `«${period.name}» is closed: reopen it before changing it.`,
      );
    }
    const wanted = {
      name: changes.name ?? period.name,
      startsOn: changes.startsOn ?? period.startsOn,
      endsOn: changes.endsOn ?? period.endsOn,
    };
    const year = await this.em.findOneOrFail(AcademicYear, period.academicYearId);
    const siblings = await this.em.find(
      StudyPeriod,
      { schemeId: period.schemeId },
      { orderBy: { ordinal: 'asc' } },
    );
    const errors = new FieldErrors();
    checkSpan(errors, '', wanted, year);
    const index = siblings.findIndex((other) => other.id === period.id);
    const [previous, next] = [siblings[index - 1], siblings[index + 1]];
    const rule = 'periods are in order and do not overlap';
    if (previous && wanted.startsOn <= previous.endsOn) {
      errors.add(
        'startsOn',
        `must be after the end of «${previous.name}» (${previous.endsOn}): ${rule}`,
      );
    }
    if (next && wanted.endsOn >= next.startsOn) {
      errors.add(
        'endsOn',
        `must be before the start of «${next.name}» (${next.startsOn}): ${rule}`,
      );
    }
    if (errors.list.length) throw ProblemException.invalid(errors.list);
    this.em.assign(period, wanted);
    await this.em.flush();
    return StudyPeriodDto.from(period);
  }

  /** Locks the marks and absences of the period's dates for the grades of its scheme. */
  async close(
    ability: AppAbility,
    actor: Actor,
    id: string,
    reason?: string,
  ): Promise<StudyPeriodDto> {
    const period = await this.loadForChange(ability, id);
    if (period.closedAt) {
      throw ProblemException.conflict(ErrorCode.conflict, `«${period.name}» is already closed.`);
    }
    period.closedAt = this.clock.now();
    period.closedBy = actor.accountId;
    period.stateReason = reason ?? null;
    return this.saveStateChange(period, reason);
  }

  async reopen(ability: AppAbility, id: string, reason: string): Promise<StudyPeriodDto> {
    const period = await this.loadForChange(ability, id);
    if (!period.closedAt) {
      throw ProblemException.conflict(ErrorCode.conflict, `«${period.name}» is not closed.`);
    }
    period.closedAt = null;
    period.closedBy = null;
    period.stateReason = reason;
    return this.saveStateChange(period, reason);
  }

  /**
   * The period a school day belongs to for a grade, or null when the date is outside every
   * period or in a holiday of that grade (no lessons that day).
   */
  async findPeriod(schoolId: string, grade: number, date: string): Promise<StudyPeriod | null> {
    const period = await this.periodContaining(schoolId, grade, date);
    if (!period) return null;
    const holidays = await this.em.find(Holiday, {
      academicYearId: period.academicYearId,
      startsOn: { $lte: date },
      endsOn: { $gte: date },
    });
    const resting = holidays.some((h) => restsOn(h, grade));
    return resting ? null : period;
  }

  /** The periods and holidays of a grade in an academic year. */
  async calendarOf(academicYearId: string, grade: number): Promise<GradeCalendar> {
    const periods = (await this.periodsByGrade(academicYearId))(grade);
    const holidays = await this.em.find(Holiday, { academicYearId });
    return new GradeCalendar(
      periods,
      holidays.filter((h) => restsOn(h, grade)),
    );
  }

  /** The study periods of a year, by grade (the scheme the grade follows), in date order. */
  async periodsByGrade(academicYearId: string): Promise<(grade: number) => StudyPeriod[]> {
    const schemes = await this.em.find(PeriodScheme, { academicYearId });
    const periods = await this.em.find(
      StudyPeriod,
      { academicYearId },
      { orderBy: { startsOn: 'asc', ordinal: 'asc' } },
    );
    return (grade) => {
      const ofGrade = new Set(schemes.filter((s) => s.grades.includes(grade)).map((s) => s.id));
      return periods.filter((p) => ofGrade.has(p.schemeId));
    };
  }

  /** The study period `id` if it is one of `grade`'s in the academic year, else null. */
  async periodOfGrade(
    academicYearId: string,
    grade: number,
    id: string,
  ): Promise<StudyPeriod | null> {
    const period = await this.em.findOne(StudyPeriod, { id, academicYearId });
    const scheme = period ? await this.em.findOne(PeriodScheme, period.schemeId) : null;
    return period && scheme?.grades.includes(grade) ? period : null;
  }

  /** Whether marks and absences of this grade on this date are locked by a closed period. */
  async isLocked(schoolId: string, grade: number, date: string): Promise<boolean> {
    const period = await this.periodContaining(schoolId, grade, date);
    return period?.closedAt != null;
  }

  /** 409 `period.closed` when lessons of this grade on this date are locked. */
  async assertLessonsOpen(schoolId: string, grade: number, date: string): Promise<void> {
    if (await this.isLocked(schoolId, grade, date)) {
      throw ProblemException.conflict(
        ErrorCode.periodClosed,
        `The study period of ${date} is closed for grade ${grade}: its lessons are locked.`,
      );
    }
  }

  private async periodContaining(
    schoolId: string,
    grade: number,
    date: string,
  ): Promise<StudyPeriod | null> {
    const schemes = await this.schemesOfGrade(schoolId, grade);
    if (!schemes.length) return null;
    return this.em.findOne(
      StudyPeriod,
      { schemeId: { $in: schemes }, startsOn: { $lte: date }, endsOn: { $gte: date } },
      { orderBy: { startsOn: 'asc' } },
    );
  }

  /** Ids of the school's schemes (of every year) that include the grade. */
  private async schemesOfGrade(schoolId: string, grade: number): Promise<string[]> {
    const schemes = await this.em.find(PeriodScheme, { schoolId });
    return schemes.filter((scheme) => scheme.grades.includes(grade)).map((scheme) => scheme.id);
  }

  private async loadForChange(ability: AppAbility, id: string): Promise<StudyPeriod> {
    const period = await findVisible(this.em, StudyPeriod, id, ability, 'StudyPeriod');
    if (!ability.can('update', subject('StudyPeriod', { schoolId: period.schoolId }))) {
      throw ProblemException.forbidden('You may not change this school’s calendar.');
    }
    return period;
  }

  private async saveStateChange(period: StudyPeriod, reason?: string): Promise<StudyPeriodDto> {
    const context = callContext.current();
    if (context && reason) context.reason = reason;
    await this.em.flush();
    return StudyPeriodDto.from(period);
  }
}

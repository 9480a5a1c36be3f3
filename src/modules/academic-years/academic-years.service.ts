import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { subject } from '@casl/ability';
import { assertIfMatch } from '../../core/http/conditional-requests';
import { ErrorCode } from '../../core/http/error-codes';
import { ProblemException } from '../../core/http/problem';
import { accessibleWhere } from '../../core/policy/accessible-where';
import { findVisible } from '../../core/policy/scoped-find';
import type { AppAbility } from '../../core/policy/subjects';
import { assertSchoolAllows } from '../../core/policy/school-access';
import { FieldErrors } from '../../core/http/field-errors';
import { calendarErrors, checkSpan } from './calendar-rules';
import { defaultCalendar } from './default-calendar';
import {
  AcademicYearSummaryDto,
  type AcademicYearDto,
  type AcademicYearListDto,
  type CreateAcademicYearDto,
  type UpdateAcademicYearDto,
} from './dto/academic-year.dto';
import { HolidayDto, type NewHolidayDto } from './dto/holiday.dto';
import { PeriodSchemeDto } from './dto/study-period.dto';
import { AcademicYear } from './entities/academic-year.entity';
import { Holiday } from './entities/holiday.entity';
import { PeriodScheme } from './entities/period-scheme.entity';
import { StudyPeriod } from './entities/study-period.entity';

/** Academic years with their period schemes and holidays (O2). */
@Injectable()
export class AcademicYearsService {
  constructor(private readonly em: EntityManager) {}

  async list(ability: AppAbility, schoolId: string): Promise<AcademicYearListDto> {
    const years = await this.em.find(
      AcademicYear,
      { $and: [{ schoolId }, accessibleWhere<AcademicYear>(ability, 'read', 'StudyPeriod')] },
      { orderBy: { startsOn: 'desc' } },
    );
    return { items: years.map(AcademicYearSummaryDto.from) };
  }

  async get(ability: AppAbility, id: string): Promise<AcademicYearDto> {
    return this.describe(await findVisible(this.em, AcademicYear, id, ability, 'StudyPeriod'));
  }

  /** A year with its schemes and holidays; the usual Russian calendar for what is omitted. */
  async create(
    ability: AppAbility,
    schoolId: string,
    input: CreateAcademicYearDto,
  ): Promise<AcademicYearDto> {
    assertSchoolAllows(ability, 'create', 'StudyPeriod', schoolId);
    const defaults =
      input.endsOn > input.startsOn && (!input.schemes || !input.holidays)
        ? defaultCalendar(input)
        : { schemes: [], holidays: [] };
    const schemes = input.schemes ?? defaults.schemes;
    const holidays = input.holidays ?? defaults.holidays;
    const errors = calendarErrors(input, schemes, holidays);
    if (errors.length) throw ProblemException.invalid(errors);
    await this.assertNameFree(schoolId, input.name);

    const year = this.em.create(AcademicYear, {
      schoolId,
      name: input.name,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
    });
    for (const given of schemes) {
      const scheme = this.em.create(PeriodScheme, {
        schoolId,
        academicYearId: year.id,
        name: given.name,
        grades: given.grades,
      });
      given.periods.forEach((period, index) =>
        this.em.create(StudyPeriod, {
          schoolId,
          academicYearId: year.id,
          schemeId: scheme.id,
          ordinal: index + 1,
          name: period.name,
          startsOn: period.startsOn,
          endsOn: period.endsOn,
        }),
      );
    }
    for (const holiday of holidays) this.createHoliday(year, holiday);
    await this.em.flush();
    return this.describe(year);
  }

  async update(
    ability: AppAbility,
    id: string,
    changes: UpdateAcademicYearDto,
    ifMatch?: string,
  ): Promise<AcademicYearDto> {
    const year = await this.loadForChange(ability, id, 'update');
    assertIfMatch(ifMatch, await this.describe(year));
    if (changes.name !== undefined && changes.name !== year.name) {
      await this.assertNameFree(year.schoolId, changes.name);
      year.name = changes.name;
    }
    await this.em.flush();
    return this.describe(year);
  }

  async addHoliday(ability: AppAbility, yearId: string, input: NewHolidayDto): Promise<HolidayDto> {
    const year = await this.loadForChange(ability, yearId, 'create');
    const errors = new FieldErrors();
    checkSpan(errors, '', input, year);
    if (errors.list.length) throw ProblemException.invalid(errors.list);
    const holiday = this.createHoliday(year, input);
    await this.em.flush();
    return HolidayDto.from(holiday);
  }

  async removeHoliday(ability: AppAbility, id: string): Promise<void> {
    const holiday = await findVisible(this.em, Holiday, id, ability, 'StudyPeriod');
    if (!ability.can('delete', subject('StudyPeriod', { schoolId: holiday.schoolId }))) {
      throw ProblemException.forbidden('You may not change this school’s calendar.');
    }
    this.em.remove(holiday);
    await this.em.flush();
  }

  private createHoliday(year: AcademicYear, input: NewHolidayDto): Holiday {
    return this.em.create(Holiday, {
      schoolId: year.schoolId,
      academicYearId: year.id,
      name: input.name,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      grades: input.grades ?? null,
    });
  }

  private async loadForChange(
    ability: AppAbility,
    id: string,
    action: 'create' | 'update',
  ): Promise<AcademicYear> {
    const year = await findVisible(this.em, AcademicYear, id, ability, 'StudyPeriod');
    if (!ability.can(action, subject('StudyPeriod', { schoolId: year.schoolId }))) {
      throw ProblemException.forbidden('You may not change this school’s calendar.');
    }
    return year;
  }

  private async assertNameFree(schoolId: string, name: string): Promise<void> {
    if (await this.em.count(AcademicYear, { schoolId, name })) {
      throw ProblemException.conflict(
        ErrorCode.alreadyExists,
        `The academic year «${name}» already exists in this school.`,
      );
    }
  }

  private async describe(year: AcademicYear): Promise<AcademicYearDto> {
    const where = { academicYearId: year.id };
    const schemes = await this.em.find(PeriodScheme, where);
    const periods = await this.em.find(StudyPeriod, where, { orderBy: { ordinal: 'asc' } });
    const holidays = await this.em.find(Holiday, where, {
      orderBy: { startsOn: 'asc', name: 'asc' },
    });
    return {
      ...AcademicYearSummaryDto.from(year),
      schemes: schemes
        .sort((a, b) => Math.min(...a.grades) - Math.min(...b.grades))
        .map((scheme) =>
          PeriodSchemeDto.from(
            scheme,
            periods.filter((period) => period.schemeId === scheme.id),
          ),
        ),
      holidays: holidays.map(HolidayDto.from),
    };
  }
}

import { Injectable } from '@nestjs/common';
import type { Actor } from '../../../core/auth/actor';
import { SchoolTodayService } from '../../../core/clock/school-today.service';
import { School } from '../../../core/tenancy/entities/school.entity';
import { className } from '../../classes/class-name';
import type { ReportParamsDto } from '../dto/request-report.dto';
import type { ReportParams } from '../entities/report.entity';
import type { ReportDocument } from '../render/report-document';
import type { BuildContext, ReportDefinition, ResolvedReport } from './report-definition';
import { builtLine } from './report-headings';
import { ReportScopeService } from './report-scope.service';
import { REPORT_SPECS } from './report-type-names';
import { russianDate } from './russian-dates';
import { USAGE_BY_CLASS_SQL } from './school-activity.sql';
import { percentOf } from './report-figures';

/** Seen within this many days counts as using the journal (as the authority's indicator). */
export const ACTIVE_WITHIN_DAYS = 14;
const DAY_MS = 24 * 3600 * 1000;

interface Activity {
  people: number;
  withAccount: number;
  active: number;
}

/**
 * R9, usage by students and parents (P8): per class, how many of its students and of their
 * parents have an account and how many were seen in the last 14 days. As of the day it is
 * asked for: the day is one of its parameters, so a repeat the same day reuses the file.
 */
@Injectable()
export class UsageReport implements ReportDefinition {
  readonly type = 'usage' as const;

  constructor(
    private readonly scope: ReportScopeService,
    private readonly schoolToday: SchoolTodayService,
  ) {}

  async resolve(params: ReportParamsDto, actor: Actor): Promise<ResolvedReport> {
    if (params.classId) {
      const schoolClass = await this.scope.classOf(params.classId);
      const day = await this.schoolToday.todayOf(schoolClass.schoolId);
      return {
        target: { schoolId: schoolClass.schoolId, classId: schoolClass.id, studentId: null },
        params: { schoolId: schoolClass.schoolId, classId: schoolClass.id, day },
        fileTitle: `Использование журнала ${className(schoolClass)} на ${russianDate(day)}`,
      };
    }
    const school = await this.scope.schoolOf(actor, params.schoolId);
    const day = await this.schoolToday.todayOf(school.id);
    return {
      target: { schoolId: school.id, classId: null, studentId: null },
      params: { schoolId: school.id, day },
      fileTitle: `Использование журнала на ${russianDate(day)}`,
    };
  }

  async build(params: ReportParams, { em, builtAt }: BuildContext): Promise<ReportDocument> {
    const school = await em.findOneOrFail(School, params.schoolId as string);
    const since = new Date(builtAt.getTime() - ACTIVE_WITHIN_DAYS * DAY_MS);
    const rows = await em
      .getConnection()
      .execute<{ grade: number; letter: string; activity: Record<string, Activity> }[]>(
        USAGE_BY_CLASS_SQL,
        [school.id, params.classId ?? null, params.day, since],
      );
    const none: Activity = { people: 0, withAccount: 0, active: 0 };
    const cells = (prefix: string, activity: Activity) => ({
      [prefix]: activity.people,
      [`${prefix}WithAccount`]: activity.withAccount,
      [`${prefix}Active`]: activity.active,
      [`${prefix}ActiveRate`]: percentOf(activity.active, activity.people),
    });
    const sum = (kind: string) =>
      rows.reduce(
        (total, row) => {
          const activity = row.activity[kind] ?? none;
          return {
            people: total.people + activity.people,
            withAccount: total.withAccount + activity.withAccount,
            active: total.active + activity.active,
          };
        },
        { ...none },
      );
    const columns = (prefix: string, who: string) =>
      [
        { key: prefix, title: who, kind: 'number' },
        { key: `${prefix}WithAccount`, title: 'с учётной записью', kind: 'number' },
        { key: `${prefix}Active`, title: `заходили за ${ACTIVE_WITHIN_DAYS} дней`, kind: 'number' },
        { key: `${prefix}ActiveRate`, title: 'доля заходивших, %', kind: 'percent' },
      ] as const;
    return {
      title: REPORT_SPECS[this.type].title,
      subtitle: [
        school.name,
        `На ${russianDate(params.day as string)}`,
        builtLine(builtAt, school),
      ],
      tables: [
        {
          columns: [
            { key: 'class', title: 'Класс', kind: 'text' },
            ...columns('students', 'Учащихся'),
            ...columns('parents', 'Родителей'),
          ],
          rows: rows.map((row) => ({
            class: className(row),
            ...cells('students', row.activity.student ?? none),
            ...cells('parents', row.activity.parent ?? none),
          })),
          totals: {
            class: params.classId ? 'Итого' : 'По школе',
            ...cells('students', sum('student')),
            ...cells('parents', sum('parent')),
          },
        },
      ],
      notes: [
        `Заходившие — учётные записи, которые входили в журнал за последние ${ACTIVE_WITHIN_DAYS} дней (вход или обновление сеанса).`,
      ],
    };
  }
}

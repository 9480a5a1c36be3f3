import { Injectable } from '@nestjs/common';
import type { Actor } from '../../../core/auth/actor';
import { addDays, mondayOf } from '../../../core/calendar/date-only';
import { School } from '../../../core/tenancy/entities/school.entity';
import { className } from '../../classes/class-name';
import type { ReportParamsDto } from '../dto/request-report.dto';
import type { ReportParams } from '../entities/report.entity';
import type { ReportDocument } from '../render/report-document';
import { sumTallies, tallyOf } from './absence-tally';
import type { BuildContext, ReportDefinition, ResolvedReport } from './report-definition';
import { builtLine } from './report-headings';
import { invalid, ReportScopeService } from './report-scope.service';
import { REPORT_SPECS } from './report-type-names';
import { russianDate, russianRange } from './russian-dates';
import { ATTENDANCE_WEEK_SQL } from './school-activity.sql';
import { percentOf } from './report-figures';

interface WeekRow {
  grade: number;
  letter: string;
  lessons: number;
  taken: number;
  absences: Record<string, number>;
  reconciled_at: string | null;
}

/**
 * R13, the weekly attendance control (seed 003 §5.2.3): per class for one week (Monday to
 * Sunday), lessons held and those whose attendance was taken, lessons missed by reason, and
 * whether the class teacher reconciled the week.
 */
@Injectable()
export class AttendanceWeeklyReport implements ReportDefinition {
  readonly type = 'attendance-weekly' as const;

  constructor(private readonly scope: ReportScopeService) {}

  async resolve(params: ReportParamsDto, actor: Actor): Promise<ResolvedReport> {
    const week = mondayOf(params.week!);
    const range = russianRange(week, addDays(week, 6));
    if (params.classId) {
      if (params.schoolId) throw invalid('schoolId', 'schoolId is not taken with classId');
      const schoolClass = await this.scope.classOf(params.classId);
      return {
        target: { schoolId: schoolClass.schoolId, classId: schoolClass.id, studentId: null },
        params: { schoolId: schoolClass.schoolId, classId: schoolClass.id, week },
        fileTitle: `Контроль посещаемости ${className(schoolClass)} ${range}`,
      };
    }
    const school = await this.scope.schoolOf(actor, params.schoolId);
    return {
      target: { schoolId: school.id, classId: null, studentId: null },
      params: { schoolId: school.id, week },
      fileTitle: `Контроль посещаемости ${range}`,
    };
  }

  async build(params: ReportParams, { em, builtAt }: BuildContext): Promise<ReportDocument> {
    const school = await em.findOneOrFail(School, params.schoolId as string);
    const week = params.week as string;
    const rows = await em
      .getConnection()
      .execute<WeekRow[]>(ATTENDANCE_WEEK_SQL, [
        school.id,
        params.classId ?? null,
        week,
        addDays(week, 6),
      ]);
    const tallies = rows.map((row) => tallyOf(row.absences));
    const total = sumTallies(tallies);
    return {
      title: `${REPORT_SPECS[this.type].title}: ${russianRange(week, addDays(week, 6))}`,
      subtitle: [school.name, builtLine(builtAt, school)],
      tables: [
        {
          columns: [
            { key: 'class', title: 'Класс', kind: 'text' },
            { key: 'lessons', title: 'Проведено уроков', kind: 'number' },
            { key: 'taken', title: 'Посещаемость отмечена', kind: 'number' },
            { key: 'takenRate', title: 'Отмечено, %', kind: 'percent' },
            { key: 'missed', title: 'Пропущено уроков', kind: 'number' },
            { key: 'ill', title: 'Б', kind: 'number' },
            { key: 'excused', title: 'У', kind: 'number' },
            { key: 'unexcused', title: 'Н', kind: 'number' },
            { key: 'late', title: 'О', kind: 'number' },
            { key: 'reconciled', title: 'Сверено классным руководителем', kind: 'text' },
          ],
          rows: rows.map((row, index) => ({
            class: className(row),
            lessons: row.lessons,
            taken: row.taken,
            takenRate: percentOf(row.taken, row.lessons),
            missed: tallies[index].missed,
            ill: tallies[index].ill,
            excused: tallies[index].excused,
            unexcused: tallies[index].unexcused,
            late: tallies[index].late,
            reconciled: row.reconciled_at ? 'да' : 'нет',
          })),
          totals: {
            class: params.classId ? 'Итого' : 'По школе',
            lessons: rows.reduce((sum, row) => sum + row.lessons, 0),
            taken: rows.reduce((sum, row) => sum + row.taken, 0),
            takenRate: percentOf(
              rows.reduce((sum, row) => sum + row.taken, 0),
              rows.reduce((sum, row) => sum + row.lessons, 0),
            ),
            missed: total.missed,
            ill: total.ill,
            excused: total.excused,
            unexcused: total.unexcused,
            late: total.late,
            reconciled: `${rows.filter((row) => row.reconciled_at).length} из ${rows.length}`,
          },
        },
      ],
      notes: [`Неделя с понедельника ${russianDate(week)}.`],
    };
  }
}

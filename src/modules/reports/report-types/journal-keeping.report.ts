import { Injectable } from '@nestjs/common';
import type { Actor } from '../../../core/auth/actor';
import { SchoolTodayService } from '../../../core/clock/school-today.service';
import { School } from '../../../core/tenancy/entities/school.entity';
import { fullName } from '../../people/person-name';
import type { ReportParamsDto } from '../dto/request-report.dto';
import type { ReportParams } from '../entities/report.entity';
import type { ReportDocument } from '../render/report-document';
import { JOURNAL_KEEPING_SQL } from './journal-keeping.sql';
import type { BuildContext, ReportDefinition, ResolvedReport } from './report-definition';
import { builtLine } from './report-headings';
import { ReportScopeService } from './report-scope.service';
import { REPORT_SPECS } from './report-type-names';
import { russianDate, russianRange } from './russian-dates';
import { percentOf, perOne } from './report-figures';

interface KeepingRow {
  last_name: string;
  first_name: string;
  middle_name: string | null;
  lessons: number;
  without_topic: number;
  without_attendance: number;
  by_plan: number;
  student_lessons: number;
  marks: number;
  late_marks: number;
}

/**
 * R8, journal-keeping control as a report (seeds 000 and 004, the deputy's duty): per teacher,
 * over the lessons held before today in the range — lessons without a topic, without
 * attendance, marks given late, «накопляемость» (marks per student per lesson) and the share of
 * lessons that follow the thematic plan (КТП). The day is a parameter: the same request
 * another day is another report.
 */
@Injectable()
export class JournalKeepingReport implements ReportDefinition {
  readonly type = 'journal-keeping' as const;

  constructor(
    private readonly scope: ReportScopeService,
    private readonly schoolToday: SchoolTodayService,
  ) {}

  async resolve(params: ReportParamsDto, actor: Actor): Promise<ResolvedReport> {
    const school = await this.scope.schoolOf(actor, params.schoolId);
    const days = await this.scope.schoolRange(school.id, params);
    const day = await this.schoolToday.todayOf(school.id);
    return {
      target: { schoolId: school.id, classId: null, studentId: null },
      params: { schoolId: school.id, ...days, day },
      fileTitle: `Контроль ведения журнала ${russianRange(days.from, days.to)}`,
    };
  }

  async build(params: ReportParams, { em, builtAt }: BuildContext): Promise<ReportDocument> {
    const school = await em.findOneOrFail(School, params.schoolId as string);
    const rows = await em
      .getConnection()
      .execute<KeepingRow[]>(JOURNAL_KEEPING_SQL, [school.id, params.from, params.to, params.day]);
    const cells = (row: Omit<KeepingRow, 'last_name' | 'first_name' | 'middle_name'>) => ({
      lessons: row.lessons,
      withoutTopic: row.without_topic,
      withoutAttendance: row.without_attendance,
      lateMarks: row.late_marks,
      marksPerStudentLesson: perOne(row.marks, row.student_lessons),
      byPlanRate: percentOf(row.by_plan, row.lessons),
    });
    const total = (key: keyof KeepingRow) =>
      rows.reduce((sum, row) => sum + (row[key] as number), 0);
    return {
      title: REPORT_SPECS[this.type].title,
      subtitle: [
        school.name,
        `Период: ${russianRange(params.from as string, params.to as string)}, уроки до ${russianDate(params.day as string)}`,
        builtLine(builtAt, school),
      ],
      tables: [
        {
          columns: [
            { key: 'teacher', title: 'Учитель', kind: 'text' },
            { key: 'lessons', title: 'Проведено уроков', kind: 'number' },
            { key: 'withoutTopic', title: 'Без темы', kind: 'number' },
            { key: 'withoutAttendance', title: 'Без отметки посещаемости', kind: 'number' },
            { key: 'lateMarks', title: 'Оценки выставлены с опозданием', kind: 'number' },
            {
              key: 'marksPerStudentLesson',
              title: 'Накопляемость (оценок на ученика за урок)',
              kind: 'decimal',
            },
            { key: 'byPlanRate', title: 'Уроков по КТП, %', kind: 'percent' },
          ],
          rows: rows.map((row) => ({
            teacher: fullName({
              lastName: row.last_name,
              firstName: row.first_name,
              middleName: row.middle_name,
            }),
            ...cells(row),
          })),
          totals: {
            teacher: 'По школе',
            ...cells({
              lessons: total('lessons'),
              without_topic: total('without_topic'),
              without_attendance: total('without_attendance'),
              by_plan: total('by_plan'),
              student_lessons: total('student_lessons'),
              marks: total('marks'),
              late_marks: total('late_marks'),
            }),
          },
        },
      ],
      notes: [
        'Уроки, проведённые учителем (при замене — заменяющим) до даты отчёта; отменённые не считаются.',
        'Накопляемость — число оценок, делённое на число учеников на уроках учителя.',
      ],
    };
  }
}

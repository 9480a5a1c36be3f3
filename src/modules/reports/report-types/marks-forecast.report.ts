import { Injectable } from '@nestjs/common';
import { StudyPeriod } from '../../academic-years/entities/study-period.entity';
import { RosterService } from '../../classes/roster/roster.service';
import { MarkForecastsService } from '../../journal/control/mark-forecasts.service';
import { fullName } from '../../people/person-name';
import type { ReportParamsDto } from '../dto/request-report.dto';
import type { ReportParams } from '../entities/report.entity';
import type {
  ColumnKind,
  ReportColumn,
  ReportDocument,
  ReportTable,
} from '../render/report-document';
import type { BuildContext, ReportDefinition, ResolvedReport } from './report-definition';
import { builtLine, classHeading } from './report-headings';
import { ReportScopeService } from './report-scope.service';
import { REPORT_SPECS } from './report-type-names';
import { russianDate, russianRange } from './russian-dates';

/**
 * R12, the forecast of period marks: per student and subject, the mark the weighted average
 * of the period's marks suggests so far, and that average — where the class stands before the
 * period ends (the same rule as the journal control's forecast, grades/averages.ts).
 */
@Injectable()
export class MarksForecastReport implements ReportDefinition {
  readonly type = 'marks-forecast' as const;

  constructor(
    private readonly scope: ReportScopeService,
    private readonly roster: RosterService,
    private readonly forecasts: MarkForecastsService,
  ) {}

  resolve(params: ReportParamsDto): Promise<ResolvedReport> {
    return this.scope.classPeriodReport(params, 'Прогноз отметок', true);
  }

  async build(params: ReportParams, { em, builtAt }: BuildContext): Promise<ReportDocument> {
    const classId = params.classId as string;
    const period = await em.findOneOrFail(StudyPeriod, params.studyPeriodId as string);
    const heading = await classHeading(em, classId);
    const today = params.day as string;
    const until = today < period.endsOn ? today : period.endsOn;
    const students = await this.roster.studentsEnrolledOn(classId, until);
    const forecasts = await this.forecasts.ofClass(heading.schoolClass, period, today);
    const subjects = [
      ...new Map(forecasts.map((f) => [f.subjectId, f.subjectName])).entries(),
    ].sort(([, a], [, b]) => a.localeCompare(b, 'ru'));
    const byKey = new Map(forecasts.map((f) => [`${f.studentId}|${f.subjectId}`, f]));
    const tableOf = (
      title: string,
      kind: ColumnKind,
      pick: (f: (typeof forecasts)[number]) => string | number | null,
    ): ReportTable => ({
      title,
      columns: [
        { key: 'number', title: '№', kind: 'number' },
        { key: 'student', title: 'Фамилия, имя', kind: 'text' },
        ...subjects.map(([id, name]): ReportColumn => ({ key: id, title: name, kind })),
      ],
      rows: students.map((student, index) => ({
        number: index + 1,
        student: fullName(student),
        ...Object.fromEntries(
          subjects.map(([id]) => {
            const forecast = byKey.get(`${student.id}|${id}`);
            return [id, forecast ? pick(forecast) : null];
          }),
        ),
      })),
    });
    return {
      title: `${REPORT_SPECS[this.type].title}: ${period.name}`,
      subtitle: [
        ...heading.lines,
        `Период: ${period.name} (${russianRange(period.startsOn, period.endsOn)})`,
        `Данные на ${russianDate(until)}`,
        builtLine(builtAt, heading.school),
      ],
      tables: [
        tableOf('Прогноз отметок', 'text', (f) => f.forecast),
        tableOf('Средневзвешенный балл', 'decimal', (f) => f.weightedAverage),
      ],
      notes: [
        'Прогноз — отметка шкалы предмета, ближайшая к средневзвешенному баллу (при равенстве — выше).',
      ],
    };
  }
}

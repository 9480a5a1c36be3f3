import { Injectable } from '@nestjs/common';
import { StudyPeriodsService } from '../../academic-years/study-periods.service';
import { className } from '../../classes/class-name';
import { RosterService } from '../../classes/roster/roster.service';
import { fullName } from '../../people/person-name';
import type { ReportParamsDto } from '../dto/request-report.dto';
import type { ReportParams } from '../entities/report.entity';
import type { ReportColumn, ReportDocument, ReportTable } from '../render/report-document';
import type { PeriodMarkRow } from './class-results.report';
import { CLASS_PERIOD_MARKS_SQL } from './marks.sql';
import { REPORT_SPECS } from './report-type-names';
import type { BuildContext, ReportDefinition, ResolvedReport } from './report-definition';
import { builtLine, classHeading } from './report-headings';
import { ReportScopeService } from './report-scope.service';

/**
 * R5, the summary sheet of marks (сводная ведомость успеваемости) of a class for its year:
 * one table per study period and one of year marks, students × subjects. Students are all
 * who were in the class during the year; a mark is shown in the class it was given in.
 */
@Injectable()
export class MarksSummaryReport implements ReportDefinition {
  readonly type = 'marks-summary' as const;
  readonly title = REPORT_SPECS[this.type].title;

  constructor(
    private readonly scope: ReportScopeService,
    private readonly roster: RosterService,
    private readonly studyPeriods: StudyPeriodsService,
  ) {}

  async resolve(params: ReportParamsDto): Promise<ResolvedReport> {
    const schoolClass = await this.scope.classOf(params.classId!);
    const year = await this.scope.yearOf(schoolClass);
    return {
      target: { schoolId: schoolClass.schoolId, classId: schoolClass.id, studentId: null },
      params: { classId: schoolClass.id },
      fileTitle: `Сводная ведомость ${className(schoolClass)}, ${year.name}`,
    };
  }

  async build(
    params: ReportParams,
    { em, builtAt, progress }: BuildContext,
  ): Promise<ReportDocument> {
    const classId = params.classId as string;
    const heading = await classHeading(em, classId);
    const { schoolClass } = heading;
    const year = await this.scope.yearOf(schoolClass);
    const periods = (await this.studyPeriods.periodsByGrade(year.id))(schoolClass.grade);
    const students = await this.roster.studentsDuring(classId, year.startsOn, year.endsOn);
    const marks = await em
      .getConnection()
      .execute<PeriodMarkRow[]>(CLASS_PERIOD_MARKS_SQL, [classId]);
    await progress(50);

    const subjects = [
      ...new Map(
        marks.map((row) => [
          row.subject_id,
          { id: row.subject_id, name: row.subject_name, short: row.subject_short_name },
        ]),
      ).values(),
    ].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
    const columns: ReportColumn[] = [
      { key: 'number', title: '№', kind: 'number' },
      { key: 'student', title: 'Фамилия, имя', kind: 'text' },
      ...subjects.map((s): ReportColumn => ({ key: s.id, title: s.short, kind: 'text' })),
    ];
    const tableOf = (title: string, pick: (row: PeriodMarkRow) => boolean): ReportTable => {
      const value = new Map(
        marks.filter(pick).map((row) => [`${row.student_id}|${row.subject_id}`, row.value]),
      );
      return {
        title,
        columns,
        rows: students.map((student, index) => ({
          number: index + 1,
          student: fullName(student),
          ...Object.fromEntries(
            subjects.map((s) => [s.id, value.get(`${student.id}|${s.id}`) ?? null]),
          ),
        })),
      };
    };
    return {
      title: `${this.title}: ${year.name}`,
      subtitle: [...heading.lines, `Учебный год: ${year.name}`, builtLine(builtAt, heading.school)],
      tables: [
        ...periods.map((period) =>
          tableOf(period.name, (row) => row.kind === 'period' && row.study_period_id === period.id),
        ),
        tableOf('Год', (row) => row.kind === 'year'),
      ],
      notes: [`Предметы: ${subjects.map((s) => `${s.short} — ${s.name}`).join('; ')}.`],
    };
  }
}

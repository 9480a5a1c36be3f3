import { Injectable } from '@nestjs/common';
import { StudyPeriod } from '../../academic-years/entities/study-period.entity';
import { RosterService } from '../../classes/roster/roster.service';
import type { ReportParamsDto } from '../dto/request-report.dto';
import type { ReportParams } from '../entities/report.entity';
import type { CellValue, ReportColumn, ReportDocument } from '../render/report-document';
import { classStandings, gradeOf, resultsOf, type Grade, type Results } from './mark-results';
import { CLASS_PERIOD_MARKS_SQL } from './marks.sql';
import { REPORT_SPECS } from './report-type-names';
import type { BuildContext, ReportDefinition, ResolvedReport } from './report-definition';
import { builtLine, classHeading } from './report-headings';
import { ReportScopeService } from './report-scope.service';
import { russianRange } from './russian-dates';

export interface PeriodMarkRow {
  student_id: string;
  subject_id: string;
  subject_name: string;
  subject_short_name: string;
  study_period_id: string | null;
  kind: 'period' | 'year';
  value: string;
  score: number | null;
}

const RESULT_COLUMNS: ReportColumn[] = [
  { key: 'count', title: 'Оценок', kind: 'number' },
  { key: 'n5', title: '«5»', kind: 'number' },
  { key: 'n4', title: '«4»', kind: 'number' },
  { key: 'n3', title: '«3»', kind: 'number' },
  { key: 'n2', title: '«2»', kind: 'number' },
  { key: 'na', title: 'н/а', kind: 'number' },
  { key: 'successRate', title: 'Успеваемость, %', kind: 'percent' },
  { key: 'qualityRate', title: 'Качество, %', kind: 'percent' },
  { key: 'average', title: 'Средний балл', kind: 'decimal' },
  { key: 'souRate', title: 'СОУ, %', kind: 'percent' },
];

const resultCells = (results: Results): Record<string, CellValue> => ({ ...results });

/**
 * R4, the class's results for a study period: per subject the marks «5»…«2» and н/а,
 * успеваемость, качество, the average and СОУ; then the class's standard table (students on
 * «5», on «4» and «5», with one «3», with «2», not assessed). Students are those enrolled on
 * the period's last day.
 */
@Injectable()
export class ClassResultsReport implements ReportDefinition {
  readonly type = 'class-results' as const;
  readonly title = REPORT_SPECS[this.type].title;

  constructor(
    private readonly scope: ReportScopeService,
    private readonly roster: RosterService,
  ) {}

  resolve(params: ReportParamsDto): Promise<ResolvedReport> {
    return this.scope.classPeriodReport(params, 'Итоги успеваемости', false);
  }

  async build(params: ReportParams, { em, builtAt }: BuildContext): Promise<ReportDocument> {
    const classId = params.classId as string;
    const period = await em.findOneOrFail(StudyPeriod, params.studyPeriodId as string);
    const heading = await classHeading(em, classId);
    const students = await this.roster.studentsEnrolledOn(classId, period.endsOn);
    const onRoll = new Set(students.map((s) => s.id));
    const marks = (
      await em.getConnection().execute<PeriodMarkRow[]>(CLASS_PERIOD_MARKS_SQL, [classId])
    ).filter(
      (row) =>
        row.kind === 'period' && row.study_period_id === period.id && onRoll.has(row.student_id),
    );

    const bySubject = new Map<string, { name: string; grades: Grade[] }>();
    const byStudent = new Map<string, Grade[]>(students.map((s) => [s.id, []]));
    for (const row of marks) {
      const grade = gradeOf(row.value, row.score);
      const subject = bySubject.get(row.subject_id) ?? { name: row.subject_name, grades: [] };
      subject.grades.push(grade);
      bySubject.set(row.subject_id, subject);
      byStudent.get(row.student_id)!.push(grade);
    }
    const subjects = [...bySubject.values()].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
    const standings = classStandings([...byStudent.values()]);
    const overall = resultsOf(subjects.flatMap((s) => s.grades));
    return {
      title: `${this.title}: ${period.name}`,
      subtitle: [
        ...heading.lines,
        `Период: ${period.name} (${russianRange(period.startsOn, period.endsOn)})`,
        builtLine(builtAt, heading.school),
      ],
      tables: [
        {
          title: 'По предметам',
          columns: [{ key: 'subject', title: 'Предмет', kind: 'text' }, ...RESULT_COLUMNS],
          rows: subjects.map((s) => ({ subject: s.name, ...resultCells(resultsOf(s.grades)) })),
          totals: {
            subject: 'По классу',
            ...resultCells(overall),
            successRate: standings.successRate,
            qualityRate: standings.qualityRate,
          },
        },
        {
          title: 'Итоги класса',
          columns: STANDING_COLUMNS,
          rows: [{ ...standings }],
        },
      ],
      notes: [
        'Успеваемость — доля без «2» и н/а; качество — доля только с «4» и «5»; по классу — доли учащихся.',
        'СОУ (степень обученности) = (100·n5 + 64·n4 + 36·n3 + 16·n2) / N; н/а учитывается с весом 0.',
      ],
    };
  }
}

export const STANDING_COLUMNS: ReportColumn[] = [
  { key: 'students', title: 'Учащихся', kind: 'number' },
  { key: 'excellent', title: 'На «5»', kind: 'number' },
  { key: 'good', title: 'На «4» и «5»', kind: 'number' },
  { key: 'oneThree', title: 'С одной «3»', kind: 'number' },
  { key: 'satisfactory', title: 'С «3»', kind: 'number' },
  { key: 'failing', title: 'С «2»', kind: 'number' },
  { key: 'notAssessed', title: 'Н/а', kind: 'number' },
  { key: 'successRate', title: 'Успеваемость, %', kind: 'percent' },
  { key: 'qualityRate', title: 'Качество, %', kind: 'percent' },
];

import { Injectable } from '@nestjs/common';
import { StudyPeriod } from '../../academic-years/entities/study-period.entity';
import { RosterService } from '../../classes/roster/roster.service';
import { MarkForecastsService } from '../../journal/control/mark-forecasts.service';
import { fullName } from '../../people/person-name';
import type { ReportParamsDto } from '../dto/request-report.dto';
import type { ReportParams } from '../entities/report.entity';
import type { ReportColumn, ReportDocument } from '../render/report-document';
import { addAbsences, emptyTally, type AbsenceTally } from './absence-tally';
import { CLASS_ABSENCES_SQL } from './attendance.sql';
import { STANDING_COLUMNS, type PeriodMarkRow } from './class-results.report';
import { classStandings, gradeOf, standingOf, type Grade, type Standing } from './mark-results';
import { CLASS_PERIOD_MARKS_SQL } from './marks.sql';
import type { BuildContext, ReportDefinition, ResolvedReport } from './report-definition';
import { builtLine, classHeading } from './report-headings';
import { ReportScopeService } from './report-scope.service';
import { REPORT_SPECS, type ReportType } from './report-type-names';
import { russianDate, russianRange } from './russian-dates';

/** A student's mark of a subject, as the report shows it and counts it. */
interface StudentMark {
  studentId: string;
  subjectId: string;
  subjectName: string;
  value: string;
  grade: Grade;
}

const STANDING_NAMES: Record<Standing, string> = {
  excellent: 'отличник',
  good: 'хорошист',
  oneThree: 'с одной «3»',
  satisfactory: 'успевает',
  failing: 'неуспевающий',
  notAssessed: 'не аттестован',
};

/**
 * The class teacher's report for a study period (seed 003 §5.2.8): per student the marks of
 * every subject, the lessons missed (excused and not), where the student stands; then the
 * class's standard table. R2 (preliminary, during the period) shows the marks the journal
 * suggests so far; R3 (final) the period marks given.
 */
abstract class ClassTeacherReport implements ReportDefinition {
  abstract readonly type: ReportType;

  constructor(
    protected readonly scope: ReportScopeService,
    protected readonly roster: RosterService,
  ) {}

  protected abstract marksOf(
    context: BuildContext,
    classRef: { id: string; schoolId: string },
    period: StudyPeriod,
    today: string,
  ): Promise<StudentMark[]>;

  resolve(params: ReportParamsDto): Promise<ResolvedReport> {
    return this.scope.classPeriodReport(params, REPORT_SPECS[this.type].title, true);
  }

  async build(params: ReportParams, context: BuildContext): Promise<ReportDocument> {
    const { em, builtAt } = context;
    const classId = params.classId as string;
    const period = await em.findOneOrFail(StudyPeriod, params.studyPeriodId as string);
    const heading = await classHeading(em, classId);
    const today = params.day as string;
    // A period under way is reported up to today; its students are those enrolled today.
    const until = today < period.endsOn ? today : period.endsOn;
    const students = await this.roster.studentsEnrolledOn(classId, until);
    const marks = await this.marksOf(context, heading.schoolClass, period, today);
    const absences = await em
      .getConnection()
      .execute<{ student_id: string; code: string; lessons: number }[]>(CLASS_ABSENCES_SQL, [
        classId,
        period.startsOn,
        until,
      ]);

    const subjects = [...new Map(marks.map((m) => [m.subjectId, m.subjectName])).entries()].sort(
      ([, a], [, b]) => a.localeCompare(b, 'ru'),
    );
    const tallies = new Map<string, AbsenceTally>(students.map((s) => [s.id, emptyTally()]));
    for (const row of absences) {
      const tally = tallies.get(row.student_id);
      if (tally) addAbsences(tally, row.code, row.lessons);
    }
    const gradesOf = new Map<string, Grade[]>(students.map((s) => [s.id, []]));
    const valueOf = new Map<string, string>();
    for (const mark of marks) {
      if (!gradesOf.has(mark.studentId)) continue;
      gradesOf.get(mark.studentId)!.push(mark.grade);
      valueOf.set(`${mark.studentId}|${mark.subjectId}`, mark.value);
    }
    const columns: ReportColumn[] = [
      { key: 'number', title: '№', kind: 'number' },
      { key: 'student', title: 'Фамилия, имя', kind: 'text' },
      ...subjects.map(([id, name]): ReportColumn => ({ key: id, title: name, kind: 'text' })),
      { key: 'missed', title: 'Пропущено уроков', kind: 'number' },
      { key: 'missedExcused', title: 'по уважительной', kind: 'number' },
      { key: 'unexcused', title: 'без уважительной', kind: 'number' },
      { key: 'standing', title: 'Итог', kind: 'text' },
    ];
    const rows = students.map((student, index) => {
      const tally = tallies.get(student.id)!;
      return {
        number: index + 1,
        student: fullName(student),
        ...Object.fromEntries(
          subjects.map(([id]) => [id, valueOf.get(`${student.id}|${id}`) ?? null]),
        ),
        missed: tally.missed,
        missedExcused: tally.missedExcused,
        unexcused: tally.unexcused,
        standing: STANDING_NAMES[standingOf(gradesOf.get(student.id)!)],
      };
    });
    return {
      title: `${REPORT_SPECS[this.type].title}: ${period.name}`,
      subtitle: [
        ...heading.lines,
        `Период: ${period.name} (${russianRange(period.startsOn, period.endsOn)})`,
        ...(until < period.endsOn ? [`Данные на ${russianDate(until)}`] : []),
        builtLine(builtAt, heading.school),
      ],
      tables: [
        { title: 'Учащиеся', columns, rows },
        {
          title: 'Итоги класса',
          columns: STANDING_COLUMNS,
          rows: [{ ...classStandings([...gradesOf.values()]) }],
        },
      ],
      notes: this.notes,
    };
  }

  protected abstract readonly notes: string[];
}

const scoreOf = (value: string): number | null => (/^\d+$/.test(value) ? Number(value) : null);

/** R2: the marks the journal suggests so far (weighted average of the period's marks). */
@Injectable()
export class ClassTeacherPreliminaryReport extends ClassTeacherReport {
  readonly type = 'class-teacher-preliminary' as const;
  protected readonly notes = [
    'Оценки предварительные: отметка, которую даёт средневзвешенный балл текущих оценок периода на дату отчёта.',
  ];

  constructor(
    scope: ReportScopeService,
    roster: RosterService,
    private readonly forecasts: MarkForecastsService,
  ) {
    super(scope, roster);
  }

  protected async marksOf(
    _context: BuildContext,
    classRef: { id: string; schoolId: string },
    period: StudyPeriod,
    today: string,
  ): Promise<StudentMark[]> {
    const forecasts = await this.forecasts.ofClass(classRef, period, today);
    return forecasts
      .filter((f) => f.forecast !== null)
      .map((f) => ({
        studentId: f.studentId,
        subjectId: f.subjectId,
        subjectName: f.subjectName,
        value: f.forecast!,
        grade: gradeOf(f.forecast!, scoreOf(f.forecast!)),
      }));
  }
}

/** R3: the period marks given. */
@Injectable()
export class ClassTeacherPeriodReport extends ClassTeacherReport {
  readonly type = 'class-teacher-period' as const;
  protected readonly notes = ['Оценки — выставленные отметки за период.'];

  constructor(scope: ReportScopeService, roster: RosterService) {
    super(scope, roster);
  }

  protected async marksOf(
    { em }: BuildContext,
    classRef: { id: string },
    period: StudyPeriod,
  ): Promise<StudentMark[]> {
    const rows = await em
      .getConnection()
      .execute<PeriodMarkRow[]>(CLASS_PERIOD_MARKS_SQL, [classRef.id]);
    return rows
      .filter((row) => row.kind === 'period' && row.study_period_id === period.id)
      .map((row) => ({
        studentId: row.student_id,
        subjectId: row.subject_id,
        subjectName: row.subject_name,
        value: row.value,
        grade: gradeOf(row.value, row.score),
      }));
  }
}

import { Injectable } from '@nestjs/common';
import { SchoolTodayService } from '../../../core/clock/school-today.service';
import { ErrorCode } from '../../../core/http/error-codes';
import { ProblemException } from '../../../core/http/problem';
import type { StudyPeriod } from '../../academic-years/entities/study-period.entity';
import { StudyPeriodsService } from '../../academic-years/study-periods.service';
import { className } from '../../classes/class-name';
import { RosterService } from '../../classes/roster/roster.service';
import { Person } from '../../people/entities/person.entity';
import { fullName } from '../../people/person-name';
import type { ReportParamsDto } from '../dto/request-report.dto';
import type { ReportParams } from '../entities/report.entity';
import type { RenderOptions } from '../render/formats';
import { renderPrintedJournal } from '../render/printed-journal.pdf';
import type { PeriodMarkRow } from './class-results.report';
import { CLASS_PERIOD_MARKS_SQL } from './marks.sql';
import {
  journalContent,
  type AbsenceRow,
  type FinalMark,
  type LessonRow,
  type MarkRow,
} from './printed-journal-content';
import {
  JOURNAL_ABSENCES_SQL,
  JOURNAL_LESSONS_SQL,
  JOURNAL_MARKS_SQL,
  SCHOOL_DIRECTOR_SQL,
} from './printed-journal.sql';
import type {
  BuildContext,
  RenderedPdf,
  ReportDefinition,
  ResolvedReport,
} from './report-definition';
import { classHeading } from './report-headings';
import { invalid, ReportScopeService } from './report-scope.service';
import { russianDate, russianRange } from './russian-dates';

const YEAR_COLUMN = 'Год';

/**
 * J9, the printed journal: the paper copy of a class's journal for a study period or the whole
 * year, numbered and certified (J13). A period not yet closed is printed only as a draft. It
 * comes as PDF only, rendered by its own paper form (`renderPdf`), which records its page
 * count: the N of its certification sheet.
 */
@Injectable()
export class PrintedJournalReport implements ReportDefinition {
  readonly type = 'printed-journal' as const;

  constructor(
    private readonly scope: ReportScopeService,
    private readonly roster: RosterService,
    private readonly studyPeriods: StudyPeriodsService,
    private readonly schoolToday: SchoolTodayService,
  ) {}

  async resolve(params: ReportParamsDto): Promise<ResolvedReport> {
    const schoolClass = await this.scope.classOf(params.classId!);
    const name = className(schoolClass);
    if (params.studyPeriodId && params.academicYearId) {
      throw invalid('academicYearId', 'give studyPeriodId or academicYearId, not both');
    }
    let periods: StudyPeriod[];
    let scope: ReportParams;
    let label: string;
    if (params.studyPeriodId) {
      const period = await this.scope.periodOf(schoolClass, params.studyPeriodId);
      [periods, scope, label] = [[period], { studyPeriodId: period.id }, period.name];
    } else if (params.academicYearId) {
      if (params.academicYearId !== schoolClass.academicYearId) {
        throw invalid(
          'academicYearId',
          `academicYearId must be the academic year of class ${name}`,
        );
      }
      const year = await this.scope.yearOf(schoolClass);
      periods = (await this.studyPeriods.periodsByGrade(year.id))(schoolClass.grade);
      [scope, label] = [{ academicYearId: year.id }, year.name];
    } else {
      throw invalid(
        'studyPeriodId',
        'studyPeriodId (a study period) or academicYearId (the whole year) is required',
      );
    }
    const draft = params.draft === true;
    const open = periods.filter((period) => period.closedAt === null);
    // The certification sheet's date: a parameter, so a copy printed another day is a new file.
    const day = await this.schoolToday.todayOf(schoolClass.schoolId);
    return {
      target: { schoolId: schoolClass.schoolId, classId: schoolClass.id, studentId: null },
      params: { classId: schoolClass.id, ...scope, draft, day },
      fileTitle: `Классный журнал ${name}, ${label}${draft ? ', черновик' : ''}`,
      refusal:
        open.length > 0 && !draft
          ? ProblemException.conflict(
              ErrorCode.reportPeriodNotClosed,
              `${open.map((period) => `«${period.name}»`).join(', ')} of class ${name} ${open.length > 1 ? 'are' : 'is'} not closed yet: close it before printing the journal, or ask for a draft (draft: true).`,
            )
          : undefined,
    };
  }

  build(): never {
    // Unreachable: the type comes as PDF only (REPORT_SPECS), which renderPdf makes.
    throw new Error('The printed journal comes as PDF only, rendered by renderPdf');
  }

  async renderPdf(
    params: ReportParams,
    { em, progress }: BuildContext,
    options: RenderOptions,
  ): Promise<RenderedPdf> {
    const classId = params.classId as string;
    const { schoolClass, school } = await classHeading(em, classId);
    const year = await this.scope.yearOf(schoolClass);
    const gradePeriods = (await this.studyPeriods.periodsByGrade(year.id))(schoolClass.grade);
    const period = gradePeriods.find((p) => p.id === params.studyPeriodId);
    const [from, to] = period ? [period.startsOn, period.endsOn] : [year.startsOn, year.endsOn];
    const connection = em.getConnection();
    const range = [classId, from, to];
    const students = await this.roster.studentsDuring(classId, from, to);
    const lessons = await connection.execute<LessonRow[]>(JOURNAL_LESSONS_SQL, range);
    const marks = await connection.execute<MarkRow[]>(JOURNAL_MARKS_SQL, range);
    const absences = await connection.execute<AbsenceRow[]>(JOURNAL_ABSENCES_SQL, range);
    const finalRows = await connection.execute<PeriodMarkRow[]>(CLASS_PERIOD_MARKS_SQL, [classId]);
    const [director] = await connection.execute<
      { last_name: string; first_name: string; middle_name: string | null }[]
    >(SCHOOL_DIRECTOR_SQL, [school.id]);
    await progress(50);

    // A period's journal ends with its period marks; the year's with each period's and the year's.
    const shown = period ? [period] : gradePeriods;
    const columnOf = (row: PeriodMarkRow): string | undefined =>
      row.kind === 'year'
        ? period
          ? undefined
          : YEAR_COLUMN
        : shown.find((p) => p.id === row.study_period_id)?.name;
    const finals = finalRows.flatMap((row): FinalMark[] => {
      const column = columnOf(row);
      return column
        ? [{ column, student_id: row.student_id, subject_id: row.subject_id, value: row.value }]
        : [];
    });
    const content = journalContent({
      students,
      lessons,
      marks,
      absences,
      finalColumns: [...shown.map((p) => p.name), ...(period ? [] : [YEAR_COLUMN])],
      finals,
    });
    const teacher = schoolClass.classTeacher
      ? await em.findOne(Person, schoolClass.classTeacher.id)
      : null;
    return renderPrintedJournal(
      {
        school: school.name,
        className: className(schoolClass),
        yearName: year.name,
        periodLabel: `${period ? period.name : 'учебный год'} (${russianRange(from, to)})`,
        classTeacher: teacher ? fullName(teacher) : null,
        director: director
          ? fullName({
              lastName: director.last_name,
              firstName: director.first_name,
              middleName: director.middle_name,
            })
          : null,
        certifiedOn: russianDate(params.day as string),
        ...content,
      },
      options,
    );
  }
}

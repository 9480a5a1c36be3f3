import { Injectable } from '@nestjs/common';
import type { Actor } from '../../../core/auth/actor';
import { School } from '../../../core/tenancy/entities/school.entity';
import { className } from '../../classes/class-name';
import { RosterService } from '../../classes/roster/roster.service';
import { fullName } from '../../people/person-name';
import type { ReportParamsDto } from '../dto/request-report.dto';
import type { ReportParams } from '../entities/report.entity';
import type { ReportDocument, ReportTable } from '../render/report-document';
import {
  addAbsences,
  emptyTally,
  tallyOf,
  sumTallies,
  TALLY_COLUMNS,
  type AbsenceTally,
} from './absence-tally';
import { CLASS_ABSENCES_SQL, SCHOOL_ATTENDANCE_SQL } from './attendance.sql';
import { REPORT_SPECS } from './report-type-names';
import type { BuildContext, ReportDefinition, ResolvedReport } from './report-definition';
import { builtLine, classHeading } from './report-headings';
import { invalid, ReportScopeService, type DayRange } from './report-scope.service';
import { russianRange } from './russian-dates';
import { perOne } from './report-figures';

interface SchoolRow {
  class_id: string;
  grade: number;
  letter: string;
  students: number;
  lessons: number;
  absences: Record<string, number>;
}

/**
 * R6, the summary sheet of attendance: for one class, its students' missed lessons by reason;
 * for the whole school, one row per class (students, lessons held, missed lessons by reason).
 * Over a range of days, by default the academic year.
 */
@Injectable()
export class AttendanceSummaryReport implements ReportDefinition {
  readonly type = 'attendance-summary' as const;
  readonly title = REPORT_SPECS[this.type].title;

  constructor(
    private readonly scope: ReportScopeService,
    private readonly roster: RosterService,
  ) {}

  async resolve(params: ReportParamsDto, actor: Actor): Promise<ResolvedReport> {
    const range = this.scope.rangeOf(params);
    if (params.classId) {
      if (params.schoolId) throw invalid('schoolId', 'schoolId is not taken with classId');
      const schoolClass = await this.scope.classOf(params.classId);
      const year = params.academicYearId
        ? await this.scope.schoolYear(schoolClass.schoolId, params.academicYearId)
        : await this.scope.yearOf(schoolClass);
      const days = range ?? { from: year.startsOn, to: year.endsOn };
      return {
        target: { schoolId: schoolClass.schoolId, classId: schoolClass.id, studentId: null },
        params: { classId: schoolClass.id, ...days },
        fileTitle: `Посещаемость ${className(schoolClass)} ${russianRange(days.from, days.to)}`,
      };
    }
    const school = await this.scope.schoolOf(actor, params.schoolId);
    const days = await this.scope.schoolRange(school.id, params);
    return {
      target: { schoolId: school.id, classId: null, studentId: null },
      params: { schoolId: school.id, ...days },
      fileTitle: `Посещаемость школы ${russianRange(days.from, days.to)}`,
    };
  }

  async build(params: ReportParams, context: BuildContext): Promise<ReportDocument> {
    const days = { from: params.from as string, to: params.to as string };
    return params.classId
      ? this.ofClass(params.classId as string, days, context)
      : this.ofSchool(params.schoolId as string, days, context);
  }

  private async ofClass(
    classId: string,
    days: DayRange,
    { em, builtAt }: BuildContext,
  ): Promise<ReportDocument> {
    const heading = await classHeading(em, classId);
    const students = await this.roster.studentsDuring(classId, days.from, days.to);
    const rows = await em
      .getConnection()
      .execute<{ student_id: string; code: string; lessons: number }[]>(CLASS_ABSENCES_SQL, [
        classId,
        days.from,
        days.to,
      ]);
    const tallies = new Map<string, AbsenceTally>(students.map((s) => [s.id, emptyTally()]));
    for (const row of rows) {
      const tally = tallies.get(row.student_id);
      if (tally) addAbsences(tally, row.code, row.lessons);
    }
    const table: ReportTable = {
      columns: [
        { key: 'number', title: '№', kind: 'number' },
        { key: 'student', title: 'Фамилия, имя', kind: 'text' },
        ...TALLY_COLUMNS,
      ],
      rows: students.map((student, index) => ({
        number: index + 1,
        student: fullName(student),
        ...tallies.get(student.id)!,
      })),
      totals: { number: null, student: 'Итого', ...sumTallies([...tallies.values()]) },
    };
    return {
      title: this.title,
      subtitle: [
        ...heading.lines,
        `Период: ${russianRange(days.from, days.to)}`,
        builtLine(builtAt, heading.school),
      ],
      tables: [table],
      notes: NOTES,
    };
  }

  private async ofSchool(
    schoolId: string,
    days: DayRange,
    { em, builtAt }: BuildContext,
  ): Promise<ReportDocument> {
    const school = await em.findOneOrFail(School, schoolId);
    const rows = await em
      .getConnection()
      .execute<SchoolRow[]>(SCHOOL_ATTENDANCE_SQL, [schoolId, days.from, days.to]);
    const tallies = rows.map((row) => tallyOf(row.absences));
    const total = sumTallies(tallies);
    const students = rows.reduce((sum, row) => sum + row.students, 0);
    return {
      title: this.title,
      subtitle: [
        school.name,
        `Период: ${russianRange(days.from, days.to)}`,
        builtLine(builtAt, school),
      ],
      tables: [
        {
          columns: [
            { key: 'class', title: 'Класс', kind: 'text' },
            { key: 'students', title: 'Учащихся', kind: 'number' },
            { key: 'lessons', title: 'Проведено уроков', kind: 'number' },
            ...TALLY_COLUMNS,
            { key: 'missedPerStudent', title: 'Пропущено на ученика', kind: 'decimal' },
          ],
          rows: rows.map((row, index) => ({
            class: className(row),
            students: row.students,
            lessons: row.lessons,
            ...tallies[index],
            missedPerStudent: perOne(tallies[index].missed, row.students),
          })),
          totals: {
            class: 'По школе',
            students,
            lessons: rows.reduce((sum, row) => sum + row.lessons, 0),
            ...total,
            missedPerStudent: perOne(total.missed, students),
          },
        },
      ],
      notes: NOTES,
    };
  }
}

const NOTES = [
  'Пропущенный урок — отметка Б, У или Н в проведённом уроке; опоздания (О) считаются отдельно.',
  'Б — болезнь, У — уважительная причина, Н — неуважительная причина.',
];

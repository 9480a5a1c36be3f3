import { Injectable } from '@nestjs/common';
import { className } from '../../classes/class-name';
import { RosterService } from '../../classes/roster/roster.service';
import { fullName } from '../../people/person-name';
import type { ReportParamsDto } from '../dto/request-report.dto';
import type { ReportParams } from '../entities/report.entity';
import type { ReportColumn, ReportDocument } from '../render/report-document';
import {
  addAbsences,
  emptyTally,
  sumTallies,
  TALLY_COLUMNS,
  type AbsenceTally,
} from './absence-tally';
import { CLASS_ABSENCES_BY_DAY_SQL, CLASS_LESSON_DAYS_SQL } from './attendance.sql';
import { REPORT_SPECS } from './report-type-names';
import type { BuildContext, ReportDefinition, ResolvedReport } from './report-definition';
import { builtLine, classHeading } from './report-headings';
import { invalid, ReportScopeService } from './report-scope.service';
import { monthName, monthRange } from './russian-dates';

interface AbsenceRow {
  student_id: string;
  date: string;
  code: string;
  lessons: number;
}

/**
 * R1, attendance by month (seed 003 §5.2.8): the class's students × the days it had lessons,
 * each cell the lessons missed that day, then the month's lessons missed by reason.
 */
@Injectable()
export class AttendanceByMonthReport implements ReportDefinition {
  readonly type = 'attendance-by-month' as const;
  readonly title = REPORT_SPECS[this.type].title;

  constructor(
    private readonly scope: ReportScopeService,
    private readonly roster: RosterService,
  ) {}

  async resolve(params: ReportParamsDto): Promise<ResolvedReport> {
    const schoolClass = await this.scope.classOf(params.classId!);
    const year = await this.scope.yearOf(schoolClass);
    const { from, to } = monthRange(params.month!);
    if (to < year.startsOn || from > year.endsOn) {
      throw invalid('month', `month must fall within the academic year ${year.name} of the class`);
    }
    return {
      target: { schoolId: schoolClass.schoolId, classId: schoolClass.id, studentId: null },
      params: { classId: schoolClass.id, month: params.month! },
      fileTitle: `Посещаемость ${className(schoolClass)}, ${monthName(params.month!)}`,
    };
  }

  async build(
    params: ReportParams,
    { em, builtAt, progress }: BuildContext,
  ): Promise<ReportDocument> {
    const classId = params.classId as string;
    const month = params.month as string;
    const { from, to } = monthRange(month);
    const heading = await classHeading(em, classId);
    const connection = em.getConnection();
    const days = (
      await connection.execute<{ date: string }[]>(CLASS_LESSON_DAYS_SQL, [classId, from, to])
    ).map((row) => row.date);
    const absences = await connection.execute<AbsenceRow[]>(CLASS_ABSENCES_BY_DAY_SQL, [
      classId,
      from,
      to,
    ]);
    await progress(40);
    const students = await this.roster.studentsDuring(classId, from, to);

    const missedOn = new Map<string, number>(); // `${student}|${date}` → missed lessons
    const tallies = new Map<string, AbsenceTally>(students.map((s) => [s.id, emptyTally()]));
    for (const row of absences) {
      const tally = tallies.get(row.student_id);
      if (!tally) continue;
      addAbsences(tally, row.code, row.lessons);
      if (row.code === 'О') continue;
      const key = `${row.student_id}|${row.date}`;
      missedOn.set(key, (missedOn.get(key) ?? 0) + row.lessons);
    }
    const dayKey = (date: string) => `d${date.slice(8)}`;
    const columns: ReportColumn[] = [
      { key: 'number', title: '№', kind: 'number' },
      { key: 'student', title: 'Фамилия, имя', kind: 'text' },
      ...days.map((date): ReportColumn => ({
        key: dayKey(date),
        title: String(Number(date.slice(8))),
        kind: 'number',
      })),
      ...TALLY_COLUMNS,
    ];
    const rows = students.map((student, index) => ({
      number: index + 1,
      student: fullName(student),
      ...Object.fromEntries(
        days.map((date) => [dayKey(date), missedOn.get(`${student.id}|${date}`) ?? null]),
      ),
      ...tallies.get(student.id)!,
    }));
    const perDay = Object.fromEntries(
      days.map((date) => [
        dayKey(date),
        students.reduce((sum, s) => sum + (missedOn.get(`${s.id}|${date}`) ?? 0), 0),
      ]),
    );
    return {
      title: `${this.title}: ${monthName(month)}`,
      subtitle: [...heading.lines, builtLine(builtAt, heading.school)],
      tables: [
        {
          columns,
          rows,
          totals: {
            number: null,
            student: 'Итого',
            ...perDay,
            ...sumTallies([...tallies.values()]),
          },
        },
      ],
      notes: [
        'В клетке дня — число пропущенных в этот день уроков (опоздания не считаются пропуском).',
        'Б — болезнь, У — уважительная причина, Н — неуважительная причина, О — опоздание.',
      ],
    };
  }
}

import { Injectable } from '@nestjs/common';
import { addDays } from '../../../core/calendar/date-only';
import { SchoolTodayService } from '../../../core/clock/school-today.service';
import { School } from '../../../core/tenancy/entities/school.entity';
import { className } from '../../classes/class-name';
import { RosterService } from '../../classes/roster/roster.service';
import { averages } from '../../grades/averages';
import { Person } from '../../people/entities/person.entity';
import { fullName } from '../../people/person-name';
import type { ReportParamsDto } from '../dto/request-report.dto';
import type { ReportParams } from '../entities/report.entity';
import type { ReportDocument } from '../render/report-document';
import { addAbsences, emptyTally } from './absence-tally';
import type { BuildContext, ReportDefinition, ResolvedReport } from './report-definition';
import { builtLine } from './report-headings';
import { ReportScopeService } from './report-scope.service';
import { REPORT_SPECS } from './report-type-names';
import { russianDate, russianRange } from './russian-dates';
import { STUDENT_ABSENCES_SQL, STUDENT_MARKS_SQL } from './student-progress.sql';
import { groupBy } from './group-by';

/** The parents' digest covers two weeks (seed 003 §5.2.6) unless a range is given. */
const DEFAULT_DAYS = 14;

interface MarkRow {
  subject_id: string;
  subject_name: string;
  date: string;
  value: string;
  score: number | null;
  weight: number;
}

interface AbsenceRow {
  date: string;
  lesson_number: number;
  subject_name: string;
  code: string;
  reason: string;
}

/**
 * The progress report for parents (seed 003 §5.2.6: at least every two weeks): one student's
 * marks per subject with their dates and weighted average, and the lessons missed, over a
 * range (by default the last 14 days up to today). Run by the parents for their children,
 * and by staff who read the student's marks.
 */
@Injectable()
export class StudentProgressReport implements ReportDefinition {
  readonly type = 'student-progress' as const;

  constructor(
    private readonly scope: ReportScopeService,
    private readonly roster: RosterService,
    private readonly schoolToday: SchoolTodayService,
  ) {}

  async resolve(params: ReportParamsDto): Promise<ResolvedReport> {
    const student = await this.scope.studentOf(params.studentId!);
    const today = await this.schoolToday.todayOf(student.schoolId);
    const days = this.scope.rangeOf(params) ?? {
      from: addDays(today, 1 - DEFAULT_DAYS),
      to: today,
    };
    const schoolClass =
      (await this.roster.classesOn([student.id], days.to)).get(student.id) ?? null;
    return {
      target: {
        schoolId: student.schoolId,
        classId: schoolClass?.id ?? null,
        studentId: student.id,
      },
      params: { studentId: student.id, ...days },
      fileTitle: `Успеваемость ${student.lastName} ${student.firstName} ${russianRange(days.from, days.to)}`,
    };
  }

  async build(params: ReportParams, { em, builtAt }: BuildContext): Promise<ReportDocument> {
    const student = await em.findOneOrFail(Person, params.studentId as string);
    const school = await em.findOneOrFail(School, student.schoolId);
    const bindings = [student.id, params.from, params.to];
    const connection = em.getConnection();
    const marks = await connection.execute<MarkRow[]>(STUDENT_MARKS_SQL, bindings);
    const absences = await connection.execute<AbsenceRow[]>(STUDENT_ABSENCES_SQL, bindings);
    const schoolClass = (await this.roster.classesOn([student.id], params.to as string)).get(
      student.id,
    );

    const subjects = groupBy(marks, (row) => row.subject_id);
    const tally = emptyTally();
    for (const row of absences) addAbsences(tally, row.code, 1);
    return {
      title: REPORT_SPECS[this.type].title,
      subtitle: [
        school.name,
        `Учащийся: ${fullName(student)}${schoolClass ? `, ${className(schoolClass)} класс` : ''}`,
        `Период: ${russianRange(params.from as string, params.to as string)}`,
        builtLine(builtAt, school),
      ],
      tables: [
        {
          title: 'Оценки',
          columns: [
            { key: 'subject', title: 'Предмет', kind: 'text' },
            { key: 'marks', title: 'Оценки (дата)', kind: 'text' },
            { key: 'count', title: 'Оценок', kind: 'number' },
            { key: 'weightedAverage', title: 'Средневзвешенный балл', kind: 'decimal' },
          ],
          rows: [...subjects.values()].map((rows) => ({
            subject: rows[0].subject_name,
            marks: rows
              .map((row) => `${row.value} (${russianDate(row.date).slice(0, 5)})`)
              .join(', '),
            count: rows.length,
            weightedAverage: averages(rows).weightedAverage,
          })),
        },
        {
          title: 'Пропуски и опоздания',
          columns: [
            { key: 'date', title: 'Дата', kind: 'text' },
            { key: 'lesson', title: 'Урок', kind: 'number' },
            { key: 'subject', title: 'Предмет', kind: 'text' },
            { key: 'reason', title: 'Причина', kind: 'text' },
          ],
          rows: absences.map((row) => ({
            date: russianDate(row.date),
            lesson: row.lesson_number,
            subject: row.subject_name,
            reason: `${row.code} — ${row.reason}`,
          })),
          totals: {
            date: 'Итого',
            lesson: null,
            subject: `пропущено уроков: ${tally.missed}, из них по уважительной причине: ${tally.missedExcused}`,
            reason: `опозданий: ${tally.late}`,
          },
        },
      ],
    };
  }
}

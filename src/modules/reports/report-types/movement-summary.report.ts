import { Injectable } from '@nestjs/common';
import type { Actor } from '../../../core/auth/actor';
import { School } from '../../../core/tenancy/entities/school.entity';
import { className } from '../../classes/class-name';
import { fullName } from '../../people/person-name';
import type { ReportParamsDto } from '../dto/request-report.dto';
import type { ReportParams } from '../entities/report.entity';
import type { ReportDocument } from '../render/report-document';
import { MOVEMENT_BY_CLASS_SQL, MOVEMENTS_SQL } from './movement.sql';
import type { BuildContext, ReportDefinition, ResolvedReport } from './report-definition';
import { builtLine } from './report-headings';
import { ReportScopeService } from './report-scope.service';
import { REPORT_SPECS } from './report-type-names';
import { russianDate, russianRange } from './russian-dates';

interface ClassRow {
  grade: number;
  letter: string;
  at_start: number;
  arrived: number;
  departed: number;
  at_end: number;
  orders: string[];
}

interface MovementRow {
  effective_on: string;
  kind: 'admission' | 'transfer' | 'withdrawal';
  number: string;
  dated_on: string;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  from_grade: number | null;
  from_letter: string | null;
  to_grade: number | null;
  to_letter: string | null;
  destination: string | null;
}

const KINDS = { admission: 'зачисление', transfer: 'перевод', withdrawal: 'выбытие' };

const classOf = (grade: number | null, letter: string | null) =>
  grade === null || letter === null ? null : className({ grade, letter });

/**
 * R7, the summary of student movement (P4): per class the students at the start of the range,
 * arrived, left and at its end, with the orders; then every movement with its order. Counted
 * from the class stays (enrollments), so a class list imported mid-year counts as arrivals.
 */
@Injectable()
export class MovementSummaryReport implements ReportDefinition {
  readonly type = 'movement-summary' as const;

  constructor(private readonly scope: ReportScopeService) {}

  async resolve(params: ReportParamsDto, actor: Actor): Promise<ResolvedReport> {
    const school = await this.scope.schoolOf(actor, params.schoolId);
    const days = await this.scope.schoolRange(school.id, params);
    return {
      target: { schoolId: school.id, classId: null, studentId: null },
      params: { schoolId: school.id, ...days },
      fileTitle: `Движение учащихся ${russianRange(days.from, days.to)}`,
    };
  }

  async build(params: ReportParams, { em, builtAt }: BuildContext): Promise<ReportDocument> {
    const school = await em.findOneOrFail(School, params.schoolId as string);
    const bindings = [school.id, params.from, params.to];
    const connection = em.getConnection();
    const classes = await connection.execute<ClassRow[]>(MOVEMENT_BY_CLASS_SQL, bindings);
    const movements = await connection.execute<MovementRow[]>(MOVEMENTS_SQL, bindings);
    const sum = (key: 'at_start' | 'arrived' | 'departed' | 'at_end') =>
      classes.reduce((total, row) => total + row[key], 0);
    return {
      title: REPORT_SPECS[this.type].title,
      subtitle: [
        school.name,
        `Период: ${russianRange(params.from as string, params.to as string)}`,
        builtLine(builtAt, school),
      ],
      tables: [
        {
          title: 'По классам',
          columns: [
            { key: 'class', title: 'Класс', kind: 'text' },
            { key: 'atStart', title: 'На начало', kind: 'number' },
            { key: 'arrived', title: 'Прибыло', kind: 'number' },
            { key: 'departed', title: 'Выбыло', kind: 'number' },
            { key: 'atEnd', title: 'На конец', kind: 'number' },
            { key: 'orders', title: 'Приказы', kind: 'text' },
          ],
          rows: classes.map((row) => ({
            class: className(row),
            atStart: row.at_start,
            arrived: row.arrived,
            departed: row.departed,
            atEnd: row.at_end,
            orders: row.orders.length ? row.orders.map((order) => `№ ${order}`).join(', ') : null,
          })),
          totals: {
            class: 'По школе',
            atStart: sum('at_start'),
            arrived: sum('arrived'),
            departed: sum('departed'),
            atEnd: sum('at_end'),
            orders: null,
          },
        },
        {
          title: 'Движение',
          columns: [
            { key: 'date', title: 'Дата', kind: 'text' },
            { key: 'student', title: 'Учащийся', kind: 'text' },
            { key: 'kind', title: 'Вид', kind: 'text' },
            { key: 'from', title: 'Из класса', kind: 'text' },
            { key: 'to', title: 'В класс', kind: 'text' },
            { key: 'order', title: 'Приказ', kind: 'text' },
          ],
          rows: movements.map((row) => ({
            date: russianDate(row.effective_on),
            student: fullName({
              lastName: row.last_name,
              firstName: row.first_name,
              middleName: row.middle_name,
            }),
            kind: KINDS[row.kind],
            from: classOf(row.from_grade, row.from_letter),
            to: classOf(row.to_grade, row.to_letter) ?? row.destination,
            order: `№ ${row.number} от ${russianDate(row.dated_on)}`,
          })),
        },
      ],
      notes: [
        'Прибывшие и выбывшие считаются по пребыванию в классе, в том числе без приказа (списки классов).',
      ],
    };
  }
}

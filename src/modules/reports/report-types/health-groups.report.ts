import { Injectable } from '@nestjs/common';
import type { Actor } from '../../../core/auth/actor';
import { SchoolTodayService } from '../../../core/clock/school-today.service';
import { School } from '../../../core/tenancy/entities/school.entity';
import { className } from '../../classes/class-name';
import { PE_GROUPS, type PeGroup } from '../../people/entities/health-record.entity';
import { fullName } from '../../people/person-name';
import type { ReportParamsDto } from '../dto/request-report.dto';
import type { ReportParams } from '../entities/report.entity';
import type {
  CellValue,
  ReportColumn,
  ReportDocument,
  ReportTable,
} from '../render/report-document';
import type { BuildContext, ReportDefinition, ResolvedReport } from './report-definition';
import { builtLine } from './report-headings';
import { ReportScopeService } from './report-scope.service';
import { REPORT_SPECS } from './report-type-names';
import { russianDate } from './russian-dates';
import { HEALTH_GROUPS_SQL } from './school-activity.sql';
import { groupBy } from './group-by';

interface HealthRow {
  grade: number;
  letter: string;
  student_id: string;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  health_group: number | null;
  pe_group: PeGroup | null;
}

const PE_NAMES: Record<PeGroup, string> = {
  main: 'основная',
  preparatory: 'подготовительная',
  special_a: 'специальная «А»',
  special_b: 'специальная «Б»',
  exempt: 'освобождён',
};
const HEALTH_GROUPS = [1, 2, 3, 4, 5];

/**
 * R14, the medical staff's report: students by health group (1–5) and PE group, per class.
 * Health data is need-to-know: the medical staff's copy lists the students; anyone else who
 * runs it (the leadership, the psychologist) gets the counts only — the parameter
 * `withNames` follows the caller's role, so the two copies are different files.
 */
@Injectable()
export class HealthGroupsReport implements ReportDefinition {
  readonly type = 'health-groups' as const;

  constructor(
    private readonly scope: ReportScopeService,
    private readonly schoolToday: SchoolTodayService,
  ) {}

  async resolve(params: ReportParamsDto, actor: Actor): Promise<ResolvedReport> {
    const school = await this.scope.schoolOf(actor, params.schoolId);
    const day = await this.schoolToday.todayOf(school.id);
    const withNames = actor.grants.some(
      (grant) => grant.schoolId === school.id && grant.role === 'medical',
    );
    return {
      target: { schoolId: school.id, classId: null, studentId: null },
      params: { schoolId: school.id, day, withNames },
      fileTitle: `Группы здоровья на ${russianDate(day)}`,
    };
  }

  async build(params: ReportParams, { em, builtAt }: BuildContext): Promise<ReportDocument> {
    const school = await em.findOneOrFail(School, params.schoolId as string);
    const rows = await em
      .getConnection()
      .execute<HealthRow[]>(HEALTH_GROUPS_SQL, [school.id, params.day]);
    const byClass = groupBy(rows, (row) => className(row));
    const countsOf = (students: HealthRow[]): Record<string, CellValue> => ({
      students: students.length,
      ...Object.fromEntries(
        HEALTH_GROUPS.map((group) => [
          `health${group}`,
          students.filter((s) => s.health_group === group).length,
        ]),
      ),
      healthUnknown: students.filter((s) => s.health_group === null).length,
      ...Object.fromEntries(
        PE_GROUPS.map((group) => [group, students.filter((s) => s.pe_group === group).length]),
      ),
    });
    const countColumns: ReportColumn[] = [
      { key: 'students', title: 'Учащихся', kind: 'number' },
      ...HEALTH_GROUPS.map((group): ReportColumn => ({
        key: `health${group}`,
        title: `${group} гр.`,
        kind: 'number',
      })),
      { key: 'healthUnknown', title: 'не указана', kind: 'number' },
      ...PE_GROUPS.map((group): ReportColumn => ({
        key: group,
        title: PE_NAMES[group],
        kind: 'number',
      })),
    ];
    const tables: ReportTable[] = [
      {
        title: 'По классам',
        columns: [{ key: 'class', title: 'Класс', kind: 'text' }, ...countColumns],
        rows: [...byClass].map(([name, students]) => ({ class: name, ...countsOf(students) })),
        totals: { class: 'По школе', ...countsOf(rows) },
      },
    ];
    if (params.withNames === true) {
      tables.push({
        title: 'Учащиеся',
        columns: [
          { key: 'class', title: 'Класс', kind: 'text' },
          { key: 'student', title: 'Фамилия, имя', kind: 'text' },
          { key: 'healthGroup', title: 'Группа здоровья', kind: 'number' },
          { key: 'peGroup', title: 'Группа по физкультуре', kind: 'text' },
        ],
        rows: rows.map((row) => ({
          class: className(row),
          student: fullName({
            lastName: row.last_name,
            firstName: row.first_name,
            middleName: row.middle_name,
          }),
          healthGroup: row.health_group,
          peGroup: row.pe_group ? PE_NAMES[row.pe_group] : null,
        })),
      });
    }
    return {
      title: REPORT_SPECS[this.type].title,
      subtitle: [
        school.name,
        `На ${russianDate(params.day as string)}`,
        builtLine(builtAt, school),
      ],
      tables,
      notes:
        params.withNames === true
          ? []
          : ['Только численность: списки учащихся — у медицинского работника.'],
    };
  }
}

import { REPORT_FORMATS, type ReportFormat } from '../render/formats';

/**
 * Every report type the API takes, by the name integrators send (`type`), with what it needs.
 * Each is built by its own `*.report.ts` of this folder; `docs/reports.md` explains them.
 */
export const REPORT_TYPES = [
  'attendance-by-month',
  'class-results',
  'marks-summary',
  'attendance-summary',
  'printed-journal',
] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

/** The parameters a report may take (`params` of `POST /v1/reports`). */
export type ParamName =
  | 'classId'
  | 'schoolId'
  | 'studyPeriodId'
  | 'academicYearId'
  | 'month'
  | 'from'
  | 'to'
  /** A boolean: the PDF is a draft, stamped «Черновик». */
  | 'draft';

export interface ReportSpec {
  /** Its capability in DOMAIN.md. */
  capability: string;
  /** Its name as schools say it. */
  title: string;
  formats: readonly ReportFormat[];
  required: readonly ParamName[];
  optional: readonly ParamName[];
  /** Who runs it, for the contract's description. */
  who: string;
}

const CLASS_RUNNERS = 'leadership; teachers of the class';

export const REPORT_SPECS: Record<ReportType, ReportSpec> = {
  'attendance-by-month': {
    capability: 'R1',
    title: 'Учёт посещаемости за месяц',
    formats: REPORT_FORMATS,
    required: ['classId', 'month'],
    optional: [],
    who: CLASS_RUNNERS,
  },
  'class-results': {
    capability: 'R4',
    title: 'Итоги успеваемости класса',
    formats: REPORT_FORMATS,
    required: ['classId', 'studyPeriodId'],
    optional: [],
    who: CLASS_RUNNERS,
  },
  'marks-summary': {
    capability: 'R5',
    title: 'Сводная ведомость успеваемости',
    formats: REPORT_FORMATS,
    required: ['classId'],
    optional: [],
    who: CLASS_RUNNERS,
  },
  'attendance-summary': {
    capability: 'R6',
    title: 'Сводная ведомость учёта посещаемости',
    formats: REPORT_FORMATS,
    required: [],
    optional: ['classId', 'schoolId', 'academicYearId', 'from', 'to'],
    who: `${CLASS_RUNNERS}; without classId (the whole school): leadership`,
  },
  'printed-journal': {
    capability: 'J9',
    title: 'Классный журнал',
    formats: ['pdf'],
    required: ['classId'],
    optional: ['studyPeriodId', 'academicYearId', 'draft'],
    who: 'leadership; the class teacher of the class',
  },
};

/** The types as a Markdown table, for the contract. */
export const REPORT_TYPE_TABLE = [
  '| type | report | parameters | formats | who runs it |',
  '|---|---|---|---|---|',
  ...REPORT_TYPES.map((type) => {
    const spec = REPORT_SPECS[type];
    const params = [
      ...spec.required.map((name) => `\`${name}\``),
      ...spec.optional.map((name) => `\`${name}\`?`),
    ].join(', ');
    return `| \`${type}\` | ${spec.capability} ${spec.title} | ${params || '—'} | ${spec.formats.join(', ')} | ${spec.who} |`;
  }),
].join('\n');

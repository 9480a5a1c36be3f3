import { REPORT_FORMATS, type ReportFormat } from '../render/formats';

/**
 * Every report type the API takes, by the name integrators send (`type`), with what it needs.
 * Each is built by its own `*.report.ts` of this folder; `docs/reports.md` explains them.
 */
export const REPORT_TYPES = [
  'attendance-by-month',
  'class-teacher-preliminary',
  'class-teacher-period',
  'class-results',
  'marks-summary',
  'attendance-summary',
  'movement-summary',
  'journal-keeping',
  'usage',
  'marks-forecast',
  'attendance-weekly',
  'health-groups',
  'student-progress',
  'printed-journal',
] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

/** The parameters a report may take (`params` of `POST /v1/reports`). */
export type ParamName =
  | 'classId'
  | 'schoolId'
  | 'studentId'
  | 'studyPeriodId'
  | 'academicYearId'
  | 'month'
  | 'week'
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
const CLASS_TEACHER = 'leadership; the class teacher';

export const REPORT_SPECS: Record<ReportType, ReportSpec> = {
  'attendance-by-month': {
    capability: 'R1',
    title: 'Учёт посещаемости за месяц',
    formats: REPORT_FORMATS,
    required: ['classId', 'month'],
    optional: [],
    who: CLASS_RUNNERS,
  },
  'class-teacher-preliminary': {
    capability: 'R2',
    title: 'Предварительный отчёт классного руководителя',
    formats: REPORT_FORMATS,
    required: ['classId', 'studyPeriodId'],
    optional: [],
    who: CLASS_TEACHER,
  },
  'class-teacher-period': {
    capability: 'R3',
    title: 'Отчёт классного руководителя',
    formats: REPORT_FORMATS,
    required: ['classId', 'studyPeriodId'],
    optional: [],
    who: CLASS_TEACHER,
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
  'movement-summary': {
    capability: 'R7',
    title: 'Сводная ведомость движения учащихся',
    formats: REPORT_FORMATS,
    required: [],
    optional: ['schoolId', 'academicYearId', 'from', 'to'],
    who: 'leadership; the secretary',
  },
  'journal-keeping': {
    capability: 'R8',
    title: 'Контроль ведения электронного журнала',
    formats: REPORT_FORMATS,
    required: [],
    optional: ['schoolId', 'academicYearId', 'from', 'to'],
    who: 'leadership',
  },
  usage: {
    capability: 'R9',
    title: 'Использование электронного журнала учащимися и родителями',
    formats: REPORT_FORMATS,
    required: [],
    optional: ['classId', 'schoolId'],
    who: 'leadership; with classId, the class teacher',
  },
  'marks-forecast': {
    capability: 'R12',
    title: 'Прогноз итоговых отметок',
    formats: REPORT_FORMATS,
    required: ['classId', 'studyPeriodId'],
    optional: [],
    who: CLASS_RUNNERS,
  },
  'attendance-weekly': {
    capability: 'R13',
    title: 'Еженедельный контроль посещаемости',
    formats: REPORT_FORMATS,
    required: ['week'],
    optional: ['classId', 'schoolId'],
    who: `${CLASS_RUNNERS}; without classId: leadership`,
  },
  'health-groups': {
    capability: 'R14',
    title: 'Распределение учащихся по группам здоровья и физкультурным группам',
    formats: REPORT_FORMATS,
    required: [],
    optional: ['schoolId'],
    who: 'medical staff (with the students’ names); leadership and the psychologist (counts only)',
  },
  'student-progress': {
    capability: 'M5',
    title: 'Отчёт об успеваемости и посещаемости для родителей',
    formats: REPORT_FORMATS,
    required: ['studentId'],
    optional: ['from', 'to'],
    who: 'the student’s parents; leadership; teachers of the student’s class',
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

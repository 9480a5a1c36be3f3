import { normalizeHeader } from '../../../core/http/uploads/import-file';

/** Columns of a class-list file and how their headers are written (P1 import). */

export const STUDENT_FIELDS = [
  'lastName',
  'firstName',
  'middleName',
  'birthDate',
  'sex',
  'phone',
  'email',
  'address',
] as const;
export type StudentField = (typeof STUDENT_FIELDS)[number];

export const PARENT_FIELDS = [
  'lastName',
  'firstName',
  'middleName',
  'relation',
  'phone',
  'email',
] as const;
export type ParentField = (typeof PARENT_FIELDS)[number];

/** Parents per row: «Родитель 1 …» and «Родитель 2 …». */
export const PARENT_SLOTS = [1, 2] as const;

export type Column =
  { kind: 'student'; field: StudentField } | { kind: 'parent'; slot: 1 | 2; field: ParentField };

/** The Russian header of each column, as it is written in messages. */
const STUDENT_TITLES: Record<StudentField, string> = {
  lastName: 'Фамилия',
  firstName: 'Имя',
  middleName: 'Отчество',
  birthDate: 'Дата рождения',
  sex: 'Пол',
  phone: 'Телефон',
  email: 'Email',
  address: 'Адрес',
};
const STUDENT_ALIASES: Record<StudentField, string[]> = {
  lastName: ['last_name'],
  firstName: ['first_name'],
  middleName: ['middle_name'],
  birthDate: ['birth_date'],
  sex: ['sex'],
  phone: ['phone'],
  email: ['e-mail', 'электронная почта'],
  address: ['address'],
};
const PARENT_TITLES: Record<ParentField, string> = {
  lastName: 'Фамилия',
  firstName: 'Имя',
  middleName: 'Отчество',
  relation: 'Кем приходится',
  phone: 'Телефон',
  email: 'Email',
};
const PARENT_ALIASES: Record<ParentField, string[]> = {
  lastName: ['last_name'],
  firstName: ['first_name'],
  middleName: ['middle_name'],
  relation: ['relation'],
  phone: ['phone'],
  email: ['e-mail'],
};

export const columnTitle = (column: Column): string =>
  column.kind === 'student'
    ? STUDENT_TITLES[column.field]
    : `Родитель ${column.slot} ${PARENT_TITLES[column.field]}`;

const KNOWN = new Map<string, Column>();
for (const field of STUDENT_FIELDS) {
  const column: Column = { kind: 'student', field };
  for (const name of [STUDENT_TITLES[field], ...STUDENT_ALIASES[field]]) {
    KNOWN.set(normalizeHeader(name), column);
  }
}
for (const slot of PARENT_SLOTS) {
  for (const field of PARENT_FIELDS) {
    const column: Column = { kind: 'parent', slot, field };
    const names = [
      `Родитель ${slot} ${PARENT_TITLES[field]}`,
      ...PARENT_ALIASES[field].map((alias) => `Родитель ${slot} ${alias}`),
      `parent${slot}_${field === 'relation' ? 'relation' : snake(field)}`,
      `parent ${slot} ${snake(field)}`,
    ];
    for (const name of names) KNOWN.set(normalizeHeader(name), column);
  }
}

function snake(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export const REQUIRED_STUDENT_FIELDS: StudentField[] = ['lastName', 'firstName', 'birthDate'];

export interface HeaderMapping {
  /** One entry per file column; null for an empty header cell of an empty column. */
  columns: (Column | null)[];
  /** Problems with the header row; when any, the rows are not read. */
  errors: string[];
}

/**
 * Maps the header row to columns. Unknown, repeated and missing required columns are
 * reported together, as one error each kind, so the user fixes the header in one go.
 */
export function mapHeader(header: string[]): HeaderMapping {
  const columns: (Column | null)[] = [];
  const unknown: string[] = [];
  const repeated: string[] = [];
  const seen = new Set<string>();
  for (const cell of header) {
    const name = normalizeHeader(cell);
    if (name === '') {
      columns.push(null);
      continue;
    }
    const column = KNOWN.get(name);
    if (!column) {
      unknown.push(cell.trim());
      columns.push(null);
      continue;
    }
    const title = columnTitle(column);
    if (seen.has(title)) repeated.push(title);
    seen.add(title);
    columns.push(column);
  }
  const missing = REQUIRED_STUDENT_FIELDS.map((field) => STUDENT_TITLES[field]).filter(
    (title) => !seen.has(title),
  );
  const errors: string[] = [];
  if (unknown.length) errors.push(`неизвестные столбцы: ${unknown.join(', ')}`);
  if (repeated.length) errors.push(`столбцы повторяются: ${repeated.join(', ')}`);
  if (missing.length) errors.push(`нет обязательных столбцов: ${missing.join(', ')}`);
  return { columns, errors };
}

import { RELATIONS, type Relation } from '../entities/guardianship.entity';
import { searchableName } from '../person-name';
import type { Sex } from '../entities/person.entity';
import {
  columnTitle,
  PARENT_SLOTS,
  type Column,
  type ParentField,
  type StudentField,
} from './import-columns';
import { filledRows, ImportFileError, type RawTable } from '../../../core/http/uploads/import-file';

export interface CellError {
  /** The column's header as the school writes it, e.g. «Родитель 1 Телефон»; «*» for the row. */
  column: string;
  message: string;
}

export interface StudentInput {
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string;
  sex: Sex | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

export interface ParentInput {
  slot: 1 | 2;
  lastName: string;
  firstName: string;
  middleName: string | null;
  relation: Relation;
  phone: string | null;
  email: string | null;
}

/** One data row, read and checked; values behind an error are not to be written. */
export interface ParsedRow {
  row: number;
  student: StudentInput;
  parents: ParentInput[];
  errors: CellError[];
}

export interface ValidationContext {
  /** Today in the school's time zone (`YYYY-MM-DD`): birth dates may not be later. */
  today: string;
  /** First day of the class's academic year: students are 5–20 years old on it. */
  yearStartsOn: string;
}

/** A file with at most this many data rows is imported in one go (one transaction). */
export const MAX_DATA_ROWS = 200;

export const MIN_AGE = 5;
export const MAX_AGE = 20;

const SEX_WORDS: Record<string, Sex> = {
  м: 'male',
  муж: 'male',
  мужской: 'male',
  male: 'male',
  m: 'male',
  ж: 'female',
  жен: 'female',
  женский: 'female',
  female: 'female',
  f: 'female',
};

const RELATION_WORDS: Record<string, Relation> = {
  мать: 'mother',
  мама: 'mother',
  отец: 'father',
  папа: 'father',
  бабушка: 'grandmother',
  дедушка: 'grandfather',
  опекун: 'guardian',
  попечитель: 'trustee',
  другое: 'other',
  ...Object.fromEntries(RELATIONS.map((relation) => [relation, relation])),
};

const NAME = /^\p{L}[\p{L}\s'’.-]*$/u;
const PHONE = /^\+?[\d\s()-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A phone as stored: a Russian number of 10 or 11 digits becomes +7XXXXXXXXXX, any other
 * keeps its digits (and its +). Null when it is not a phone number at all.
 */
export function normalizePhone(text: string): string | null {
  if (!PHONE.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  const international = text.trim().startsWith('+');
  if (digits.length === 10 && !international) return `+7${digits}`;
  if (digits.length === 11 && (digits[0] === '7' || (digits[0] === '8' && !international))) {
    return `+7${digits.slice(1)}`;
  }
  if (digits.length < 5 || digits.length > 15) return null;
  return international ? `+${digits}` : digits;
}

/** `DD.MM.YYYY` or `YYYY-MM-DD` to `YYYY-MM-DD`, or null when it is not a real date. */
export function parseDate(text: string): string | null {
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [year, month, day] = dotted
    ? [+dotted[3], +dotted[2], +dotted[1]]
    : iso
      ? [+iso[1], +iso[2], +iso[3]]
      : [0, 0, 0];
  if (!year) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return null;
  if (date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Full years between two `YYYY-MM-DD` dates. */
export function ageOn(birthDate: string, on: string): number {
  const years = +on.slice(0, 4) - +birthDate.slice(0, 4);
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The identity of a student within a file: name and birth date, as matching uses them. */
export const studentKey = (
  s: Pick<StudentInput, 'lastName' | 'firstName' | 'middleName' | 'birthDate'>,
) => `${searchableName(s.lastName, s.firstName, s.middleName)}|${s.birthDate}`;

/**
 * Reads every data row: fully empty rows are skipped, each cell is checked, and a student
 * who appears twice is an error on the later row. Throws ImportFileError above MAX_DATA_ROWS.
 */
export function validateRows(
  table: RawTable,
  columns: (Column | null)[],
  context: ValidationContext,
): ParsedRow[] {
  const filled = filledRows(table);
  if (filled.length > MAX_DATA_ROWS) {
    throw new ImportFileError(
      `в файле ${filled.length} строк с данными; за один раз можно загрузить не больше ${MAX_DATA_ROWS}`,
    );
  }
  const firstRowOf = new Map<string, number>();
  return filled.map(({ row, cells }) => {
    const parsed = validateRow(row, cells, columns, context);
    const { lastName, firstName, birthDate } = parsed.student;
    if (lastName && firstName && birthDate) {
      const key = studentKey(parsed.student);
      const first = firstRowOf.get(key);
      if (first === undefined) firstRowOf.set(key, row);
      else parsed.errors.push({ column: '*', message: `этот ученик уже есть в строке ${first}` });
    }
    return parsed;
  });
}

/** Checks one row; `cells` are in file order, `columns` say what each one is. */
export function validateRow(
  row: number,
  cells: string[],
  columns: (Column | null)[],
  context: ValidationContext,
): ParsedRow {
  const errors: CellError[] = [];
  const studentCells = new Map<StudentField, string>();
  const parentCells = new Map<1 | 2, Map<ParentField, string>>(
    PARENT_SLOTS.map((slot) => [slot, new Map()]),
  );
  columns.forEach((column, index) => {
    const value = (cells[index] ?? '').replace(/\s+/g, ' ').trim();
    if (!column || value === '') return;
    if (column.kind === 'student') studentCells.set(column.field, value);
    else parentCells.get(column.slot)!.set(column.field, value);
  });

  const check = <T>(
    column: Column,
    value: string | undefined,
    read: (text: string) => T | null,
    message: string,
  ): T | null => {
    if (value === undefined) return null;
    const result = read(value);
    if (result === null) errors.push({ column: columnTitle(column), message });
    return result;
  };
  const required = (column: Column, value: string | undefined) => {
    if (value === undefined) errors.push({ column: columnTitle(column), message: 'не заполнено' });
  };
  const name = (column: Column, value: string | undefined) =>
    check(
      column,
      value,
      (text) => (NAME.test(text) && text.length <= 100 ? text : null),
      'может содержать только буквы, пробел, дефис и апостроф',
    ) ?? '';

  const s = (field: StudentField): Column => ({ kind: 'student', field });
  const get = (field: StudentField) => studentCells.get(field);
  required(s('lastName'), get('lastName'));
  required(s('firstName'), get('firstName'));
  required(s('birthDate'), get('birthDate'));
  const birthDate =
    check(s('birthDate'), get('birthDate'), parseDate, 'дата должна быть в виде ДД.ММ.ГГГГ') ?? '';
  if (birthDate) {
    const age = ageOn(birthDate, context.yearStartsOn);
    if (birthDate > context.today) {
      errors.push({ column: columnTitle(s('birthDate')), message: 'дата рождения в будущем' });
    } else if (age < MIN_AGE || age > MAX_AGE) {
      errors.push({
        column: columnTitle(s('birthDate')),
        message: `на начало учебного года ученику ${age} лет; допустимо от ${MIN_AGE} до ${MAX_AGE}`,
      });
    }
  }
  const student: StudentInput = {
    lastName: name(s('lastName'), get('lastName')),
    firstName: name(s('firstName'), get('firstName')),
    middleName: name(s('middleName'), get('middleName')) || null,
    birthDate,
    sex: check(s('sex'), get('sex'), (t) => SEX_WORDS[t.toLowerCase()] ?? null, 'укажите М или Ж'),
    phone: check(s('phone'), get('phone'), normalizePhone, 'не похоже на номер телефона'),
    email: check(s('email'), get('email'), readEmail, 'не похоже на адрес электронной почты'),
    address: get('address') ?? null,
  };

  const parents: ParentInput[] = [];
  for (const slot of PARENT_SLOTS) {
    const values = parentCells.get(slot)!;
    if (values.size === 0) continue;
    const p = (field: ParentField): Column => ({ kind: 'parent', slot, field });
    required(p('lastName'), values.get('lastName'));
    required(p('firstName'), values.get('firstName'));
    required(p('relation'), values.get('relation'));
    parents.push({
      slot,
      lastName: name(p('lastName'), values.get('lastName')),
      firstName: name(p('firstName'), values.get('firstName')),
      middleName: name(p('middleName'), values.get('middleName')) || null,
      relation:
        check(
          p('relation'),
          values.get('relation'),
          (t) => RELATION_WORDS[t.toLowerCase().replace(/ё/g, 'е')] ?? null,
          'укажите: мать, отец, бабушка, дедушка, опекун, попечитель или другое',
        ) ?? 'other',
      phone: check(p('phone'), values.get('phone'), normalizePhone, 'не похоже на номер телефона'),
      email: check(
        p('email'),
        values.get('email'),
        readEmail,
        'не похоже на адрес электронной почты',
      ),
    });
  }
  return { row, student, parents, errors };
}

function readEmail(text: string): string | null {
  return EMAIL.test(text) && text.length <= 254 ? text.toLowerCase() : null;
}

import {
  filledRows,
  ImportFileError,
  normalizeHeader,
  type RawTable,
} from '../../../core/http/uploads/import-file';
import { MAX_TITLE_LENGTH, MAX_TOPIC_HOURS, MAX_TOPICS } from './dto/thematic-plan.dto';

/** Columns of a thematic plan file; the titles are how messages name them. */
const COLUMNS = {
  number: { title: '№', names: ['№', 'номер', '№ п/п', 'n', 'no', 'number', '#'] },
  topic: { title: 'Тема', names: ['тема', 'тема урока', 'название темы', 'topic', 'title'] },
  hours: { title: 'Часы', names: ['часы', 'часов', 'кол-во часов', 'количество часов', 'hours'] },
} as const;
type ColumnKey = keyof typeof COLUMNS;

const KNOWN = new Map<string, ColumnKey>(
  (Object.keys(COLUMNS) as ColumnKey[]).flatMap((key) =>
    COLUMNS[key].names.map((name) => [normalizeHeader(name), key] as [string, ColumnKey]),
  ),
);

export interface PlanCellError {
  column: string;
  message: string;
}

/** One data row, read and checked; `position` is set only when the row has no errors. */
export interface PlanRow {
  row: number;
  position: number | null;
  title: string | null;
  hours: number | null;
  errors: PlanCellError[];
}

/**
 * Where each column is in the file. Other columns (a date, notes…) are ignored: schools'
 * plan files carry many. Missing or repeated columns make the whole file unreadable.
 */
function mapHeader(header: string[]): Partial<Record<ColumnKey, number>> {
  const found: Partial<Record<ColumnKey, number>> = {};
  const repeated: string[] = [];
  header.forEach((cell, index) => {
    const key = KNOWN.get(normalizeHeader(cell));
    if (!key) return;
    if (found[key] !== undefined) repeated.push(COLUMNS[key].title);
    else found[key] = index;
  });
  const missing = (['topic', 'hours'] as const)
    .filter((key) => found[key] === undefined)
    .map((key) => COLUMNS[key].title);
  const errors: string[] = [];
  if (repeated.length) errors.push(`столбцы повторяются: ${repeated.join(', ')}`);
  if (missing.length) errors.push(`нет обязательных столбцов: ${missing.join(', ')}`);
  if (errors.length) throw new ImportFileError(errors.join('; '));
  return found;
}

const INTEGER = /^\d+$/;

/**
 * Reads every data row of a plan file (empty rows skipped) and numbers the topics: by the
 * «№» column when there is one (its numbers give the order and must not repeat), otherwise
 * in file order. Throws ImportFileError for a header it cannot use or a file of no or too
 * many topics.
 */
export function readPlanRows(table: RawTable): PlanRow[] {
  const columns = mapHeader(table.header);
  const filled = filledRows(table);
  if (filled.length === 0) throw new ImportFileError('в файле нет ни одной темы');
  if (filled.length > MAX_TOPICS) {
    throw new ImportFileError(
      `в файле ${filled.length} строк с темами; в плане может быть не больше ${MAX_TOPICS}`,
    );
  }
  const cell = (cells: string[], key: ColumnKey) => {
    const index = columns[key];
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const firstRowOfNumber = new Map<number, number>();
  const read = filled.map(({ row, cells }) => {
    const errors: PlanCellError[] = [];
    const fail = (key: ColumnKey, message: string) =>
      errors.push({ column: COLUMNS[key].title, message });

    const title = cell(cells, 'topic');
    if (title === '') fail('topic', 'не заполнено');
    else if (title.length > MAX_TITLE_LENGTH) {
      fail('topic', `тема должна быть не длиннее ${MAX_TITLE_LENGTH} символов`);
    }

    const hoursText = cell(cells, 'hours');
    const number = INTEGER.test(hoursText) ? Number(hoursText) : NaN;
    const hours = number >= 1 && number <= MAX_TOPIC_HOURS ? number : null;
    if (hoursText === '') fail('hours', 'не заполнено');
    else if (hours === null) fail('hours', `должно быть целое число от 1 до ${MAX_TOPIC_HOURS}`);

    let order: number = row;
    if (columns.number !== undefined) {
      // «1.» is how many editors number a list.
      const numberText = cell(cells, 'number').replace(/\.$/, '');
      order = INTEGER.test(numberText) ? Number(numberText) : NaN;
      const first = firstRowOfNumber.get(order);
      if (numberText === '') fail('number', 'не заполнено');
      else if (!(order >= 1)) fail('number', 'должно быть целое положительное число');
      else if (first !== undefined) fail('number', `номер ${order} уже есть в строке ${first}`);
      else firstRowOfNumber.set(order, row);
    }
    const parsed: PlanRow = {
      row,
      position: null,
      title: title === '' ? null : title,
      hours,
      errors,
    };
    return { parsed, order };
  });
  read
    .filter(({ parsed }) => parsed.errors.length === 0)
    .sort((a, b) => a.order - b.order)
    .forEach(({ parsed }, index) => (parsed.position = index + 1));
  return read.map(({ parsed }) => parsed);
}

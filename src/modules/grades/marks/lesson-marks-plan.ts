import type { FieldError } from '../../../core/http/problem';
import type { LessonMarkItemDto } from '../dto/mark-input.dto';
import type { LessonSheet, StoredMark } from './lesson-sheet';
import {
  checkMarkFields,
  markChange,
  newMark,
  type MarkChange,
  type MarkFields,
} from './mark-rules';

/** Which stored mark each listed item is, by the item's index; unmatched items are new. */
export interface MarksMatch {
  matched: Map<number, StoredMark>;
  errors: FieldError[];
}

/**
 * Matches the listed items to the lesson's marks: first the items naming a mark by `id`, then
 * each other item takes the first mark not yet taken of the same student and mark type (so a
 * list read and written back, or sent twice, matches the same marks).
 */
export function matchLessonMarks(existing: StoredMark[], items: LessonMarkItemDto[]): MarksMatch {
  const byId = new Map(existing.map((mark) => [mark.id, mark]));
  const matched = new Map<number, StoredMark>();
  const taken = new Set<string>();
  const errors: FieldError[] = [];
  items.forEach((item, index) => {
    if (!item.id) return;
    const at = `marks[${index}]`;
    const mark = byId.get(item.id);
    if (!mark) {
      errors.push({ field: `${at}.id`, messages: ['id must be a mark of this lesson'] });
    } else if (taken.has(mark.id)) {
      errors.push({ field: `${at}.id`, messages: [`mark ${mark.id} is listed twice`] });
    } else if (mark.studentId !== item.studentId) {
      errors.push({
        field: `${at}.studentId`,
        messages: [
          `mark ${mark.id} is another student’s: a mark does not move between students (leave it out and give a new one)`,
        ],
      });
    } else {
      matched.set(index, mark);
      taken.add(mark.id);
    }
  });
  items.forEach((item, index) => {
    if (item.id) return;
    const mark = existing.find(
      (candidate) =>
        !taken.has(candidate.id) &&
        candidate.studentId === item.studentId &&
        candidate.markTypeId === item.markTypeId,
    );
    if (mark) {
      matched.set(index, mark);
      taken.add(mark.id);
    }
  });
  return { matched, errors };
}

/** A stored mark to change and what changes. */
export interface ChangedMark {
  mark: StoredMark;
  change: MarkChange;
}

/** What a write of the whole lesson does, and the lesson's marks after it. */
export interface LessonMarksPlan {
  created: StoredMark[];
  changed: ChangedMark[];
  deleted: StoredMark[];
  /** The lesson's marks after the write, by when they were given, then by id. */
  after: StoredMark[];
}

/** When and by whom the marks of this write are given. */
export interface Giving {
  /** The instant new marks are given at (one for all). */
  at: Date;
  /** The instant changed marks are written at. */
  writtenAt: Date;
  /** The school's today, which lateness is decided against. */
  today: string;
  by: string;
  /** Makes the id of a mark given at `at`; time-ordered ids keep the list's order. */
  newId: (at: Date) => string;
}

/**
 * The lesson's marks become exactly `items`: matched items change their mark (only when
 * something differs), the others are new, unmatched marks are deleted. Every bad field of
 * every item is listed in `errors`; then nothing is planned.
 */
export function planLessonMarks(
  sheet: LessonSheet,
  items: LessonMarkItemDto[],
  giving: Giving,
): { plan: LessonMarksPlan } | { errors: FieldError[] } {
  const { matched, errors } = matchLessonMarks(sheet.marks, items);
  const fields = items.map((item, index) =>
    checkMarkFields(sheet, item, `marks[${index}].`, errors, matched.get(index)),
  );
  if (errors.length > 0) return { errors };
  const checked = fields as MarkFields[];

  const newIds = checked
    .filter((_field, index) => !matched.has(index))
    .map(() => giving.newId(giving.at))
    .sort();
  const created: StoredMark[] = [];
  const changed: ChangedMark[] = [];
  const after = checked.map((field, index) => {
    const mark = matched.get(index);
    if (!mark) {
      const given = newMark(sheet.lesson, field, { ...giving, id: newIds.shift()! });
      created.push(given);
      return given;
    }
    const change = markChange(sheet.lesson.date, mark, field);
    if (Object.keys(change).length === 0) return mark;
    const written = { ...mark, ...change, updatedAt: giving.writtenAt };
    changed.push({ mark: written, change });
    return written;
  });
  const kept = new Set(matched.values());
  const deleted = sheet.marks.filter((mark) => !kept.has(mark));
  after.sort((a, b) => time(a.createdAt) - time(b.createdAt) || (a.id < b.id ? -1 : 1));
  return { plan: { created, changed, deleted, after } };
}

const time = (at: Date | string) => (typeof at === 'string' ? Date.parse(at) : at.getTime());

/** Nothing to write: the lesson already has exactly these marks. */
export const changesNothing = (plan: LessonMarksPlan) =>
  plan.created.length + plan.changed.length + plan.deleted.length === 0;

import { addDays } from '../../../core/calendar/date-only';
import type { FieldError } from '../../../core/http/problem';
import type { CreateMarkDto } from '../dto/mark-input.dto';
import { scaleValue, scaleValueMessage, type MarkingScale } from '../grading-scale-of';
import type { MarkedLesson, MarkKind, StoredMark } from './lesson-sheet';

/** The fields of a mark that a write sets, once checked. */
export interface MarkFields {
  studentId: string;
  type: MarkKind;
  /** As written on the scale. */
  value: string;
  /** What the value counts for, as stored (two decimals); null when it does not count. */
  score: string | null;
  comment: string | null;
}

/** What one check of a mark's fields needs: the lesson, its school's types, the scale. */
export interface MarkingRules {
  lesson: MarkedLesson;
  types: Map<string, MarkKind>;
  scale: MarkingScale;
}

/** Why the student cannot be given a mark in the lesson; undefined when they can. */
export function studentError(lesson: MarkedLesson, studentId: string): string | undefined {
  if (!lesson.enrolled.includes(studentId)) {
    return `studentId must be a student of ${lesson.className} on ${lesson.date}`;
  }
  if (!lesson.roster.has(studentId)) {
    return `the student is not in the lesson’s subgroup «${lesson.subgroupName}»`;
  }
  return undefined;
}

/**
 * Checks one mark's fields, adding an error per bad field (`prefix` + name) to `errors`;
 * undefined when any is bad. `current` is the mark being changed, if any: it keeps an
 * archived type it already has, and its student is not checked again (see below).
 */
export function checkMarkFields(
  { lesson, types, scale }: MarkingRules,
  item: CreateMarkDto,
  prefix: string,
  errors: FieldError[],
  current?: Pick<StoredMark, 'markTypeId'>,
): MarkFields | undefined {
  const before = errors.length;
  // A mark already given stays editable when its student has since left the lesson's roster
  // (a corrected enrollment, a changed subgroup): reading a lesson and writing it back works.
  if (!current) {
    const error = studentError(lesson, item.studentId);
    if (error) errors.push({ field: `${prefix}studentId`, messages: [error] });
  }
  const type = types.get(item.markTypeId);
  if (!type) {
    errors.push({
      field: `${prefix}markTypeId`,
      messages: ['markTypeId must be a mark type of this school'],
    });
  } else if (type.archived && current?.markTypeId !== type.id) {
    errors.push({
      field: `${prefix}markTypeId`,
      messages: [`mark type «${type.name}» is archived`],
    });
  }
  const onScale = scaleValue(scale, item.value);
  if (!onScale) {
    errors.push({ field: `${prefix}value`, messages: [`value ${scaleValueMessage(scale)}`] });
  }
  if (errors.length > before || !type || !onScale) return undefined;
  return {
    studentId: item.studentId,
    type,
    value: onScale.value,
    score: onScale.score === null ? null : onScale.score.toFixed(2),
    comment: item.comment ?? null,
  };
}

/** When work of this type given in the lesson is to be marked by; null: no term. */
export const dueOnOf = (lessonDate: string, type: Pick<MarkKind, 'checkWithinDays'>) =>
  type.checkWithinDays ? addDays(lessonDate, type.checkWithinDays) : null;

/** What a write changes of a stored mark; empty when nothing (then it is not written). */
export interface MarkChange {
  value?: string;
  score?: string | null;
  markTypeId?: string;
  dueOn?: string | null;
  comment?: string | null;
}

/**
 * Only what differs: an unchanged mark is not written and gets no history. A changed type
 * recomputes `dueOn`; `late` stays as decided when the mark was given.
 */
export function markChange(lessonDate: string, mark: StoredMark, fields: MarkFields): MarkChange {
  const change: MarkChange = {};
  if (mark.value !== fields.value) {
    change.value = fields.value;
    change.score = fields.score;
  }
  if (mark.markTypeId !== fields.type.id) {
    change.markTypeId = fields.type.id;
    change.dueOn = dueOnOf(lessonDate, fields.type);
  }
  if (mark.comment !== fields.comment) change.comment = fields.comment;
  return change;
}

/** A new mark's stored fields: given `at` by `givenBy`, late when given after its term. */
export function newMark(
  lesson: MarkedLesson,
  fields: MarkFields,
  given: { id: string; at: Date; today: string; by: string },
): StoredMark {
  const dueOn = dueOnOf(lesson.date, fields.type);
  return {
    id: given.id,
    lessonId: lesson.id,
    studentId: fields.studentId,
    value: fields.value,
    score: fields.score,
    markTypeId: fields.type.id,
    comment: fields.comment,
    dueOn,
    late: dueOn !== null && given.today > dueOn,
    givenBy: given.by,
    createdAt: given.at,
    updatedAt: given.at,
  };
}

/** Marks are given for lessons that took place: why not this one, if it did not. */
export function unmarkableReason(lesson: MarkedLesson, today: string): string | undefined {
  if (lesson.status === 'cancelled') {
    return `The lesson of ${lesson.date} was cancelled (${lesson.cancellationReason}): it has no marks.`;
  }
  if (lesson.date > today) {
    return `The lesson is on ${lesson.date}, after today (${today}): marks are given for lessons that took place.`;
  }
  return undefined;
}

/** Why a teacher who sees the lesson's marks may not write them. */
export const refusalOf = (lesson: MarkedLesson): string =>
  lesson.substituteId
    ? `The lesson of ${lesson.date} is taught by a substitute: only they give its marks.`
    : `Only the teacher of the lesson (or a substitute for its date) gives its marks; you do not teach the lesson of ${lesson.date} in ${lesson.className}.`;

import type { FieldError } from '../../../core/http/problem';
import type { SchoolClass } from '../../classes/entities/school-class.entity';
import type { ScoredMark } from '../averages';
import type { PeriodMarkItemDto } from '../dto/period-mark-input.dto';
import { RESERVED_MARK_VALUES } from '../../reference-data/entities/grading-scale.entity';
import type { PeriodMark } from '../entities/period-mark.entity';
import type { PeriodMarkScope } from '../grades.policy';
import { scaleValue, type MarkingScale } from '../grading-scale-of';

/**
 * Each student once, and in the class at some time of the target's dates (`enrolled`); an
 * error per bad item. `where` names the class and the period (year) for the message.
 */
export function checkPeriodMarkStudents(
  items: PeriodMarkItemDto[],
  enrolled: Set<string>,
  where: { className: string; label: string },
): FieldError[] {
  const errors: FieldError[] = [];
  const first = new Map<string, number>();
  items.forEach((item, index) => {
    const field = `marks[${index}].studentId`;
    const seen = first.get(item.studentId);
    if (seen !== undefined) {
      errors.push({ field, messages: [`repeats marks[${seen}]`] });
      return;
    }
    first.set(item.studentId, index);
    if (!enrolled.has(item.studentId)) {
      errors.push({
        field,
        messages: [`is not a student of ${where.className} in ${where.label}`],
      });
    }
  });
  return errors;
}

/**
 * The score of each item's value (null for н/а, осв, unscored values and deletions), and an
 * error per value that is neither on the scale nor special.
 */
export function checkPeriodMarkValues(
  scale: MarkingScale,
  items: PeriodMarkItemDto[],
): { scores: (number | null)[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const scores = items.map((item, index) => {
    if (item.value === null || RESERVED_MARK_VALUES.includes(item.value)) return null;
    const found = scaleValue(scale, item.value);
    if (!found) {
      const allowed = [...scale.values.map((v) => v.value), ...RESERVED_MARK_VALUES].join(', ');
      errors.push({
        field: `marks[${index}].value`,
        messages: [`must be one of ${allowed} (scale «${scale.name}»)`],
      });
      return null;
    }
    return found.score === null ? null : Number(found.score);
  });
  return { scores, errors };
}

/** One change a write makes, with the action the caller needs on the student's mark. */
export type PeriodMarkWrite =
  | { action: 'delete'; studentId: string; mark: PeriodMark }
  | { action: 'update'; studentId: string; mark: PeriodMark; fields: PeriodMarkFields }
  | { action: 'create'; studentId: string; fields: PeriodMarkFields };

export interface PeriodMarkFields {
  value: string;
  /** As stored: two decimals, or null. */
  score: string | null;
  comment: string | null;
}

/**
 * What a write of the listed students' marks changes: a value sets the mark, null deletes
 * it, an unchanged mark is left alone (no write, no permission needed). `existing` are the
 * students' marks of the slot, by student; `scores` the items' checked scores.
 */
export function planPeriodMarks(
  items: PeriodMarkItemDto[],
  existing: Map<string, PeriodMark>,
  scores: (number | null)[],
): PeriodMarkWrite[] {
  const writes: PeriodMarkWrite[] = [];
  items.forEach((item, index) => {
    const { studentId } = item;
    const mark = existing.get(studentId);
    if (item.value === null) {
      if (mark) writes.push({ action: 'delete', studentId, mark });
      return;
    }
    const score = scores[index];
    const fields = {
      value: item.value,
      score: score === null ? null : score.toFixed(2),
      comment: item.comment ?? null,
    };
    if (!mark) {
      writes.push({ action: 'create', studentId, fields });
      return;
    }
    const unchanged =
      mark.value === fields.value &&
      (mark.score === null ? null : Number(mark.score)) === score &&
      mark.comment === fields.comment;
    if (!unchanged) writes.push({ action: 'update', studentId, mark, fields });
  });
  return writes;
}

/**
 * A student's mark of the slot given while they were in another class (moved during the
 * period) stays that class's: it is changed there, not taken over. The first such mark.
 */
export const foreignMarkOf = (existing: Iterable<PeriodMark>, classId: string) =>
  [...existing].find((mark) => mark.schoolClassId !== classId);

/** The scored marks of each student. */
export function groupByStudent(
  rows: (ScoredMark & { studentId: string })[],
): Map<string, ScoredMark[]> {
  const byStudent = new Map<string, ScoredMark[]>();
  for (const { studentId, score, weight } of rows) {
    byStudent.set(studentId, [...(byStudent.get(studentId) ?? []), { score, weight }]);
  }
  return byStudent;
}

/** What the `PeriodMark` rules are checked against: the class × subject, one student's or all. */
export const scopeFor = (
  schoolClass: Pick<SchoolClass, 'id' | 'schoolId'>,
  subject: string,
  teachers: string[],
  student?: string,
): PeriodMarkScope => ({
  schoolId: schoolClass.schoolId,
  schoolClass: schoolClass.id,
  subject,
  teachers,
  ...(student ? { student } : {}),
});

/** The teachers assigned to each subject of a class (any subgroup), each once. */
export function teachersBySubjectOf(
  assignments: { subject: { id: string }; teacher: { id: string } }[],
): Map<string, string[]> {
  const bySubject = new Map<string, string[]>();
  for (const assignment of assignments) {
    const teachers = bySubject.get(assignment.subject.id) ?? [];
    if (!teachers.includes(assignment.teacher.id)) teachers.push(assignment.teacher.id);
    bySubject.set(assignment.subject.id, teachers);
  }
  return bySubject;
}

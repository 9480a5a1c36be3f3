import type { JournalCell } from '../../lessons/journal-cell';
import type { MarkSource } from '../dto/mark.dto';
import type { Mark } from '../entities/mark.entity';
import { scaleOrFail, type MarkingScale } from '../grading-scale-of';

/** A lesson as marks need it: who teaches it, when, and who may be marked in it. */
export interface MarkedLesson {
  id: string;
  schoolId: string;
  classId: string;
  /** «7А». */
  className: string;
  subjectId: string;
  subgroupName: string | null;
  teacherId: string;
  substituteId: string | null;
  date: string;
  status: string;
  cancellationReason: string | null;
  timeZone: string;
  /** Students of the class on the lesson's date, in name order. */
  enrolled: string[];
  /** The lesson's roster: the enrolled students, of its subgroup when it has one. */
  roster: Set<string>;
  /** The lesson row's version: a write of the whole lesson applies only while it holds. */
  version: string;
}

/** A mark type as checks and answers need it. */
export interface MarkKind {
  id: string;
  name: string;
  shortName: string;
  weight: number | string;
  archived: boolean;
  checkWithinDays: number | null;
}

/** A mark as stored (without its type's names). */
export type StoredMark = Omit<MarkSource, 'markTypeName' | 'markTypeShortName' | 'markTypeWeight'>;

/** Everything a write of a lesson's marks decides on, read in one statement. */
export interface LessonSheet {
  lesson: MarkedLesson;
  /** The school's mark types by id. */
  types: Map<string, MarkKind>;
  scale: MarkingScale;
  /** The lesson's marks, by when they were given, then by id. */
  marks: StoredMark[];
}

/** The lesson's cell of one student, or its whole column without `studentId`. */
export const cellOf = (lesson: MarkedLesson, studentId?: string): JournalCell => ({
  schoolId: lesson.schoolId,
  schoolClass: lesson.classId,
  teacher: lesson.teacherId,
  substitute: lesson.substituteId,
  ...(studentId ? { student: studentId } : {}),
});

/** A stored mark with its type, as answers show it. */
export const sourceOf = (mark: StoredMark, type: MarkKind): MarkSource => ({
  ...mark,
  markTypeId: type.id,
  markTypeName: type.name,
  markTypeShortName: type.shortName,
  markTypeWeight: type.weight,
});

/**
 * By student in the class's name order (students no longer in the class last), keeping each
 * student's marks in the order given.
 */
export function inStudentOrder<T extends { studentId: string }>(
  enrolled: string[],
  rows: T[],
): T[] {
  const position = new Map(enrolled.map((id, index) => [id, index]));
  const at = (row: T) => position.get(row.studentId) ?? Number.MAX_SAFE_INTEGER;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => at(a.row) - at(b.row) || a.index - b.index)
    .map(({ row }) => row);
}

/** The row of `LESSON_SHEET_SQL`. */
export interface LessonSheetRow extends Omit<MarkedLesson, 'className' | 'enrolled' | 'roster'> {
  grade: number;
  letter: string;
  enrolled: string[];
  roster: string[];
  markTypes: MarkKind[];
  scale: MarkingScale | null;
  marks: StoredMark[];
}

export function lessonSheetOf(row: LessonSheetRow): LessonSheet {
  const { grade, letter, enrolled, roster, markTypes, scale, marks, ...lesson } = row;
  return {
    lesson: {
      ...lesson,
      className: `${grade}${letter}`,
      enrolled: [...new Set(enrolled)],
      roster: new Set(roster),
    },
    types: new Map(markTypes.map((type) => [type.id, type])),
    scale: scaleOrFail(scale, row.schoolId),
    marks,
  };
}

/** A loaded mark as the rules see it. */
export const storedMarkOf = (mark: Mark): StoredMark => ({
  id: mark.id,
  lessonId: mark.lessonId,
  studentId: mark.studentId,
  value: mark.value,
  score: mark.score,
  markTypeId: mark.markTypeId,
  comment: mark.comment,
  dueOn: mark.dueOn,
  late: mark.late,
  givenBy: mark.givenBy,
  createdAt: mark.createdAt,
  updatedAt: mark.updatedAt,
});

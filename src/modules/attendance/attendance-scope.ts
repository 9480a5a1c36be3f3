import type { EntityManager } from '@mikro-orm/postgresql';
import type { SchoolClass } from '../classes/entities/school-class.entity';
import { attendanceCell } from './attendance.policy';
import { classCell } from '../lessons/journal-cell';
import { AbsenceReason } from '../reference-data/entities/absence-reason.entity';

/** The code of a late arrival (seed 003 §5.2.2): the only reason with `minutesLate`. */
export const LATE_CODE = 'О';

/**
 * The `Attendance` subject of a class without a lesson: with no student, its whole column,
 * which only class-wide staff rules allow (leadership, teachers of the class, the class
 * teacher); with a student, that student's cells (their own rules too). No lesson teacher or
 * substitute is set, so the per-lesson teacher rules never match it.
 */
export const classAttendance = (schoolClass: SchoolClass, studentId?: string) =>
  attendanceCell(classCell(schoolClass.schoolId, schoolClass.id, studentId));

/** Every absence reason of the school, archived ones too (old entries keep theirs). */
export async function reasonsOfSchool(
  em: EntityManager,
  schoolId: string,
): Promise<Map<string, AbsenceReason>> {
  const reasons = await em.find(AbsenceReason, { schoolId });
  return new Map(reasons.map((reason) => [reason.id, reason]));
}

import type { AppAbility } from '../../../core/policy/subjects';
import { attendanceCell, markCell, type JournalCell } from '../journal-cell';

/**
 * A JSON document built by PostgreSQL, sent as it is (see the controllers' `@Header`): the
 * hot read paths neither parse nor re-serialise what the database already wrote.
 */
export type JsonText = string;

/**
 * The shape the `Mark` and `Attendance` rules are checked against on the read path. Read
 * rules never look at the lesson's teacher (only writes do), so one shape stands for every
 * lesson of the class: without `studentId` the whole column (staff rules), with it one
 * student's cells (also the student's and their parents' rules).
 */
export function classCell(schoolId: string, classId: string, studentId?: string): JournalCell {
  return {
    schoolId,
    schoolClass: classId,
    teacher: '',
    substitute: null,
    ...(studentId ? { student: studentId } : {}),
  };
}

/** What the caller may read of a class's journal: marks and absences, of whom. */
export interface ClassReadAccess {
  /** Every student's marks (the staff who read the class). */
  allMarks: boolean;
  allAttendance: boolean;
  marksOf(studentId: string): boolean;
  attendanceOf(studentId: string): boolean;
}

export function classReadAccess(
  ability: AppAbility,
  schoolId: string,
  classId: string,
): ClassReadAccess {
  const allMarks = ability.can('read', markCell(classCell(schoolId, classId)));
  const allAttendance = ability.can('read', attendanceCell(classCell(schoolId, classId)));
  return {
    allMarks,
    allAttendance,
    marksOf: (studentId) =>
      allMarks || ability.can('read', markCell(classCell(schoolId, classId, studentId))),
    attendanceOf: (studentId) =>
      allAttendance || ability.can('read', attendanceCell(classCell(schoolId, classId, studentId))),
  };
}

/** The Content-Type of a `JsonText` answer (Fastify sends a string with it unchanged). */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

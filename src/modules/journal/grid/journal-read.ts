import type { AppAbility } from '../../../core/policy/subjects';
import { attendanceCell } from '../../attendance/attendance.policy';
import { classCell } from '../../lessons/journal-cell';
import { markCell } from '../../grades/grades.policy';

/**
 * A JSON document built by PostgreSQL, sent as it is (see the controllers' `@Header`): the
 * hot read paths neither parse nor re-serialise what the database already wrote.
 */
export type JsonText = string;

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

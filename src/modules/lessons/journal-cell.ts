import type { Lesson } from './entities/lesson.entity';

/**
 * A lesson's journal cell: what the `Mark` (grades) and `Attendance` (attendance) rules are
 * checked against. A lesson and, for one student's cell, that student. Without `student` it
 * stands for the whole class's column, which only rules that do not depend on the student
 * (staff rules) allow.
 */
export interface JournalCell {
  schoolId: string;
  schoolClass: string;
  teacher: string;
  substitute: string | null;
  student?: string;
}

/** The lesson needs only its foreign keys (references are enough, nothing is loaded). */
export function journalCell(lesson: Lesson, studentId?: string): JournalCell {
  return {
    schoolId: lesson.schoolId,
    schoolClass: lesson.schoolClass.id,
    teacher: lesson.teacher.id,
    substitute: lesson.substitute?.id ?? null,
    ...(studentId ? { student: studentId } : {}),
  };
}

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

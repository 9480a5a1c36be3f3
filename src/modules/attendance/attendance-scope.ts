import type { EntityManager } from '@mikro-orm/postgresql';
import { SubgroupMember } from '../classes/entities/subgroup.entity';
import type { SchoolClass } from '../classes/entities/school-class.entity';
import { studentsEnrolledOn } from '../classes/school-day';
import { attendanceCell, classCell } from '../journal/journal-cell';
import type { Lesson } from '../lessons/entities/lesson.entity';
import type { Person } from '../people/entities/person.entity';
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

/**
 * The students a lesson is for: enrolled in its class on its date and, for a lesson of a
 * subgroup, members of that subgroup. In name order.
 */
export async function studentsOfLesson(em: EntityManager, lesson: Lesson): Promise<Person[]> {
  const enrolled = await studentsEnrolledOn(em, lesson.schoolClass.id, lesson.date);
  if (!lesson.subgroup) return enrolled;
  const members = await em.find(SubgroupMember, { subgroup: lesson.subgroup.id });
  const memberIds = new Set(members.map((member) => member.student.id));
  return enrolled.filter((student) => memberIds.has(student.id));
}

/** The subgroups of a class a student belongs to. */
export async function subgroupsOfStudent(
  em: EntityManager,
  classId: string,
  studentId: string,
): Promise<Set<string>> {
  const members = await em.find(SubgroupMember, {
    student: studentId,
    split: { schoolClass: classId },
  });
  return new Set(members.map((member) => member.subgroup.id));
}

/** Every absence reason of the school, archived ones too (old entries keep theirs). */
export async function reasonsOfSchool(
  em: EntityManager,
  schoolId: string,
): Promise<Map<string, AbsenceReason>> {
  const reasons = await em.find(AbsenceReason, { schoolId });
  return new Map(reasons.map((reason) => [reason.id, reason]));
}

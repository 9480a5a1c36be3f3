import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Person } from '../../people/entities/person.entity';
import { byName } from '../../people/person-name';
import { Enrollment } from '../entities/enrollment.entity';
import type { SchoolClass } from '../entities/school-class.entity';
import { enrolledDuring, enrolledOn, ROSTERS_OF_SQL } from './roster-rules';

/** What the roster rule needs of a lesson: its class, its date and its subgroup, if any. */
export interface LessonSlot {
  id: string;
  classId: string;
  date: string;
  subgroupId: string | null;
}

/**
 * The class lists as other modules ask for them: who a lesson is for, who is in a class on a
 * date or during a period. Runs in the caller's transaction when there is one (the injected
 * entity manager resolves to it).
 */
@Injectable()
export class RosterService {
  constructor(private readonly em: EntityManager) {}

  /** The students a lesson is for, in name order. */
  async studentsOfLesson(lesson: LessonSlot): Promise<Person[]> {
    const ids = (await this.rostersOf([lesson])).get(lesson.id) ?? new Set<string>();
    if (ids.size === 0) return [];
    const students = await this.em.find(Person, { id: { $in: [...ids] } });
    return students.sort(byName);
  }

  /** The students each lesson is for, by lesson id (one statement for any number). */
  async rostersOf(lessons: LessonSlot[]): Promise<Map<string, Set<string>>> {
    if (lessons.length === 0) return new Map();
    const slots = lessons.map((l) => ({
      id: l.id,
      class_id: l.classId,
      date: l.date,
      subgroup_id: l.subgroupId,
    }));
    const rows = await this.em.execute<{ id: string; students: string[] }[]>(ROSTERS_OF_SQL, [
      JSON.stringify(slots),
    ]);
    return new Map(rows.map((row) => [row.id, new Set(row.students)]));
  }

  /** The students enrolled in a class on `date`, each once, in name order. */
  async studentsEnrolledOn(classId: string, date: string): Promise<Person[]> {
    return this.studentsWhere({ $and: [{ schoolClass: classId }, enrolledOn(date)] });
  }

  /**
   * The students enrolled in a class on some day of `from`…`to`, each once, in name order;
   * only those among `only` when given.
   */
  async studentsDuring(
    classId: string,
    from: string,
    to: string,
    only?: string[],
  ): Promise<Person[]> {
    return this.studentsWhere({
      $and: [
        { schoolClass: classId, ...(only ? { student: { $in: only } } : {}) },
        enrolledDuring(from, to),
      ],
    });
  }

  /** Whether the student is enrolled in the class on `date`. */
  async isEnrolledOn(classId: string, studentId: string, date: string): Promise<boolean> {
    const stays = await this.em.count(Enrollment, {
      $and: [{ schoolClass: classId, student: studentId }, enrolledOn(date)],
    });
    return stays > 0;
  }

  /** The class each student is enrolled in on `date`, by student id (absent: in none). */
  async classesOn(studentIds: string[], date: string): Promise<Map<string, SchoolClass>> {
    if (studentIds.length === 0) return new Map();
    const stays = await this.em.find(
      Enrollment,
      { $and: [{ student: { $in: studentIds } }, enrolledOn(date)] },
      { populate: ['schoolClass'] },
    );
    return new Map(stays.map((stay) => [stay.student.id, stay.schoolClass]));
  }

  /** The classes each student is enrolled in now (open stays), by student id. */
  async openStaysOf(studentIds: string[]): Promise<Map<string, SchoolClass[]>> {
    const stays = await this.em.find(
      Enrollment,
      { student: { $in: studentIds }, endsOn: null },
      { populate: ['schoolClass'] },
    );
    const classes = new Map<string, SchoolClass[]>();
    for (const stay of stays) {
      classes.set(stay.student.id, [...(classes.get(stay.student.id) ?? []), stay.schoolClass]);
    }
    return classes;
  }

  /**
   * Opens a stay in the class from `startsOn` without a movement order (a class list's first
   * import), in the caller's unit of work: their flush writes it.
   */
  enroll(student: Person, schoolClass: SchoolClass, startsOn: string): void {
    this.em.create(Enrollment, {
      schoolId: schoolClass.schoolId,
      student,
      schoolClass,
      startsOn,
    });
  }

  /** Everyone ever enrolled in the class, each once. */
  async studentsEver(classId: string): Promise<string[]> {
    const enrollments = await this.em.find(Enrollment, { schoolClass: classId });
    return [...new Set(enrollments.map((enrollment) => enrollment.student.id))];
  }

  private async studentsWhere(where: FilterQuery<Enrollment>): Promise<Person[]> {
    const enrollments = await this.em.find(Enrollment, where, { populate: ['student'] });
    return [...new Map(enrollments.map((e) => [e.student.id, e.student])).values()].sort(byName);
  }
}

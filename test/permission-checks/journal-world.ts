import { randomUUID } from 'node:crypto';
import type { School } from '../../src/core/tenancy/entities/school.entity';
import { AttendanceEntry } from '../../src/modules/attendance/entities/attendance-entry.entity';
import { Mark } from '../../src/modules/grades/entities/mark.entity';
import { AbsenceReason } from '../../src/modules/reference-data/entities/absence-reason.entity';
import { MarkType } from '../../src/modules/reference-data/entities/mark-type.entity';
import type { Lesson } from '../../src/modules/lessons/entities/lesson.entity';
import type { Person } from '../../src/modules/people/entities/person.entity';
import { Subject } from '../../src/modules/reference-data/entities/subject.entity';
import { daysFromToday } from '../support/classes-fixtures';
import { createLesson } from '../support/lessons-fixtures';
import type { TestApp } from '../support/test-app';
import type { LessonsWorld } from './lessons-world';
import type { PeopleWorld } from './people-world';

type Key = 'A' | 'B' | 'C';

/**
 * Marks and absences the journal rows of the matrix are checked against: in a maths lesson
 * of each class, every student of the class has a «5» and an «Н».
 */
export interface JournalWorld {
  markTypeId: string;
  reasonId: string;
  /** The students of each class's lesson, as the lesson's marks list them. */
  studentsOf: Record<Key, string[]>;
  /** A maths lesson of each class a week ago, taught as in the lessons world. */
  lessons: Record<Key, Lesson>;
}

export async function buildJournalWorld(
  t: TestApp,
  school: School,
  people: PeopleWorld,
  lessons: LessonsWorld,
): Promise<JournalWorld> {
  const em = t.em();
  const markType = await em.findOneOrFail(MarkType, {
    schoolId: school.id,
    name: 'Ответ на уроке',
  });
  const reason = await em.findOneOrFail(AbsenceReason, { schoolId: school.id, code: 'Н' });
  const { students, classes } = people;
  // Lessons of their own: the timetable check cancels the lessons world's, and a lesson
  // with marks cannot be cancelled.
  const maths = await em.findOneOrFail(Subject, people.subjectId);
  const teacherOf: Record<Key, Person> = {
    A: lessons.otherTeacher,
    B: people.staff[1],
    C: lessons.otherTeacher,
  };
  const journalLessons = {} as Record<Key, Lesson>;
  for (const key of ['A', 'B', 'C'] as const) {
    journalLessons[key] = await createLesson(t, {
      schoolClass: classes[key],
      subject: maths,
      teacher: teacherOf[key],
      date: daysFromToday(-8),
      lessonNumber: key === 'C' ? 4 : 3,
    });
  }
  const studentsOf: Record<Key, string[]> = {
    A: [students.A.id, students.A2.id],
    B: [students.B.id],
    C: [students.C.id],
  };
  const givenBy = randomUUID();
  for (const key of ['A', 'B', 'C'] as const) {
    const lesson = journalLessons[key];
    for (const studentId of studentsOf[key]) {
      const cell = { schoolId: school.id, lessonId: lesson.id, studentId };
      em.create(Mark, { ...cell, markTypeId: markType.id, value: '5', score: '5', givenBy });
      em.create(AttendanceEntry, { ...cell, reasonId: reason.id, recordedBy: givenBy });
    }
  }
  await em.flush();
  return { markTypeId: markType.id, reasonId: reason.id, studentsOf, lessons: journalLessons };
}

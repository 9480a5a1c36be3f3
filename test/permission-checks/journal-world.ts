import { randomUUID } from 'node:crypto';
import type { School } from '../../src/core/tenancy/entities/school.entity';
import { AttendanceEntry } from '../../src/modules/attendance/entities/attendance-entry.entity';
import { Mark } from '../../src/modules/grades/entities/mark.entity';
import { AbsenceReason } from '../../src/modules/reference-data/entities/absence-reason.entity';
import { MarkType } from '../../src/modules/reference-data/entities/mark-type.entity';
import type { TestApp } from '../support/test-app';
import type { LessonsWorld } from './lessons-world';
import type { PeopleWorld } from './people-world';

type Key = 'A' | 'B' | 'C';

/**
 * Marks and absences the journal rows of the matrix are checked against: in each class's
 * lesson of the lessons world, every student of the class has a «5» and an «Н».
 */
export interface JournalWorld {
  markTypeId: string;
  reasonId: string;
  /** The students of each class's lesson, as the lesson's marks list them. */
  studentsOf: Record<Key, string[]>;
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
  const { students } = people;
  const studentsOf: Record<Key, string[]> = {
    A: [students.A.id, students.A2.id],
    B: [students.B.id],
    C: [students.C.id],
  };
  const givenBy = randomUUID();
  for (const key of ['A', 'B', 'C'] as const) {
    const lesson = lessons.lessons[key];
    for (const studentId of studentsOf[key]) {
      const cell = { schoolId: school.id, lessonId: lesson.id, studentId };
      em.create(Mark, { ...cell, markTypeId: markType.id, value: '5', score: '5', givenBy });
      em.create(AttendanceEntry, { ...cell, reasonId: reason.id, recordedBy: givenBy });
    }
  }
  await em.flush();
  return { markTypeId: markType.id, reasonId: reason.id, studentsOf };
}

import type { School } from '../../src/core/tenancy/entities/school.entity';
import { PeriodScheme } from '../../src/modules/academic-years/entities/period-scheme.entity';
import { StudyPeriod } from '../../src/modules/academic-years/entities/study-period.entity';
import { CurriculumLine } from '../../src/modules/curriculum/entities/curriculum-line.entity';
import type { Lesson } from '../../src/modules/lessons/entities/lesson.entity';
import {
  ThematicPlan,
  ThematicPlanTopic,
} from '../../src/modules/lessons/entities/thematic-plan.entity';
import type { Person } from '../../src/modules/people/entities/person.entity';
import { Subject } from '../../src/modules/reference-data/entities/subject.entity';
import { TimetableEntry } from '../../src/modules/timetable/entities/timetable-entry.entity';
import { createPerson, daysFromToday } from '../support/classes-fixtures';
import { addDefaultReferenceData, assignTeacher, createLesson } from '../support/lessons-fixtures';
import type { TestApp } from '../support/test-app';
import type { PeopleWorld } from './people-world';

type Key = 'A' | 'B' | 'C';

/**
 * The timetable, lessons and plans the curriculum and lesson rows of the matrix are checked
 * against, on top of the people world: 7Б's maths is taught by the `teacher` actor, 7А's and
 * 7В's by another teacher; every class has one timetable cell, one lesson and 7А and 7Б a plan.
 */
export interface LessonsWorld {
  /** A date inside the study period, with every class's cell in force. */
  on: string;
  studyPeriodId: string;
  otherTeacher: Person;
  lessons: Record<Key, Lesson>;
  planIds: Record<'A' | 'B', string>;
}

export async function buildLessonsWorld(
  t: TestApp,
  school: School,
  people: PeopleWorld,
): Promise<LessonsWorld> {
  await addDefaultReferenceData(t, school);
  const em = t.em();
  const { year, classes } = people;
  const maths = await em.findOneOrFail(Subject, people.subjectId);
  const taughtBy = people.staff[1];
  const otherTeacher = await createPerson(t, school, 'staff', { lastName: 'Другая' });
  await assignTeacher(t, classes.A, maths, otherTeacher);
  await assignTeacher(t, classes.C, maths, otherTeacher);

  const scheme = em.create(PeriodScheme, {
    schoolId: school.id,
    academicYearId: year.id,
    name: 'Год целиком',
    grades: [7],
  });
  const period = em.create(StudyPeriod, {
    schoolId: school.id,
    academicYearId: year.id,
    schemeId: scheme.id,
    ordinal: 1,
    name: 'Учебный год',
    startsOn: year.startsOn,
    endsOn: year.endsOn,
  });
  em.create(CurriculumLine, {
    schoolId: school.id,
    academicYearId: year.id,
    grade: 7,
    subject: maths,
    hoursPerWeek: 5,
  });
  const teacherOf: Record<Key, Person> = { A: otherTeacher, B: taughtBy, C: otherTeacher };
  const keys: Key[] = ['A', 'B', 'C'];
  keys.forEach((key, index) =>
    em.create(TimetableEntry, {
      schoolId: school.id,
      schoolClass: classes[key],
      studyPeriodId: period.id,
      weekday: index + 1,
      lessonNumber: 1,
      subject: maths,
      teacher: teacherOf[key],
      validFrom: period.startsOn,
      validUntil: period.endsOn,
    }),
  );
  await em.flush();

  const on = daysFromToday(-7);
  const lessons = {} as Record<Key, Lesson>;
  for (const key of keys) {
    lessons[key] = await createLesson(t, {
      schoolClass: classes[key],
      subject: maths,
      teacher: teacherOf[key],
      date: on,
      // 7А's and 7В's teacher is the same person: their lessons cannot share a number.
      lessonNumber: key === 'C' ? 2 : 1,
    });
  }
  const planIds = {} as Record<'A' | 'B', string>;
  for (const key of ['A', 'B'] as const) {
    const plan = em.create(ThematicPlan, {
      schoolId: school.id,
      schoolClass: classes[key],
      subject: maths,
      teacher: teacherOf[key],
    });
    em.create(ThematicPlanTopic, { plan, position: 1, title: 'Дроби', hours: 4 });
    planIds[key] = plan.id;
  }
  await em.flush();
  return { on, studyPeriodId: period.id, otherTeacher, lessons, planIds };
}

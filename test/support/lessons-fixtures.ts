import type { Role } from '../../src/core/auth/roles';
import type { School } from '../../src/core/tenancy/entities/school.entity';
import { SchoolClass } from '../../src/modules/classes/entities/school-class.entity';
import { Subgroup } from '../../src/modules/classes/entities/subgroup.entity';
import { TeachingAssignment } from '../../src/modules/classes/entities/teaching-assignment.entity';
import { Lesson, type LessonStatus } from '../../src/modules/lessons/entities/lesson.entity';
import { Person } from '../../src/modules/people/entities/person.entity';
import { createDefaultReferenceData } from '../../src/modules/reference-data/reference-defaults';
import { Room } from '../../src/modules/reference-data/entities/room.entity';
import { Subject } from '../../src/modules/reference-data/entities/subject.entity';
import { createPerson } from './classes-fixtures';
import { createUser, type TestUser } from './factories';
import type { TestApp } from './test-app';

/** Gives a test school what every new school gets: subjects, lesson types, bells (1–8)… */
export async function addDefaultReferenceData(t: TestApp, school: School): Promise<void> {
  const em = t.em();
  createDefaultReferenceData(em, school.id);
  await em.flush();
}

/** A member of staff with an account (role `teacher` by default) and a staff card. */
export async function createStaffMember(
  t: TestApp,
  school: School,
  lastName: string,
  role: Role = 'teacher',
): Promise<{ user: TestUser; person: Person }> {
  const user = await createUser(t, { roles: [{ role, school }] });
  const person = await createPerson(t, school, 'staff', {
    lastName,
    accountId: user.account.id,
    positions: ['Учитель'],
  });
  return { user, person };
}

export async function createRoom(t: TestApp, school: School, name: string): Promise<Room> {
  const em = t.em();
  const room = em.create(Room, { schoolId: school.id, name });
  await em.flush();
  return room;
}

export async function assignTeacher(
  t: TestApp,
  schoolClass: SchoolClass,
  subject: Subject,
  teacher: Person,
  spec: { subgroup?: Subgroup; hoursPerWeek?: number } = {},
): Promise<TeachingAssignment> {
  const em = t.em();
  const assignment = em.create(TeachingAssignment, {
    schoolId: schoolClass.schoolId,
    schoolClass: em.getReference(SchoolClass, schoolClass.id),
    subject: em.getReference(Subject, subject.id),
    teacher: em.getReference(Person, teacher.id),
    subgroup: spec.subgroup ? em.getReference(Subgroup, spec.subgroup.id) : null,
    hoursPerWeek: spec.hoursPerWeek ?? 0,
  });
  await em.flush();
  return assignment;
}

export interface LessonSpec {
  schoolClass: SchoolClass;
  subject: Subject;
  teacher: Person;
  date: string;
  lessonNumber?: number;
  subgroup?: Subgroup | null;
  substitute?: Person | null;
  origin?: 'timetable' | 'manual';
  status?: LessonStatus;
  topic?: string | null;
}

/** A dated lesson written straight into the database (bypassing the timetable). */
export async function createLesson(t: TestApp, spec: LessonSpec): Promise<Lesson> {
  const em = t.em();
  const cancelled = spec.status === 'cancelled';
  const lesson = em.create(Lesson, {
    schoolId: spec.schoolClass.schoolId,
    schoolClass: em.getReference(SchoolClass, spec.schoolClass.id),
    subject: em.getReference(Subject, spec.subject.id),
    teacher: em.getReference(Person, spec.teacher.id),
    subgroup: spec.subgroup ? em.getReference(Subgroup, spec.subgroup.id) : null,
    substitute: spec.substitute ? em.getReference(Person, spec.substitute.id) : null,
    date: spec.date,
    lessonNumber: spec.lessonNumber ?? 1,
    origin: spec.origin ?? 'manual',
    status: spec.status ?? 'scheduled',
    cancellationReason: cancelled ? 'Отменён (тест)' : null,
    topic: spec.topic ?? null,
    recordedAt: spec.topic ? t.clock.now() : null,
  });
  await em.flush();
  return lesson;
}

import type { ForcedSubject, MongoAbility } from '@casl/ability';

export const ACTIONS = ['read', 'create', 'update', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Everything a rule can be about. A module adds its subjects here; conditions on a subject
 * are written in the MikroORM query language of its entity (Mongo-like, so CASL reads
 * them too), which lets the same rule check one object and filter a list in SQL.
 */
export const SUBJECTS = [
  'Region',
  'School',
  'Account',
  'RoleAssignment',
  'OwnAccount',
  'AuditEvent',
  'Backup',
  // Conditions on the reference tables (subjects, mark_types, …, bells).
  'ReferenceData',
  // Conditions on academic_years, period_schemes, study_periods, holidays.
  'StudyPeriod',
  // Conditions on classes; teaching assignments and class lists are reached through their class.
  'SchoolClass',
  // Conditions on classes: whose subgroup splits may be read or changed.
  'Subgroup',
  // Conditions on classes: whose class list may be filled in (import of a class list).
  'ClassList',
  'MovementOrder',
  // Checked against `{ schoolId }`: names and positions of a school's staff.
  'StaffList',
  // Person cards. The subjects after it are parts of a card and their conditions are on
  // people too: "may read the identity documents of these people".
  'Person',
  'IdentityDocument',
  'HealthRecord',
  'PersonalFile',
  'Credential',
  // Conditions on classes; the school-wide view is checked against `{ schoolId }`.
  'Usage',
  // Checked against `{ schoolId }`: the curriculum, teachers' and students' weekly load.
  'Curriculum',
  // Conditions on timetable_entries and lessons (both have schoolId and schoolClass): who
  // reads a class's timetable, who changes it (cells, substitutions, cancellations).
  'Timetable',
  // Conditions on lessons: who reads a lesson's record, who records it (topic, homework).
  'Lesson',
  // Conditions on thematic_plans.
  'ThematicPlan',
  // Conditions on a journal cell (see modules/lessons/journal-cell.ts): `{ schoolId, schoolClass,
  // teacher, substitute, student }` of a lesson and one of its students. Checked in memory;
  // the journal's read path turns the same rules into "whole class" or "these students".
  'Mark',
  'Attendance',
  // Conditions on `{ schoolId, schoolClass, subject, teachers, student }`: period, year,
  // exam and final marks of a class × subject, `teachers` being those assigned to it.
  'PeriodMark',
  // Conditions on reports: `{ schoolId, type, classId, studentId }` of a report to run (create),
  // `{ requestedBy }` of a report row to read.
  'Report',
] as const;
export type Subject = (typeof SUBJECTS)[number];

export type AppAbility = MongoAbility<[Action, Subject | (ForcedSubject<Subject> & object)]>;

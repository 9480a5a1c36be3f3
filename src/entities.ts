import { AuditEvent } from './core/audit/audit-event.entity';
import { Account } from './core/auth/entities/account.entity';
import { ActivationCode } from './core/auth/entities/activation-code.entity';
import { LoginAttempt } from './core/auth/entities/login-attempt.entity';
import { RefreshToken } from './core/auth/entities/refresh-token.entity';
import { RoleAssignment } from './core/auth/entities/role-assignment.entity';
import { Backup } from './modules/backups/entities/backup.entity';
import { AcademicYear } from './modules/academic-years/entities/academic-year.entity';
import { Holiday } from './modules/academic-years/entities/holiday.entity';
import { PeriodScheme } from './modules/academic-years/entities/period-scheme.entity';
import { StudyPeriod } from './modules/academic-years/entities/study-period.entity';
import { Enrollment } from './modules/classes/entities/enrollment.entity';
import { MovementOrder } from './modules/classes/entities/movement-order.entity';
import { Movement } from './modules/classes/entities/movement.entity';
import { SchoolClass } from './modules/classes/entities/school-class.entity';
import {
  Subgroup,
  SubgroupMember,
  SubgroupSplit,
} from './modules/classes/entities/subgroup.entity';
import { TeachingAssignment } from './modules/classes/entities/teaching-assignment.entity';
import { Guardianship } from './modules/people/entities/guardianship.entity';
import { HealthRecord } from './modules/people/entities/health-record.entity';
import { IdentityDocument } from './modules/people/entities/identity-document.entity';
import { Person } from './modules/people/entities/person.entity';
import { PersonalDataConsent } from './modules/people/entities/personal-data-consent.entity';
import { PersonalFileNote } from './modules/people/entities/personal-file-note.entity';
import { AbsenceReason } from './modules/reference-data/entities/absence-reason.entity';
import { Bell } from './modules/reference-data/entities/bell.entity';
import { LessonType } from './modules/reference-data/entities/lesson-type.entity';
import { MarkType } from './modules/reference-data/entities/mark-type.entity';
import { Room } from './modules/reference-data/entities/room.entity';
import { Subject } from './modules/reference-data/entities/subject.entity';
import { CurriculumLine } from './modules/curriculum/entities/curriculum-line.entity';
import { Lesson } from './modules/lessons/entities/lesson.entity';
import { ThematicPlan, ThematicPlanTopic } from './modules/lessons/entities/thematic-plan.entity';
import { TimetableEntry } from './modules/timetable/entities/timetable-entry.entity';
import { Region } from './core/tenancy/entities/region.entity';
import { School } from './core/tenancy/entities/school.entity';

/** Every entity of the application; a module adds its own here. */
import { GradingScale } from './modules/reference-data/entities/grading-scale.entity';
import { Mark } from './modules/grades/entities/mark.entity';
import { PeriodMark } from './modules/grades/entities/period-mark.entity';
import { AttendanceEntry } from './modules/attendance/entities/attendance-entry.entity';
import { AttendanceWeek } from './modules/attendance/entities/attendance-week.entity';
import { JournalChange } from './modules/journal/entities/journal-change.entity';
import { Report } from './modules/reports/entities/report.entity';
export const ENTITIES = [
  Region,
  School,
  Account,
  RoleAssignment,
  ActivationCode,
  RefreshToken,
  LoginAttempt,
  AuditEvent,
  Backup,
  Subject,
  MarkType,
  LessonType,
  AbsenceReason,
  Room,
  Bell,
  AcademicYear,
  PeriodScheme,
  StudyPeriod,
  Holiday,
  Person,
  Guardianship,
  IdentityDocument,
  HealthRecord,
  PersonalDataConsent,
  PersonalFileNote,
  SchoolClass,
  Enrollment,
  MovementOrder,
  Movement,
  SubgroupSplit,
  Subgroup,
  SubgroupMember,
  TeachingAssignment,
  CurriculumLine,
  TimetableEntry,
  ThematicPlan,
  ThematicPlanTopic,
  Lesson,
  GradingScale,
  Mark,
  PeriodMark,
  AttendanceEntry,
  AttendanceWeek,
  JournalChange,
  Report,
];

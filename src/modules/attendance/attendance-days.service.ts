import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode, QueryOrder } from '@mikro-orm/postgresql';
import type { Actor } from '../../core/auth/actor';
import { ErrorCode } from '../../core/http/error-codes';
import { ProblemException } from '../../core/http/problem';
import type { AppAbility } from '../../core/policy/subjects';
import { SchoolClass } from '../classes/entities/school-class.entity';
import { className } from '../classes/class-name';
import { RosterService } from '../classes/roster/roster.service';
import { attendanceCell } from './attendance.policy';
import { journalCell } from '../lessons/journal-cell';
import { rosterSlotOf } from '../lessons/lesson-slot';
import { Lesson } from '../lessons/entities/lesson.entity';
import type { AbsenceReason } from '../reference-data/entities/absence-reason.entity';
import { classAttendance, LATE_CODE, reasonsOfSchool } from './attendance-scope';
import { SchoolTodayService } from '../../core/clock/school-today.service';
import type { AttendanceDayDto, SetDayReasonDto } from './dto/attendance-day.dto';
import { AttendanceDto } from './dto/attendance.dto';
import { AttendanceEntry } from './entities/attendance-entry.entity';
import { FieldErrors } from '../../core/http/field-errors';

/** A student's lessons of one day, locked for the write, with their entries. */
interface StudentDay {
  schoolClass: SchoolClass;
  date: string;
  studentId: string;
  lessons: Lesson[];
  entries: Map<string, AttendanceEntry>;
  reasons: Map<string, AbsenceReason>;
}

/**
 * A day's reason (seed 003 §5.2.3): the class teacher learns why a student missed a day
 * (a doctor's note) and sets it in every lesson of that day at once, or marks the student
 * present again. Only the student's entries change: the lessons' attendance is not "taken"
 * by it (`attendanceTakenAt` stays as it was).
 */
@Injectable()
export class AttendanceDaysService {
  constructor(
    private readonly em: EntityManager,
    private readonly schoolToday: SchoolTodayService,
    private readonly roster: RosterService,
  ) {}

  async setReason(
    ability: AppAbility,
    actor: Actor,
    classId: string,
    date: string,
    input: SetDayReasonDto,
  ): Promise<AttendanceDayDto> {
    return this.em.transactional(async (em) => {
      const schoolClass = await findClass(em, ability, classId, input.studentId);
      const errors = new FieldErrors();
      await this.checkStudent(schoolClass, date, input.studentId, errors);
      const reasons = await reasonsOfSchool(em, schoolClass.schoolId);
      const reason = reasons.get(input.reasonId);
      if (!reason) {
        errors.add('reasonId', 'reasonId must be an absence reason of this school');
      } else if (reason.archived) {
        errors.add('reasonId', `absence reason «${reason.name}» is archived`);
      } else if (reason.code === LATE_CODE) {
        errors.add(
          'reasonId',
          `a late arrival (${LATE_CODE}) is recorded per lesson, not for a whole day`,
        );
      }
      errors.throwIfAny();
      const day = await this.loadDay(
        em,
        ability,
        'update',
        schoolClass,
        date,
        input.studentId,
        reasons,
      );
      const today = await this.schoolToday.todayOf(schoolClass.schoolId, em);
      if (date > today) {
        throw ProblemException.conflict(
          ErrorCode.conflict,
          `${date} is after today (${today}): attendance is recorded for days that have begun.`,
        );
      }
      if (day.lessons.length === 0) {
        throw ProblemException.conflict(
          ErrorCode.conflict,
          `${className(schoolClass)} has no lessons on ${date} that the student attends.`,
        );
      }
      const comment = input.comment ?? null;
      for (const lesson of day.lessons) {
        const entry = day.entries.get(lesson.id);
        if (!entry) {
          day.entries.set(
            lesson.id,
            em.create(AttendanceEntry, {
              schoolId: schoolClass.schoolId,
              lessonId: lesson.id,
              studentId: input.studentId,
              reasonId: input.reasonId,
              comment,
              recordedBy: actor.accountId,
            }),
          );
        } else if (
          entry.reasonId !== input.reasonId ||
          entry.minutesLate !== null ||
          entry.comment !== comment
        ) {
          entry.reasonId = input.reasonId;
          entry.minutesLate = null;
          entry.comment = comment;
          entry.recordedBy = actor.accountId;
        }
      }
      await em.flush();
      return describeDay(day);
    });
  }

  /** Removes the student's entries of the day: present in every lesson. */
  async clear(
    ability: AppAbility,
    classId: string,
    date: string,
    studentId: string,
  ): Promise<AttendanceDayDto> {
    return this.em.transactional(async (em) => {
      const schoolClass = await findClass(em, ability, classId, studentId);
      const errors = new FieldErrors();
      await this.checkStudent(schoolClass, date, studentId, errors);
      errors.throwIfAny();
      const reasons = await reasonsOfSchool(em, schoolClass.schoolId);
      const day = await this.loadDay(em, ability, 'delete', schoolClass, date, studentId, reasons);
      for (const entry of day.entries.values()) em.remove(entry);
      day.entries.clear();
      await em.flush();
      return describeDay(day);
    });
  }

  private async checkStudent(
    schoolClass: SchoolClass,
    date: string,
    studentId: string,
    errors: FieldErrors,
  ): Promise<void> {
    if (!(await this.roster.isEnrolledOn(schoolClass.id, studentId, date))) {
      errors.add(
        'studentId',
        `studentId must be a student of ${className(schoolClass)} on ${date}`,
      );
    }
  }

  /**
   * The class's lessons of the date that the student attends (those whose roster has them;
   * not cancelled). The class's lessons of the date are locked in id order, so concurrent
   * writes of the same lessons queue rather than deadlock. 403 unless the caller may write
   * the student's attendance in every one of them: a day's reason is set for the whole day
   * or not at all.
   */
  private async loadDay(
    em: EntityManager,
    ability: AppAbility,
    action: 'update' | 'delete',
    schoolClass: SchoolClass,
    date: string,
    studentId: string,
    reasons: Map<string, AbsenceReason>,
  ): Promise<StudentDay> {
    const ofClass = await em.find(
      Lesson,
      { schoolClass: schoolClass.id, date, status: 'scheduled' },
      { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: QueryOrder.ASC } },
    );
    const rosters = await this.roster.rostersOf(ofClass.map(rosterSlotOf));
    const lessons = ofClass.filter((lesson) => rosters.get(lesson.id)?.has(studentId));
    await em.populate(lessons, ['subject', 'subgroup']);
    lessons.sort((a, b) => a.lessonNumber - b.lessonNumber || a.id.localeCompare(b.id));
    const refused = lessons.filter(
      (lesson) => !ability.can(action, attendanceCell(journalCell(lesson, studentId))),
    );
    const mayWriteClass = ability.can(action, classAttendance(schoolClass));
    if (refused.length > 0 || (lessons.length === 0 && !mayWriteClass)) {
      const which = refused.map((lesson) => `${lesson.lessonNumber} (${lesson.subject.name})`);
      throw ProblemException.forbidden(
        refused.length > 0
          ? `You may not record attendance in every lesson of ${date}: not in lesson ${which.join(', ')}. A day’s reason is set by the class teacher.`
          : 'A day’s reason is set by the class teacher.',
      );
    }
    const entries = lessons.length
      ? await em.find(AttendanceEntry, {
          lessonId: { $in: lessons.map((lesson) => lesson.id) },
          studentId,
        })
      : [];
    return {
      schoolClass,
      date,
      studentId,
      lessons,
      entries: new Map(entries.map((entry) => [entry.lessonId, entry])),
      reasons,
    };
  }
}

/** 404 unless the caller may read the class's attendance or at least this student's. */
async function findClass(
  em: EntityManager,
  ability: AppAbility,
  classId: string,
  studentId: string,
): Promise<SchoolClass> {
  const schoolClass = await em.findOne(SchoolClass, classId);
  if (
    !schoolClass ||
    !(
      ability.can('read', classAttendance(schoolClass)) ||
      ability.can('read', classAttendance(schoolClass, studentId))
    )
  ) {
    throw ProblemException.notFound(`Class ${classId}`);
  }
  return schoolClass;
}

function describeDay(day: StudentDay): AttendanceDayDto {
  return {
    date: day.date,
    studentId: day.studentId,
    lessons: day.lessons.map((lesson) => {
      const entry = day.entries.get(lesson.id);
      return {
        lessonId: lesson.id,
        lessonNumber: lesson.lessonNumber,
        subject: { id: lesson.subject.id, name: lesson.subject.name },
        subgroup: lesson.subgroup ? { id: lesson.subgroup.id, name: lesson.subgroup.name } : null,
        entry: entry ? AttendanceDto.from(entry, day.reasons.get(entry.reasonId)!) : null,
      };
    }),
  };
}

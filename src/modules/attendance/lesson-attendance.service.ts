import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Actor } from '../../core/auth/actor';
import { assertIfMatch } from '../../core/http/conditional-requests';
import { ErrorCode } from '../../core/http/error-codes';
import { ProblemException } from '../../core/http/problem';
import type { AppAbility } from '../../core/policy/subjects';
import { StudyPeriodsService } from '../academic-years/study-periods.service';
import { className } from '../classes/class-name';
import { attendanceCell } from './attendance.policy';
import { journalCell } from '../lessons/journal-cell';
import { rosterSlotOf } from '../lessons/lesson-slot';
import { RosterService } from '../classes/roster/roster.service';
import { Lesson } from '../lessons/entities/lesson.entity';
import type { Person } from '../people/entities/person.entity';
import type { AbsenceReason } from '../reference-data/entities/absence-reason.entity';
import { Clock } from '../../core/clock/clock';
import { SchoolTodayService } from '../../core/clock/school-today.service';
import { LATE_CODE, reasonsOfSchool } from './attendance-scope';
import { AttendanceDto, type LessonAttendanceDto } from './dto/attendance.dto';
import type { AbsenceInputDto, TakeAttendanceDto } from './dto/take-attendance.dto';
import { AttendanceEntry } from './entities/attendance-entry.entity';
import { FieldErrors } from '../../core/http/field-errors';

/** What a lesson's attendance is made of, loaded once per request. */
interface LessonState {
  lesson: Lesson;
  /** Who the lesson is for, in name order. */
  students: Person[];
  entries: AttendanceEntry[];
  reasons: Map<string, AbsenceReason>;
}

/**
 * Attendance of one lesson (J2): read as far as the caller's rules allow, and taken for the
 * whole lesson at once by its teacher (or substitute) or the class teacher.
 */
@Injectable()
export class LessonAttendanceService {
  constructor(
    private readonly em: EntityManager,
    private readonly studyPeriods: StudyPeriodsService,
    private readonly clock: Clock,
    private readonly schoolToday: SchoolTodayService,
    private readonly roster: RosterService,
  ) {}

  async get(ability: AppAbility, lessonId: string): Promise<LessonAttendanceDto> {
    const lesson = await this.em.findOne(Lesson, lessonId, {
      populate: ['schoolClass', 'subgroup'],
    });
    if (!lesson) throw notFound(lessonId);
    const view = describe(ability, await this.loadState(this.em, lesson));
    if (!view) throw notFound(lessonId);
    return view;
  }

  /**
   * The lesson's entries become exactly the list: an entry of a listed student is updated in
   * place (unchanged, it is not written at all, so its history gets no new row), the others
   * are removed. All in one flush, under a lock on the lesson, so two takes of one lesson do
   * not interleave; the period lock in the database refuses the whole write in a closed period.
   */
  async take(
    ability: AppAbility,
    actor: Actor,
    lessonId: string,
    input: TakeAttendanceDto,
    ifMatch?: string,
  ): Promise<LessonAttendanceDto> {
    return this.em.transactional(async (em) => {
      const lesson = await em.findOne(Lesson, lessonId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!lesson) throw notFound(lessonId);
      await em.populate(lesson, ['schoolClass', 'subgroup']);
      const state = await this.loadState(em, lesson);
      const current = describe(ability, state);
      if (!current) throw notFound(lessonId);
      if (!ability.can('update', attendanceCell(journalCell(lesson)))) {
        throw ProblemException.forbidden(
          'Attendance of a lesson is taken by its teacher (by the substitute, when one is set) or by the class teacher.',
        );
      }
      assertIfMatch(ifMatch, current);
      await this.assertTakeable(em, lesson);
      validate(state, input.absences);

      const existing = new Map(state.entries.map((entry) => [entry.studentId, entry]));
      const kept: AttendanceEntry[] = [];
      for (const absence of input.absences) {
        const entry = existing.get(absence.studentId);
        existing.delete(absence.studentId);
        kept.push(
          entry
            ? applyAbsence(entry, absence, actor)
            : em.create(AttendanceEntry, {
                schoolId: lesson.schoolId,
                lessonId: lesson.id,
                studentId: absence.studentId,
                reasonId: absence.reasonId,
                minutesLate: absence.minutesLate ?? null,
                comment: absence.comment ?? null,
                recordedBy: actor.accountId,
              }),
        );
      }
      for (const present of existing.values()) em.remove(present);
      lesson.attendanceTakenAt = this.clock.now();
      await em.flush();
      return describe(ability, { ...state, entries: kept })!;
    });
  }

  /** A cancelled lesson, a future one and one in a closed study period take no attendance. */
  private async assertTakeable(em: EntityManager, lesson: Lesson): Promise<void> {
    if (lesson.status === 'cancelled') {
      throw ProblemException.conflict(
        ErrorCode.conflict,
        `The lesson of ${lesson.date} was cancelled (${lesson.cancellationReason}): it has no attendance.`,
      );
    }
    const today = await this.schoolToday.todayOf(lesson.schoolId, em);
    if (lesson.date > today) {
      throw ProblemException.conflict(
        ErrorCode.conflict,
        `The lesson is on ${lesson.date}, after today (${today}): attendance is taken once it has begun.`,
      );
    }
    // The database refuses changed entries in a closed period by itself; this also refuses
    // a take that changes no entry (everyone present, as before), which would still mark
    // the lesson as taken.
    await this.studyPeriods.assertLessonsOpen(
      lesson.schoolId,
      lesson.schoolClass.grade,
      lesson.date,
    );
  }

  private async loadState(em: EntityManager, lesson: Lesson): Promise<LessonState> {
    const students = await this.roster.studentsOfLesson(rosterSlotOf(lesson));
    const entries = await em.find(AttendanceEntry, { lessonId: lesson.id });
    const reasons = await reasonsOfSchool(em, lesson.schoolId);
    return { lesson, students, entries, reasons };
  }
}

/**
 * The lesson's attendance as the caller may read it, each entry checked on its own; null
 * when they may read nothing of it: neither the class's column nor the cell of any student
 * of the lesson (a student or parent of another class).
 */
function describe(ability: AppAbility, state: LessonState): LessonAttendanceDto | null {
  const { lesson } = state;
  const readable = (studentId: string) =>
    ability.can('read', attendanceCell(journalCell(lesson, studentId)));
  const visible =
    ability.can('read', attendanceCell(journalCell(lesson))) ||
    state.students.some((student) => readable(student.id)) ||
    state.entries.some((entry) => readable(entry.studentId));
  if (!visible) return null;
  const position = new Map(state.students.map((student, index) => [student.id, index]));
  const order = (entry: AttendanceEntry) => position.get(entry.studentId) ?? state.students.length;
  const items = state.entries
    .filter((entry) => readable(entry.studentId))
    .sort((a, b) => order(a) - order(b) || a.studentId.localeCompare(b.studentId))
    .map((entry) => AttendanceDto.from(entry, state.reasons.get(entry.reasonId)!));
  return {
    lessonId: lesson.id,
    takenAt: lesson.attendanceTakenAt?.toISOString() ?? null,
    items,
  };
}

/** Every bad item of the list, by its path (`absences[2].reasonId`). */
function validate(state: LessonState, absences: AbsenceInputDto[]): void {
  const { lesson } = state;
  const errors = new FieldErrors();
  const students = new Set(state.students.map((student) => student.id));
  const entryReason = new Map(state.entries.map((entry) => [entry.studentId, entry.reasonId]));
  const firstAt = new Map<string, number>();
  const of = lesson.subgroup
    ? `${className(lesson.schoolClass)} on ${lesson.date} in «${lesson.subgroup.name}»`
    : `${className(lesson.schoolClass)} on ${lesson.date}`;
  absences.forEach((absence, index) => {
    const at = `absences[${index}]`;
    const first = firstAt.get(absence.studentId);
    if (first !== undefined) {
      errors.add(`${at}.studentId`, `the student is already listed in absences[${first}]`);
    } else {
      firstAt.set(absence.studentId, index);
    }
    // An entry already recorded stays editable when its student has since left the roster.
    if (!students.has(absence.studentId) && !entryReason.has(absence.studentId)) {
      errors.add(`${at}.studentId`, `studentId must be a student of the lesson (${of})`);
    }
    const reason = state.reasons.get(absence.reasonId);
    // A reason archived since it was given may stay on the student's entry.
    const kept = entryReason.get(absence.studentId) === absence.reasonId;
    if (!reason) {
      errors.add(`${at}.reasonId`, 'reasonId must be an absence reason of this school');
    } else if (reason.archived && !kept) {
      errors.add(`${at}.reasonId`, `absence reason «${reason.name}» is archived`);
    } else if (absence.minutesLate != null && reason.code !== LATE_CODE) {
      errors.add(
        `${at}.minutesLate`,
        `minutesLate is only for a late arrival (${LATE_CODE}), not for «${reason.name}» (${reason.code})`,
      );
    }
  });
  errors.throwIfAny();
}

/** Updates an entry only where it differs, so an unchanged entry is not written. */
function applyAbsence(
  entry: AttendanceEntry,
  absence: AbsenceInputDto,
  actor: Actor,
): AttendanceEntry {
  const minutesLate = absence.minutesLate ?? null;
  const comment = absence.comment ?? null;
  if (
    entry.reasonId !== absence.reasonId ||
    entry.minutesLate !== minutesLate ||
    entry.comment !== comment
  ) {
    entry.reasonId = absence.reasonId;
    entry.minutesLate = minutesLate;
    entry.comment = comment;
    entry.recordedBy = actor.accountId;
  }
  return entry;
}

const notFound = (lessonId: string) => ProblemException.notFound(`Lesson ${lessonId}`);

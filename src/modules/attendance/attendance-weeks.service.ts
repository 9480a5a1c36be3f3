import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager, LockMode, QueryOrder } from '@mikro-orm/postgresql';
import type { Actor } from '../../core/auth/actor';
import { addDays, mondayOf } from '../../core/calendar/date-only';
import { ErrorCode } from '../../core/http/error-codes';
import { ProblemException } from '../../core/http/problem';
import type { AppAbility } from '../../core/policy/subjects';
import { ClassPersonDto } from '../classes/dto/class.dto';
import { SchoolClass } from '../classes/entities/school-class.entity';
import { className } from '../classes/class-name';
import { Lesson } from '../lessons/entities/lesson.entity';
import { rosterSlotOf } from '../lessons/lesson-slot';
import { RosterService } from '../classes/roster/roster.service';
import { Clock } from '../../core/clock/clock';
import { SchoolTodayService } from '../../core/clock/school-today.service';
import { classAttendance, LATE_CODE, reasonsOfSchool } from './attendance-scope';
import type {
  AttendanceWeekDto,
  ReconcileWeekDto,
  WeekDayDto,
  WeekStudentDto,
} from './dto/attendance-week.dto';
import { AttendanceEntry } from './entities/attendance-entry.entity';
import { AttendanceWeek } from './entities/attendance-week.entity';

/** The week as loaded: its lessons (not cancelled), in timetable order. */
interface WeekState {
  view: AttendanceWeekDto;
  notTaken: Lesson[];
}

/** Dated lessons in the order of a timetable: by day, lesson number, then subgroup. */
const TIMETABLE_ORDER = [
  { date: QueryOrder.ASC },
  { lessonNumber: QueryOrder.ASC },
  { subgroup: { position: QueryOrder.ASC_NULLS_FIRST } },
  { id: QueryOrder.ASC },
];

/**
 * The class teacher's weekly reconciliation (J2, seed 003 §5.2.3): the class's week with
 * every student's absences and totals, which lessons have no attendance taken, and the
 * record that the week was checked.
 */
@Injectable()
export class AttendanceWeeksService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly schoolToday: SchoolTodayService,
    private readonly roster: RosterService,
  ) {}

  async get(ability: AppAbility, classId: string, date: string): Promise<AttendanceWeekDto> {
    const schoolClass = await findClass(this.em, ability, classId);
    const today = await this.schoolToday.todayOf(schoolClass.schoolId);
    return (await loadWeek(this.em, this.roster, schoolClass, mondayOf(date), today)).view;
  }

  /**
   * Records that the class teacher checked the week; again later, it records the new check
   * (time, who, note). Refused while lessons of the week up to today have no attendance
   * taken, unless `force` says the teacher knows.
   */
  async reconcile(
    ability: AppAbility,
    actor: Actor,
    classId: string,
    date: string,
    input: ReconcileWeekDto,
  ): Promise<AttendanceWeekDto> {
    return this.em.transactional(async (em) => {
      const schoolClass = await findClass(em, ability, classId, LockMode.PESSIMISTIC_WRITE);
      if (!ability.can('update', classAttendance(schoolClass))) {
        throw ProblemException.forbidden(
          `The attendance of ${className(schoolClass)} is reconciled by its class teacher.`,
        );
      }
      const weekOf = mondayOf(date);
      const today = await this.schoolToday.todayOf(schoolClass.schoolId, em);
      if (weekOf > today) {
        throw ProblemException.conflict(
          ErrorCode.conflict,
          `The week of ${weekOf} has not begun yet (today is ${today}).`,
        );
      }
      const { notTaken } = await loadWeek(em, this.roster, schoolClass, weekOf, today);
      if (notTaken.length > 0 && !input.force) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          ErrorCode.conflict,
          'Conflict',
          `${notTaken.length} lesson(s) of the week have no attendance taken: take it, or reconcile with force: true. They are listed in \`lessons\`.`,
          {
            lessons: notTaken.map((lesson) => ({
              lessonId: lesson.id,
              date: lesson.date,
              lessonNumber: lesson.lessonNumber,
              subject: { id: lesson.subject.id, name: lesson.subject.name },
            })),
          },
        );
      }
      const week =
        (await em.findOne(AttendanceWeek, { schoolClassId: schoolClass.id, weekOf })) ??
        em.create(AttendanceWeek, {
          schoolId: schoolClass.schoolId,
          schoolClassId: schoolClass.id,
          weekOf,
          reconciledAt: this.clock.now(),
          reconciledBy: actor.accountId,
        });
      week.reconciledAt = this.clock.now();
      week.reconciledBy = actor.accountId;
      week.note = input.note ?? null;
      await em.flush();
      return (await loadWeek(em, this.roster, schoolClass, weekOf, today)).view;
    });
  }
}

/** 404 unless the caller may read the class's whole attendance column (its staff). */
async function findClass(
  em: EntityManager,
  ability: AppAbility,
  classId: string,
  lockMode?: LockMode,
): Promise<SchoolClass> {
  const schoolClass = await em.findOne(SchoolClass, classId, lockMode ? { lockMode } : {});
  if (!schoolClass || !ability.can('read', classAttendance(schoolClass))) {
    throw ProblemException.notFound(`Class ${classId}`);
  }
  return schoolClass;
}

async function loadWeek(
  em: EntityManager,
  roster: RosterService,
  schoolClass: SchoolClass,
  weekOf: string,
  today: string,
): Promise<WeekState> {
  const sunday = addDays(weekOf, 6);
  const lessons = await em.find(
    Lesson,
    { schoolClass: schoolClass.id, date: { $gte: weekOf, $lte: sunday }, status: 'scheduled' },
    { populate: ['subject', 'subgroup'], orderBy: TIMETABLE_ORDER },
  );
  const students = await roster.studentsDuring(schoolClass.id, weekOf, sunday);
  const rosters = await roster.rostersOf(lessons.map(rosterSlotOf));
  const entries = lessons.length
    ? await em.find(AttendanceEntry, { lessonId: { $in: lessons.map((lesson) => lesson.id) } })
    : [];
  const reasons = await reasonsOfSchool(em, schoolClass.schoolId);
  const reconciliation = await em.findOne(AttendanceWeek, {
    schoolClassId: schoolClass.id,
    weekOf,
  });

  const days: WeekDayDto[] = [];
  for (const lesson of lessons) {
    if (days.at(-1)?.date !== lesson.date) days.push({ date: lesson.date, lessons: [] });
    days.at(-1)!.lessons.push({
      lessonId: lesson.id,
      lessonNumber: lesson.lessonNumber,
      subject: { id: lesson.subject.id, name: lesson.subject.name },
      subgroup: lesson.subgroup ? { id: lesson.subgroup.id, name: lesson.subgroup.name } : null,
      takenAt: lesson.attendanceTakenAt?.toISOString() ?? null,
    });
  }

  const lessonOrder = new Map(lessons.map((lesson, index) => [lesson.id, index]));
  const lessonById = new Map(lessons.map((lesson) => [lesson.id, lesson]));

  const rows: WeekStudentDto[] = students.map((student) => {
    const due = lessons.filter((lesson) => rosters.get(lesson.id)?.has(student.id));
    const own = entries
      .filter((entry) => entry.studentId === student.id)
      .sort((a, b) => lessonOrder.get(a.lessonId)! - lessonOrder.get(b.lessonId)!);
    const totals = { lessons: due.length, excused: 0, unexcused: 0, late: 0 };
    for (const entry of own) {
      const reason = reasons.get(entry.reasonId)!;
      if (reason.code === LATE_CODE) totals.late += 1;
      else if (reason.excused) totals.excused += 1;
      else totals.unexcused += 1;
    }
    return {
      student: ClassPersonDto.from(student),
      absences: own.map((entry) => ({
        lessonId: entry.lessonId,
        date: lessonById.get(entry.lessonId)!.date,
        code: reasons.get(entry.reasonId)!.code,
        minutesLate: entry.minutesLate,
      })),
      totals,
    };
  });

  const notTaken = lessons.filter(
    (lesson) => lesson.date <= today && lesson.attendanceTakenAt === null,
  );
  return {
    notTaken,
    view: {
      weekOf,
      reconciled: reconciliation
        ? {
            at: reconciliation.reconciledAt.toISOString(),
            by: reconciliation.reconciledBy,
            note: reconciliation.note,
          }
        : null,
      days,
      students: rows,
      lessonsNotTaken: notTaken.length,
    },
  };
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode } from '../../core/http/error-codes';
import { ProblemException } from '../../core/http/problem';
import type { AppAbility } from '../../core/policy/subjects';
import { School } from '../../core/tenancy/entities/school.entity';
import type { FieldErrors } from '../../core/http/field-errors';
import { StudyPeriod } from '../academic-years/entities/study-period.entity';
import { SchoolClass } from '../classes/entities/school-class.entity';
import { className } from '../classes/class-name';
import { Clock } from '../../core/clock/clock';
import { loadBellTimes } from '../lessons/bell-times';
import { addDays, daysBetween } from '../../core/calendar/date-only';
import { StudyPeriodsService } from '../academic-years/study-periods.service';
import { loadTimetableClass } from './class-access';
import {
  clashes,
  partyOf,
  SubgroupStudents,
  timetableConflict,
  type Booking,
  type Conflict,
} from './conflicts';
import {
  TimetableCellDto,
  TimetableStudyPeriodDto,
  type LessonGenerationDto,
  type RegenerateLessonsDto,
  type ReplaceTimetableDto,
  type TimetableChangeDto,
  type TimetableDto,
} from './dto/timetable.dto';
import { TimetableEntry } from './entities/timetable-entry.entity';
import { LessonGeneratorService } from './lesson-generator.service';
import { SlotChecker, type Slot } from './slots';
import { lockSchoolTimetable } from './timetable-lock';
import { SchoolTodayService } from '../../core/clock/school-today.service';
import { RosterService } from '../classes/roster/roster.service';

const CELL_POPULATE = ['subject', 'teacher', 'room', 'subgroup'] as const;

/** The longest range of dates one regeneration covers. */
const MAX_REGENERATION_DAYS = 366;

type NewCell = Booking & Slot & { weekday: number };

/** Class timetables (O6): reading one as of a date, replacing it from a date, regenerating. */
@Injectable()
export class TimetableService {
  constructor(
    private readonly em: EntityManager,
    private readonly schoolToday: SchoolTodayService,
    private readonly generator: LessonGeneratorService,
    private readonly clock: Clock,
    private readonly roster: RosterService,
    private readonly studyPeriods: StudyPeriodsService,
  ) {}

  async get(ability: AppAbility, classId: string, on?: string): Promise<TimetableDto> {
    const schoolClass = await loadTimetableClass(this.em, ability, classId, 'read');
    const date = on ?? (await this.schoolToday.todayOf(schoolClass.schoolId));
    return describeTimetable(this.em, this.studyPeriods, schoolClass, date);
  }

  /**
   * Replaces the class's week from `effectiveFrom` to the end of the period: the cells before
   * it stay (the past is not rewritten), those in force across it end the day before. Then
   * the class's lessons of those dates are regenerated. All or nothing, under the school's
   * timetable lock so that two changes cannot both pass the conflict check.
   */
  async replace(
    ability: AppAbility,
    classId: string,
    input: ReplaceTimetableDto,
  ): Promise<TimetableChangeDto> {
    const { schoolId } = await loadTimetableClass(this.em, ability, classId, 'update');
    return this.em.transactional(async (em) => {
      await lockSchoolTimetable(em, schoolId);
      const schoolClass = await em.findOneOrFail(SchoolClass, classId);
      const school = await em.findOneOrFail(School, schoolId);
      const checker = await SlotChecker.load(em, schoolClass, input.cells);
      const today = this.clock.today(school.timeZone);
      const checked = await this.checkPeriod(em, schoolClass, input, today, checker.errors);
      const cells: (NewCell | null)[] = input.cells.map((cell, index) => {
        if (cell.weekday > school.weekDays) {
          checker.errors.add(
            `cells[${index}].weekday`,
            `the school has ${school.weekDays} school days a week: weekday must be 1–${school.weekDays}`,
          );
        }
        const slot = checker.check(cell, `cells[${index}].`);
        return slot && { ...slot, weekday: cell.weekday, schoolClass, party: { cellIndex: index } };
      });
      if (!checked || checker.list.length > 0) throw ProblemException.invalid(checker.list);
      const { period, effectiveFrom } = checked;
      if (period.closedAt) {
        throw ProblemException.conflict(
          ErrorCode.periodClosed,
          `«${period.name}» is closed: its timetable cannot change.`,
        );
      }
      const newCells = cells as NewCell[];
      // Subgroups share a student if both have one enrolled when the change takes effect
      // (today, for a change that took effect already).
      const conflicts = await this.findConflicts(
        em,
        schoolClass,
        newCells,
        { from: effectiveFrom, to: period.endsOn },
        today > effectiveFrom ? today : effectiveFrom,
      );
      if (conflicts.length > 0) throw timetableConflict(conflicts);

      const stored = await em.find(TimetableEntry, {
        schoolClass,
        studyPeriodId: period.id,
        validUntil: { $gte: effectiveFrom },
      });
      for (const cell of stored) {
        if (cell.validFrom >= effectiveFrom) em.remove(cell);
        else cell.validUntil = addDays(effectiveFrom, -1);
      }
      for (const cell of newCells) {
        em.create(TimetableEntry, {
          schoolId,
          schoolClass,
          studyPeriodId: period.id,
          weekday: cell.weekday,
          lessonNumber: cell.lessonNumber,
          subject: cell.subject,
          teacher: cell.teacher,
          room: cell.room,
          subgroup: cell.subgroup,
          validFrom: effectiveFrom,
          validUntil: period.endsOn,
        });
      }
      await em.flush();
      const generation = await this.generator.regenerate(
        em,
        schoolClass,
        effectiveFrom,
        period.endsOn,
      );
      return {
        ...(await describeTimetable(em, this.studyPeriods, schoolClass, effectiveFrom)),
        generation,
      };
    });
  }

  async regenerate(
    ability: AppAbility,
    classId: string,
    range: RegenerateLessonsDto,
  ): Promise<LessonGenerationDto> {
    const { schoolId } = await loadTimetableClass(this.em, ability, classId, 'update');
    if (range.to < range.from) {
      throw ProblemException.invalid([{ field: 'to', messages: ['to must not be before from'] }]);
    }
    if (daysBetween(range.from, range.to) >= MAX_REGENERATION_DAYS) {
      throw ProblemException.invalid([
        { field: 'to', messages: [`at most ${MAX_REGENERATION_DAYS} days at a time`] },
      ]);
    }
    return this.em.transactional(async (em) => {
      await lockSchoolTimetable(em, schoolId);
      const schoolClass = await em.findOneOrFail(SchoolClass, classId);
      return this.generator.regenerate(em, schoolClass, range.from, range.to);
    });
  }

  /** The period must be of the class's year and grade; `effectiveFrom` within it. */
  private async checkPeriod(
    em: EntityManager,
    schoolClass: SchoolClass,
    input: ReplaceTimetableDto,
    today: string,
    errors: FieldErrors,
  ): Promise<{ period: StudyPeriod; effectiveFrom: string } | null> {
    const period = await this.studyPeriods.periodOfGrade(
      schoolClass.academicYearId,
      schoolClass.grade,
      input.studyPeriodId,
    );
    if (!period) {
      errors.add(
        'studyPeriodId',
        `studyPeriodId must be a study period of grade ${schoolClass.grade} in the academic year of ${className(schoolClass)}`,
      );
      return null;
    }
    // By default a change takes effect today (or when the period starts), never in the past.
    const effectiveFrom =
      input.effectiveFrom ??
      (today > period.startsOn && today <= period.endsOn ? today : period.startsOn);
    if (effectiveFrom < period.startsOn || effectiveFrom > period.endsOn) {
      errors.add(
        'effectiveFrom',
        `effectiveFrom must be within «${period.name}» (${period.startsOn} – ${period.endsOn})`,
      );
      return null;
    }
    return { period, effectiveFrom };
  }

  /**
   * Every clash of the new cells over [from, to]: among themselves (teacher, room, class,
   * subgroup) and with the cells of the school's other classes (teacher, room). The class's
   * own stored cells from `from` on are being replaced, so they do not count.
   */
  private async findConflicts(
    em: EntityManager,
    schoolClass: SchoolClass,
    cells: NewCell[],
    span: { from: string; to: string },
    studentsOn: string,
  ): Promise<Conflict[]> {
    const students = await SubgroupStudents.load(
      this.roster,
      schoolClass.id,
      cells.flatMap((c) => (c.subgroup ? [c.subgroup.id] : [])),
      studentsOn,
    );
    const conflicts: Conflict[] = [];
    const sameSlot = (a: { weekday: number; lessonNumber: number }, b: typeof a) =>
      a.weekday === b.weekday && a.lessonNumber === b.lessonNumber;
    const others = await em.find(
      TimetableEntry,
      {
        schoolId: schoolClass.schoolId,
        schoolClass: { $ne: schoolClass.id },
        validFrom: { $lte: span.to },
        validUntil: { $gte: span.from },
        $or: [
          { teacher: { $in: cells.map((c) => c.teacher.id) } },
          { room: { $in: cells.flatMap((c) => (c.room ? [c.room.id] : [])) } },
        ],
      },
      { populate: ['schoolClass', ...CELL_POPULATE], orderBy: { validFrom: 'asc' } },
    );
    cells.forEach((cell, index) => {
      const report = (other: Booking) =>
        clashes(cell, other, students).map(({ kind, message }) => ({
          kind,
          weekday: cell.weekday,
          lessonNumber: cell.lessonNumber,
          cellIndex: index,
          message,
          with: partyOf(other),
        }));
      for (const later of cells.slice(index + 1)) {
        if (sameSlot(cell, later)) conflicts.push(...report(later));
      }
      for (const other of others) {
        if (!sameSlot(cell, other)) continue;
        conflicts.push(
          ...report({
            schoolClass: other.schoolClass,
            subject: other.subject,
            teacher: other.teacher,
            room: other.room,
            subgroup: other.subgroup,
            party: { cellId: other.id, validFrom: other.validFrom, validUntil: other.validUntil },
          }),
        );
      }
    });
    return conflicts;
  }
}

/** The class's timetable as in force on `on`. */
async function describeTimetable(
  em: EntityManager,
  studyPeriods: StudyPeriodsService,
  schoolClass: SchoolClass,
  on: string,
): Promise<TimetableDto> {
  const calendar = await studyPeriods.calendarOf(schoolClass.academicYearId, schoolClass.grade);
  const period = calendar.periodContaining(on);
  const cells = await em.find(
    TimetableEntry,
    { schoolClass, validFrom: { $lte: on }, validUntil: { $gte: on } },
    { populate: CELL_POPULATE },
  );
  cells.sort(
    (a, b) =>
      a.weekday - b.weekday ||
      a.lessonNumber - b.lessonNumber ||
      (a.subgroup?.position ?? 0) - (b.subgroup?.position ?? 0) ||
      a.subject.name.localeCompare(b.subject.name, 'ru'),
  );
  const bells = await loadBellTimes(em, schoolClass.schoolId);
  return {
    classId: schoolClass.id,
    className: className(schoolClass),
    on,
    studyPeriod: period ? TimetableStudyPeriodDto.from(period) : null,
    cells: cells.map((cell) => TimetableCellDto.from(cell, bells)),
  };
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode } from '../../core/http/error-codes';
import { ProblemException } from '../../core/http/problem';
import { assertAllowed, findVisible } from '../../core/policy/scoped-find';
import type { Action, AppAbility } from '../../core/policy/subjects';
import { School } from '../../core/tenancy/entities/school.entity';
import { StudyPeriodsService } from '../academic-years/study-periods.service';
import { SchoolClass } from '../classes/entities/school-class.entity';
import { loadBellTimes } from '../lessons/bell-times';
import { LESSON_POPULATE, LessonDto } from '../lessons/dto/lesson.dto';
import { lessonsWithJournalEntries } from '../journal/journal-entries';
import { isBlank, Lesson } from '../lessons/entities/lesson.entity';
import { Person } from '../people/entities/person.entity';
import { Room } from '../reference-data/entities/room.entity';
import { isoWeekday } from '../../core/calendar/date-only';
import { ClassCalendar } from './calendar';
import { loadTimetableClass } from './class-access';
import { timetableConflict } from './conflicts';
import type {
  CancelLessonDto,
  CreateManualLessonDto,
  SubstitutionInputDto,
} from './dto/lesson-corrections.dto';
import { lessonBooking, lessonConflicts } from './lesson-conflicts';
import { SlotChecker } from './slots';
import { lockSchoolTimetable } from './timetable-lock';
import { RosterService } from '../classes/roster/roster.service';

/**
 * Corrections of dated lessons (O6): substitutions, cancellations, lessons added by hand. They
 * are timetable changes, checked with the Timetable rules on the lesson row, and run under the
 * school's timetable lock like the timetable itself. Only staff reach them, so the answers
 * carry the teacher's notes.
 */
@Injectable()
export class LessonCorrectionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly studyPeriods: StudyPeriodsService,
    private readonly roster: RosterService,
  ) {}

  /** Another teacher (and maybe room) for this lesson's date only. */
  async substitute(
    ability: AppAbility,
    lessonId: string,
    input: SubstitutionInputDto,
  ): Promise<LessonDto> {
    const { schoolId } = await this.loadForChange(ability, lessonId, 'update');
    return this.inLock(schoolId, async (em) => {
      const lesson = await this.currentLesson(em, lessonId);
      if (lesson.status === 'cancelled') {
        throw ProblemException.conflict(
          ErrorCode.conflict,
          'The lesson is cancelled: restore it before giving it a substitute.',
        );
      }
      const errors: { field: string; messages: string[] }[] = [];
      const teacher = await em.findOne(Person, { id: input.teacherId, schoolId, kind: 'staff' });
      if (!teacher) {
        errors.push({
          field: 'teacherId',
          messages: ['teacherId must be a member of staff of this school'],
        });
      } else if (teacher.id === lesson.teacher.id) {
        errors.push({
          field: 'teacherId',
          messages: ['the substitute must be someone other than the lesson’s own teacher'],
        });
      }
      const room = input.roomId
        ? await em.findOne(Room, { id: input.roomId, schoolId, archived: false })
        : null;
      if (input.roomId && !room) {
        errors.push({ field: 'roomId', messages: ['no such current room in this school'] });
      }
      if (errors.length > 0) throw ProblemException.invalid(errors);
      // Only what changes can newly clash: the substitute, and the room when one is given.
      const conflicts = await lessonConflicts(
        em,
        this.roster,
        { ...lessonBooking(lesson), teacher: teacher!, room },
        { date: lesson.date, lessonNumber: lesson.lessonNumber, exceptLessonId: lesson.id },
        room ? ['teacher', 'room'] : ['teacher'],
      );
      if (conflicts.length > 0) throw timetableConflict(conflicts);
      lesson.substitute = teacher;
      if (room) lesson.room = room;
      return this.describe(em, lesson);
    });
  }

  async removeSubstitution(ability: AppAbility, lessonId: string): Promise<LessonDto> {
    const { schoolId } = await this.loadForChange(ability, lessonId, 'update');
    return this.inLock(schoolId, async (em) => {
      const lesson = await this.currentLesson(em, lessonId);
      if (lesson.status === 'cancelled') {
        throw ProblemException.conflict(
          ErrorCode.conflict,
          'The lesson is cancelled: restore it before changing its substitution.',
        );
      }
      // The lesson's own teacher takes it back: they may be busy elsewhere by now.
      const conflicts = await lessonConflicts(
        em,
        this.roster,
        { ...lessonBooking(lesson), teacher: lesson.teacher },
        { date: lesson.date, lessonNumber: lesson.lessonNumber, exceptLessonId: lesson.id },
        ['teacher'],
      );
      if (conflicts.length > 0) throw timetableConflict(conflicts);
      lesson.substitute = null;
      return this.describe(em, lesson);
    });
  }

  async cancel(ability: AppAbility, lessonId: string, input: CancelLessonDto): Promise<LessonDto> {
    const { schoolId } = await this.loadForChange(ability, lessonId, 'update');
    return this.inLock(schoolId, async (em) => {
      const lesson = await this.currentLesson(em, lessonId);
      if (lesson.status === 'cancelled') {
        throw ProblemException.conflict(ErrorCode.conflict, 'The lesson is already cancelled.');
      }
      if ((await lessonsWithJournalEntries(em, [lesson.id])).size > 0) {
        throw ProblemException.conflict(
          ErrorCode.conflict,
          'The lesson has marks or attendance: it took place and cannot be cancelled.',
        );
      }
      lesson.status = 'cancelled';
      lesson.cancellationReason = input.reason;
      return this.describe(em, lesson);
    });
  }

  /** Scheduled again, if its slot is still free: others may have taken it meanwhile. */
  async restore(ability: AppAbility, lessonId: string): Promise<LessonDto> {
    const { schoolId } = await this.loadForChange(ability, lessonId, 'update');
    return this.inLock(schoolId, async (em) => {
      const lesson = await this.currentLesson(em, lessonId);
      if (lesson.status !== 'cancelled') {
        throw ProblemException.conflict(ErrorCode.conflict, 'The lesson is not cancelled.');
      }
      const conflicts = await lessonConflicts(em, this.roster, lessonBooking(lesson), {
        date: lesson.date,
        lessonNumber: lesson.lessonNumber,
        exceptLessonId: lesson.id,
      });
      if (conflicts.length > 0) throw timetableConflict(conflicts);
      lesson.status = 'scheduled';
      lesson.cancellationReason = null;
      return this.describe(em, lesson);
    });
  }

  /** A lesson outside the timetable (origin `manual`): generation never touches it. */
  async addManual(
    ability: AppAbility,
    classId: string,
    input: CreateManualLessonDto,
  ): Promise<LessonDto> {
    const { schoolId } = await loadTimetableClass(this.em, ability, classId, 'create');
    return this.inLock(schoolId, async (em) => {
      const schoolClass = await em.findOneOrFail(SchoolClass, classId);
      const school = await em.findOneOrFail(School, schoolId);
      const checker = await SlotChecker.load(em, schoolClass, [input]);
      const slot = checker.check(input);
      const calendar = await ClassCalendar.load(em, schoolClass);
      if (!calendar.lessonPeriod(input.date) || isoWeekday(input.date) > school.weekDays) {
        checker.errors.add(
          'date',
          `date must be a school day of a study period of grade ${schoolClass.grade} (not a holiday)`,
        );
      }
      if (!slot || checker.list.length > 0) throw ProblemException.invalid(checker.list);
      await this.studyPeriods.assertLessonsOpen(schoolId, schoolClass.grade, input.date);
      const booking = { ...slot, schoolClass };
      const conflicts = await lessonConflicts(em, this.roster, booking, {
        date: input.date,
        lessonNumber: input.lessonNumber,
      });
      if (conflicts.length > 0) throw timetableConflict(conflicts);
      const lesson = em.create(Lesson, {
        schoolId,
        schoolClass,
        subject: slot.subject,
        subgroup: slot.subgroup,
        date: input.date,
        lessonNumber: input.lessonNumber,
        teacher: slot.teacher,
        room: slot.room,
        origin: 'manual',
      });
      return this.describe(em, lesson);
    });
  }

  /** Only a blank lesson added by hand: timetable lessons follow the timetable (cancel them). */
  async removeManual(ability: AppAbility, lessonId: string): Promise<void> {
    const { schoolId } = await this.loadForChange(ability, lessonId, 'delete');
    await this.inLock(schoolId, async (em) => {
      const lesson = await this.currentLesson(em, lessonId);
      if (lesson.origin !== 'manual') {
        throw ProblemException.conflict(
          ErrorCode.conflict,
          'Only lessons added by hand can be deleted; a timetable lesson follows the timetable (cancel it instead).',
        );
      }
      const journaled = await lessonsWithJournalEntries(em, [lesson.id]);
      if (!isBlank(lesson) || journaled.size > 0) {
        throw ProblemException.conflict(
          ErrorCode.conflict,
          'Something is recorded in this lesson (a topic, marks or attendance); it cannot be deleted.',
        );
      }
      em.remove(lesson);
      await em.flush();
    });
  }

  /**
   * The lesson as it is now: re-read under the lock (the copy loaded before it may be stale),
   * and refused when its study period is closed.
   */
  private async currentLesson(em: EntityManager, id: string): Promise<Lesson> {
    const lesson = await em.findOneOrFail(Lesson, id, { populate: LESSON_POPULATE, refresh: true });
    await this.studyPeriods.assertLessonsOpen(
      lesson.schoolId,
      lesson.schoolClass.grade,
      lesson.date,
    );
    return lesson;
  }

  /** 404 when the caller cannot see the lesson's timetable, 403 when they may not change it. */
  private async loadForChange(ability: AppAbility, id: string, action: Action): Promise<Lesson> {
    const lesson = await findVisible(this.em, Lesson, id, ability, 'Timetable');
    await assertAllowed(this.em, Lesson, id, ability, action, 'Timetable');
    return lesson;
  }

  private inLock<T>(schoolId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.em.transactional(async (em) => {
      await lockSchoolTimetable(em, schoolId);
      return work(em);
    });
  }

  private async describe(em: EntityManager, lesson: Lesson): Promise<LessonDto> {
    await em.flush();
    await em.populate(lesson, LESSON_POPULATE);
    return LessonDto.from(lesson, await loadBellTimes(em, lesson.schoolId), true);
  }
}

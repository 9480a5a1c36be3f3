import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SchoolClass } from '../classes/entities/school-class.entity';
import { lessonsWithJournalEntries } from '../journal/journal-entries';
import { isBlank, Lesson } from '../lessons/entities/lesson.entity';
import { TimetableEntry } from './entities/timetable-entry.entity';
import { timetableConflict } from './conflicts';
import { datedClashes } from './lesson-conflicts';
import { eachDate, isoWeekday } from '../../core/calendar/date-only';
import { StudyPeriodsService } from '../academic-years/study-periods.service';
import type { LessonGenerationDto } from './dto/timetable.dto';

/** The generation key: a timetable lesson is the same lesson when these match. */
const keyOf = (l: {
  date: string;
  lessonNumber: number;
  subject: { id: string };
  subgroup: { id: string } | null;
}) => `${l.date}|${l.lessonNumber}|${l.subject.id}|${l.subgroup?.id ?? ''}`;

interface Desired {
  date: string;
  lessonNumber: number;
  cell: TimetableEntry;
  subject: TimetableEntry['subject'];
  subgroup: TimetableEntry['subgroup'];
}

/**
 * Turns a class's timetable into dated lessons (J1). Each school day of a study period of the
 * class's grade gets the lessons of the cells in force on it for its weekday; holidays and
 * days outside the periods get none. Existing timetable lessons are matched by date, lesson
 * number, subject and subgroup: a blank match follows the cell's teacher and room, a recorded
 * one stays as recorded; a lesson the timetable no longer has is removed while blank, else
 * kept. The generated lessons must not clash with other classes' lessons of those dates
 * (substitutions, lessons added by hand): any clash is a 409 and the caller's transaction
 * rolls back.
 * Running it twice changes nothing the second time; lessons added by hand are never touched.
 */
@Injectable()
export class LessonGeneratorService {
  constructor(private readonly studyPeriods: StudyPeriodsService) {}

  /** Call inside the timetable lock's transaction (`em` is its entity manager). */
  async regenerate(
    em: EntityManager,
    schoolClass: SchoolClass,
    from: string,
    to: string,
  ): Promise<LessonGenerationDto> {
    const calendar = await this.studyPeriods.calendarOf(
      schoolClass.academicYearId,
      schoolClass.grade,
    );
    const cells = await em.find(
      TimetableEntry,
      { schoolClass, validFrom: { $lte: to }, validUntil: { $gte: from } },
      { populate: ['subject', 'teacher', 'room', 'subgroup'] },
    );
    const desired = new Map<string, Desired>();
    for (const date of eachDate(from, to)) {
      if (!calendar.lessonPeriod(date)) continue;
      const weekday = isoWeekday(date);
      for (const cell of cells) {
        if (cell.weekday !== weekday || cell.validFrom > date || cell.validUntil < date) continue;
        const wanted = {
          date,
          lessonNumber: cell.lessonNumber,
          cell,
          subject: cell.subject,
          subgroup: cell.subgroup,
        };
        if (!desired.has(keyOf(wanted))) desired.set(keyOf(wanted), wanted);
      }
    }

    const existing = await em.find(
      Lesson,
      { schoolClass, origin: 'timetable', date: { $gte: from, $lte: to } },
      { populate: ['subject'], orderBy: { date: 'asc', lessonNumber: 'asc' } },
    );
    const result: LessonGenerationDto = { created: 0, updated: 0, removed: 0, kept: [] };
    const unwanted: string[] = [];
    const journaled = await lessonsWithJournalEntries(
      em,
      existing.map((lesson) => lesson.id),
    );
    const blank = (lesson: Lesson) => isBlank(lesson) && !journaled.has(lesson.id);
    for (const lesson of existing) {
      const wanted = desired.get(keyOf(lesson));
      if (wanted) {
        desired.delete(keyOf(lesson));
        // What was recorded was taught by that teacher in that room: it is not rewritten.
        if (blank(lesson) && this.follow(lesson, wanted.cell)) result.updated++;
      } else if (blank(lesson)) {
        unwanted.push(lesson.id);
      } else {
        result.kept.push({
          lessonId: lesson.id,
          date: lesson.date,
          lessonNumber: lesson.lessonNumber,
          subject: { id: lesson.subject.id, name: lesson.subject.name },
        });
      }
    }
    for (const wanted of desired.values()) {
      em.create(Lesson, {
        schoolId: schoolClass.schoolId,
        schoolClass,
        subject: wanted.subject,
        subgroup: wanted.subgroup,
        date: wanted.date,
        lessonNumber: wanted.lessonNumber,
        teacher: wanted.cell.teacher,
        room: wanted.cell.room,
        origin: 'timetable',
      });
      result.created++;
    }
    await em.flush();
    // Deleted only while still blank: a teacher recording one of them at this very moment
    // (the record does not take the timetable lock) keeps the lesson.
    if (unwanted.length > 0) {
      result.removed = await em.nativeDelete(Lesson, {
        id: { $in: unwanted },
        recordedAt: null,
        attendanceTakenAt: null,
      });
    }
    const clashes = await datedClashes(em, schoolClass, from, to);
    if (clashes.length > 0) throw timetableConflict(clashes);
    return result;
  }

  /**
   * Gives a matched blank lesson the cell's teacher and room; whether anything changed. Its
   * status stays; a substituted lesson keeps the room its substitution chose.
   */
  private follow(lesson: Lesson, cell: TimetableEntry): boolean {
    let changed = false;
    if (lesson.teacher.id !== cell.teacher.id) {
      lesson.teacher = cell.teacher;
      // A substitute for one's own lesson is no substitute.
      if (lesson.substitute?.id === cell.teacher.id) lesson.substitute = null;
      changed = true;
    }
    if (!lesson.substitute && (lesson.room?.id ?? null) !== (cell.room?.id ?? null)) {
      lesson.room = cell.room;
      changed = true;
    }
    return changed;
  }
}

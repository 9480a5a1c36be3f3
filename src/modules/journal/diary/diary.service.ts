import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../../core/auth/actor';
import { ProblemException } from '../../../core/http/problem';
import type { AppAbility } from '../../../core/policy/subjects';
import { classReadAccess, type ClassReadAccess, type JsonText } from '../grid/journal-read';
import { queryPrepared } from '../../../core/database/prepared';
import { Clock } from '../../../core/clock/clock';
import type { DiaryDto, DiaryQueryDto, MyDiaryQueryDto } from './dto/diary.dto';
import { DIARY_SQL, type DiaryRow } from './diary.sql';

/**
 * The electronic diary (J7): one SQL statement builds a student's week; the caller's `Mark`
 * and `Attendance` rules are checked in memory against the classes of the student. The
 * student, their parents and the staff who read the class's marks see it; anyone else 404.
 */
@Injectable()
export class DiaryService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async ofStudent(ability: AppAbility, studentId: string, query: DiaryQueryDto): Promise<JsonText> {
    const row = await this.load(studentId, null, query.week);
    if (!row.studentId) throw ProblemException.notFound(`Student ${studentId}`);
    return this.visiblePart(ability, row, studentId);
  }

  /**
   * A student's own diary; a parent's child's: the one named by `studentId`, or the only
   * child. A parent of several children must choose (400 listing them).
   */
  async mine(ability: AppAbility, actor: Actor, query: MyDiaryQueryDto): Promise<JsonText> {
    const row = await this.load(query.studentId ?? null, actor.accountId, query.week);
    if (!row.studentId) {
      if (query.studentId) throw ProblemException.notFound(`Student ${query.studentId}`);
      if (row.candidates.length === 0) {
        throw ProblemException.notFound('A diary of this account (it is no student or parent)');
      }
      const choices = row.candidates.map((child) => `${child.name} (${child.id})`).join(', ');
      throw ProblemException.invalid([
        { field: 'studentId', messages: [`choose one of: ${choices}`] },
      ]);
    }
    return this.visiblePart(ability, row, row.studentId);
  }

  private async load(
    studentId: string | null,
    accountId: string | null,
    week: string | undefined,
  ): Promise<DiaryRow> {
    const [row] = await queryPrepared<DiaryRow>(this.em, 'journal_diary', DIARY_SQL, [
      studentId,
      accountId,
      week ?? null,
      this.clock.now().toISOString(),
    ]);
    return row;
  }

  /**
   * 404 unless the caller may read the student's marks in one of the student's classes; then
   * only the lessons of the classes they may read (all of them for the student, parents and
   * the leadership), absences only where they may read attendance.
   */
  private visiblePart(ability: AppAbility, row: DiaryRow, studentId: string): JsonText {
    const schoolId = row.schoolId!;
    const accessOf = new Map<string, ClassReadAccess>();
    const access = (classId: string) => {
      let found = accessOf.get(classId);
      if (!found) accessOf.set(classId, (found = classReadAccess(ability, schoolId, classId)));
      return found;
    };
    // A student in no class yet: the student's, the parents' and the leadership's rules.
    const classes = row.classIds.length > 0 ? row.classIds : [''];
    if (!classes.some((classId) => access(classId).marksOf(studentId))) {
      throw ProblemException.notFound(`Student ${studentId}`);
    }
    const seesWholeWeek = row.weekClassIds.every(
      (classId) => access(classId).marksOf(studentId) && access(classId).attendanceOf(studentId),
    );
    if (seesWholeWeek) return row.body!;

    const diary = JSON.parse(row.body!) as DiaryDto;
    for (const day of diary.days) {
      day.lessons = day.lessons
        .filter((lesson) => access(lesson.classId).marksOf(studentId))
        .map((lesson) =>
          access(lesson.classId).attendanceOf(studentId) ? lesson : { ...lesson, absence: null },
        );
    }
    return JSON.stringify(diary);
  }
}

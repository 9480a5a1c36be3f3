import { HttpStatus, Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../../core/auth/actor';
import { Clock } from '../../../core/clock/clock';
import { queryPrepared } from '../../../core/database/prepared';
import { TRANSACTION_ATTEMPTS } from '../../../core/database/retrying-entity-manager';
import { transactionSettings } from '../../../core/database/transaction-settings.subscriber';
import { uuidv7 } from '../../../core/database/uuid';
import { assertIfMatch } from '../../../core/http/conditional-requests';
import { BUSY_RETRY_AFTER_SECONDS } from '../../../core/http/database-problems';
import { ErrorCode } from '../../../core/http/error-codes';
import { ProblemException, type FieldError } from '../../../core/http/problem';
import type { Action, AppAbility } from '../../../core/policy/subjects';
import type { CreateMarkDto, SaveLessonMarksDto, UpdateMarkDto } from '../dto/mark-input.dto';
import { MarkDto, type MarkListDto, type MarkSource } from '../dto/mark.dto';
import { Mark } from '../entities/mark.entity';
import { markCell } from '../grades.policy';
import { changesNothing, planLessonMarks, type LessonMarksPlan } from './lesson-marks-plan';
import {
  cellOf,
  inStudentOrder,
  lessonSheetOf,
  sourceOf,
  storedMarkOf,
  type LessonSheet,
  type LessonSheetRow,
  type MarkedLesson,
  type StoredMark,
} from './lesson-sheet';
import { checkMarkFields, markChange, newMark, refusalOf, unmarkableReason } from './mark-rules';
import {
  LESSON_SHEET_SQL,
  MARK_SQL,
  SAVE_LESSON_MARKS_SQL,
  saveLessonMarksParams,
} from './marks.sql';

interface MarkRow extends MarkSource {
  schoolId: string;
  classId: string;
  teacherId: string;
  substituteId: string | null;
}

/**
 * Current marks (J3). The database's triggers keep the history of each cell (J10) with the
 * actor and reason the transaction carries, and refuse a write into a closed study period
 * (J5, 409 `period.closed`), so every write is one transaction: nothing partial is stored.
 * Permission is checked per cell against the lesson (its teacher, substitute and class) and
 * the student, in memory.
 */
@Injectable()
export class MarksService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  /** The lesson's marks the caller may read: all for staff, their own (children's) for pupils. */
  async listOfLesson(ability: AppAbility, lessonId: string): Promise<MarkListDto> {
    const sheet = await this.sheetOf(lessonId);
    if (!sheet) throw ProblemException.notFound(`Lesson ${lessonId}`);
    const { lesson } = sheet;
    const seesColumn = ability.can('read', markCell(cellOf(lesson)));
    const visible = seesColumn
      ? sheet.marks
      : sheet.marks.filter((mark) => ability.can('read', markCell(cellOf(lesson, mark.studentId))));
    if (!seesColumn && visible.length === 0 && !this.seesAnyCell(ability, lesson)) {
      throw ProblemException.notFound(`Lesson ${lessonId}`);
    }
    return this.listOf(sheet, visible);
  }

  /**
   * The lesson's marks become exactly `input.marks` (see `planLessonMarks`); repeating a write
   * changes nothing. One statement reads the lesson with its marks, one writes them all, and
   * only while the lesson is as read: a concurrent (or retried) write of the same lesson makes
   * the later one read again and match against the marks the other stored, so a repeated
   * request never doubles them.
   */
  async saveLesson(
    ability: AppAbility,
    actor: Actor,
    lessonId: string,
    input: SaveLessonMarksDto,
  ): Promise<MarkListDto> {
    for (let attempt = 1; ; attempt++) {
      const sheet = await this.writableSheet(ability, lessonId, 'update');
      const planned = planLessonMarks(sheet, input.marks, {
        at: this.clock.now(),
        // eslint-disable-next-line no-restricted-syntax -- a row's own write time is the real instant (BaseEntity)
        writtenAt: new Date(),
        today: this.clock.today(sheet.lesson.timeZone),
        by: actor.accountId,
        newId: (at) => uuidv7(at.getTime()),
      });
      if ('errors' in planned) throw ProblemException.invalid(planned.errors);
      if (changesNothing(planned.plan) || (await this.write(sheet.lesson, planned.plan))) {
        return this.listOf(sheet, planned.plan.after);
      }
      if (attempt >= TRANSACTION_ATTEMPTS) {
        throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          ErrorCode.busy,
          'Service busy',
          'Concurrent changes kept colliding; nothing was changed. Retry shortly.',
          { retryAfter: BUSY_RETRY_AFTER_SECONDS },
        );
      }
    }
  }

  /** Gives one mark in the lesson. */
  async create(
    ability: AppAbility,
    actor: Actor,
    lessonId: string,
    input: CreateMarkDto,
  ): Promise<MarkDto> {
    const sheet = await this.writableSheet(ability, lessonId, 'create');
    const errors: FieldError[] = [];
    const fields = checkMarkFields(sheet, input, '', errors);
    if (!fields) throw ProblemException.invalid(errors);
    // When a mark was given is on the application clock, like the day it is late against.
    const at = this.clock.now();
    const given = newMark(sheet.lesson, fields, {
      id: uuidv7(),
      at,
      today: this.clock.today(sheet.lesson.timeZone),
      by: actor.accountId,
    });
    this.em.create(Mark, {
      ...given,
      score: fields.score,
      schoolId: sheet.lesson.schoolId,
      createdAt: at,
      updatedAt: at,
    });
    await this.em.flush();
    return MarkDto.from(sourceOf(given, fields.type));
  }

  /** One mark, in one query (no entity is loaded). */
  async get(ability: AppAbility, id: string): Promise<MarkDto> {
    const [row] = await queryPrepared<MarkRow>(this.em, 'mark_by_id', MARK_SQL, [id]);
    const cell = row && {
      schoolId: row.schoolId,
      schoolClass: row.classId,
      teacher: row.teacherId,
      substitute: row.substituteId,
      student: row.studentId,
    };
    if (!cell || !ability.can('read', markCell(cell))) {
      throw ProblemException.notFound(`Mark ${id}`);
    }
    return MarkDto.from(row);
  }

  /** Changes a mark's value, type or comment; fields left out are kept. */
  async update(
    ability: AppAbility,
    id: string,
    input: UpdateMarkDto,
    ifMatch?: string,
  ): Promise<MarkDto> {
    // Locked first, so `If-Match` is compared with the mark as it is when written.
    return this.em.transactional(async (em) => {
      const entity = await em.findOne(Mark, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const { sheet, mark } = await this.writableMark(ability, entity, id, 'update');
      const type = sheet.types.get(mark.markTypeId)!;
      assertIfMatch(ifMatch, MarkDto.from(sourceOf(mark, type)));
      this.assertMarkable(sheet.lesson);
      const errors: FieldError[] = [];
      const fields = checkMarkFields(
        sheet,
        {
          studentId: mark.studentId,
          markTypeId: input.markTypeId ?? mark.markTypeId,
          value: input.value ?? mark.value,
          comment: input.comment === undefined ? mark.comment : input.comment,
        },
        '',
        errors,
        mark,
      );
      if (!fields) throw ProblemException.invalid(errors);
      Object.assign(entity!, markChange(sheet.lesson.date, mark, fields));
      await em.flush();
      return MarkDto.from(sourceOf(storedMarkOf(entity!), fields.type));
    });
  }

  async remove(ability: AppAbility, id: string): Promise<void> {
    const entity = await this.em.findOne(Mark, id);
    await this.writableMark(ability, entity, id, 'delete');
    this.em.remove(entity!);
    await this.em.flush();
  }

  // ---------------------------------------------------------------------------------------

  private async sheetOf(lessonId: string): Promise<LessonSheet | null> {
    // In the caller's transaction when there is one (a PATCH reads after locking the mark).
    const [row] = await queryPrepared<LessonSheetRow>(this.em, 'lesson_sheet', LESSON_SHEET_SQL, [
      lessonId,
    ]);
    return row ? lessonSheetOf(row) : null;
  }

  /** Writes the plan in one statement; false when the lesson changed since it was read. */
  private async write(lesson: MarkedLesson, plan: LessonMarksPlan): Promise<boolean> {
    const [result] = await queryPrepared<{ taken: number }>(
      this.em,
      'save_lesson_marks',
      SAVE_LESSON_MARKS_SQL,
      saveLessonMarksParams(transactionSettings(), lesson, plan),
    );
    return result.taken === 1;
  }

  private listOf(sheet: LessonSheet, marks: StoredMark[]): MarkListDto {
    const sources = marks.map((mark) => sourceOf(mark, sheet.types.get(mark.markTypeId)!));
    return { items: inStudentOrder(sheet.lesson.enrolled, sources).map(MarkDto.from) };
  }

  /** A student or parent who may read the cell of some student of the lesson's class. */
  private seesAnyCell(ability: AppAbility, lesson: MarkedLesson): boolean {
    return lesson.enrolled.some((student) =>
      ability.can('read', markCell(cellOf(lesson, student))),
    );
  }

  /**
   * The lesson with its marks, when the caller may write them: 404 when they may not even
   * see them, 403 when they see them but do not teach the lesson (on its date), 409 when the
   * lesson was cancelled or has not taken place yet.
   */
  private async writableSheet(
    ability: AppAbility,
    lessonId: string,
    action: Action,
  ): Promise<LessonSheet> {
    const sheet = await this.sheetOf(lessonId);
    if (
      !sheet ||
      !(
        ability.can('read', markCell(cellOf(sheet.lesson))) ||
        this.seesAnyCell(ability, sheet.lesson)
      )
    ) {
      throw ProblemException.notFound(`Lesson ${lessonId}`);
    }
    this.assertWritable(ability, sheet.lesson, action);
    this.assertMarkable(sheet.lesson);
    return sheet;
  }

  private async writableMark(
    ability: AppAbility,
    entity: Mark | null,
    id: string,
    action: Action,
  ): Promise<{ sheet: LessonSheet; mark: StoredMark }> {
    const sheet = entity && (await this.sheetOf(entity.lessonId));
    if (
      !entity ||
      !sheet ||
      !ability.can('read', markCell(cellOf(sheet.lesson, entity.studentId)))
    ) {
      throw ProblemException.notFound(`Mark ${id}`);
    }
    this.assertWritable(ability, sheet.lesson, action, entity.studentId);
    return { sheet, mark: storedMarkOf(entity) };
  }

  private assertWritable(
    ability: AppAbility,
    lesson: MarkedLesson,
    action: Action,
    studentId?: string,
  ): void {
    if (!ability.can(action, markCell(cellOf(lesson, studentId)))) {
      throw ProblemException.forbidden(refusalOf(lesson));
    }
  }

  private assertMarkable(lesson: MarkedLesson): void {
    const reason = unmarkableReason(lesson, this.clock.today(lesson.timeZone));
    if (reason) throw ProblemException.conflict(ErrorCode.conflict, reason);
  }
}

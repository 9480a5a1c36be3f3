import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../core/auth/actor';
import { addDays } from '../../core/calendar/date-only';
import { queryPrepared } from '../../core/database/prepared';
import { uuidv7 } from '../../core/database/uuid';
import { assertIfMatch } from '../../core/http/conditional-requests';
import { ErrorCode } from '../../core/http/error-codes';
import { ProblemException, type FieldError } from '../../core/http/problem';
import type { Action, AppAbility } from '../../core/policy/subjects';
import { Clock } from '../../core/clock/clock';
import { markCell } from './grades.policy';
import { type JournalCell } from '../lessons/journal-cell';
import { Lesson } from '../lessons/entities/lesson.entity';
import type { GradingScale } from '../reference-data/entities/grading-scale.entity';
import { MarkType } from '../reference-data/entities/mark-type.entity';
import type { CreateMarkDto, SaveLessonMarksDto, UpdateMarkDto } from './dto/mark-input.dto';
import { MarkDto, type MarkListDto, type MarkSource } from './dto/mark.dto';
import { Mark } from './entities/mark.entity';
import { gradingScaleOf, scaleValue, scaleValueMessage } from './grading-scale-of';

/** The school's mark types by id. */
type MarkTypes = Map<string, MarkType>;

/** A lesson as marks need it: who teaches it, when, and who may be marked in it. */
interface LessonContext {
  id: string;
  schoolId: string;
  classId: string;
  className: string;
  subjectId: string;
  subgroupName: string | null;
  teacherId: string;
  substituteId: string | null;
  date: string;
  status: string;
  cancellationReason: string | null;
  timeZone: string;
  /** Students of the class on the lesson's date, in name order. */
  enrolled: string[];
  /** Members of the lesson's subgroup; null for a lesson of the whole class. */
  members: Set<string> | null;
}

interface LessonRow {
  id: string;
  school_id: string;
  class_id: string;
  grade: number;
  letter: string;
  subject_id: string;
  subgroup_name: string | null;
  teacher_id: string;
  substitute_id: string | null;
  date: string;
  status: string;
  cancellation_reason: string | null;
  time_zone: string;
  enrolled: string[];
  members: string[] | null;
}

/** One query: the lesson, its school's time zone, its class on that date and its subgroup. */
const LESSON_SQL = `
  select l.id, l.school_id, l.class_id, c.grade, c.letter, l.subject_id,
         sg.name as subgroup_name, l.teacher_id, l.substitute_id, l.date::text as date,
         l.status, l.cancellation_reason, s.time_zone,
         array(select e.student_id from enrollments e join people p on p.id = e.student_id
               where e.class_id = l.class_id and e.starts_on <= l.date
                 and (e.ends_on is null or e.ends_on > l.date)
               order by p.search_name, p.id) as enrolled,
         case when l.subgroup_id is not null then
           array(select sm.student_id from subgroup_members sm where sm.subgroup_id = l.subgroup_id)
         end as members
    from lessons l
    join classes c on c.id = l.class_id
    join schools s on s.id = l.school_id
    left join subgroups sg on sg.id = l.subgroup_id
   where l.id = ?`;

/** ISO 8601 in UTC with milliseconds, as `Date.toISOString()` writes it. */
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** The columns of a MarkDto, from `marks m` joined with `mark_types mt`. */
const MARK_COLUMNS = `
  m.id, m.lesson_id as "lessonId", m.student_id as "studentId", m.value,
  m.score::float8 as score, m.mark_type_id as "markTypeId", mt.name as "markTypeName",
  mt.short_name as "markTypeShortName", mt.weight::float8 as "markTypeWeight", m.comment,
  m.due_on::text as "dueOn", m.late, m.given_by as "givenBy",
  to_char(m.created_at at time zone 'UTC', ${ISO}) as "createdAt",
  to_char(m.updated_at at time zone 'UTC', ${ISO}) as "updatedAt"`;

/** One mark with what its permission check needs (its lesson's class and teachers). */
const MARK_SQL = `
  select ${MARK_COLUMNS}, l.school_id as "schoolId", l.class_id as "classId",
         l.teacher_id as "teacherId", l.substitute_id as "substituteId"
    from marks m
    join lessons l on l.id = m.lesson_id
    join mark_types mt on mt.id = m.mark_type_id
   where m.id = ?`;

const LESSON_MARKS_SQL = `
  select ${MARK_COLUMNS}
    from marks m
    join mark_types mt on mt.id = m.mark_type_id
   where m.lesson_id = ?
   order by m.created_at, m.id`;

interface MarkRow extends MarkSource {
  schoolId: string;
  classId: string;
  teacherId: string;
  substituteId: string | null;
}

/** A mark's value as checked against the scale, and what it counts for. */
interface ScaledValue {
  value: string;
  score: string | null;
}

/** The fields of a mark that a write sets. */
interface MarkFields {
  studentId: string;
  type: MarkType;
  value: ScaledValue;
  comment: string | null;
}

const cellOf = (lesson: LessonContext, studentId?: string): JournalCell => ({
  schoolId: lesson.schoolId,
  schoolClass: lesson.classId,
  teacher: lesson.teacherId,
  substitute: lesson.substituteId,
  ...(studentId ? { student: studentId } : {}),
});

const sourceOf = (mark: Mark, type: MarkType): MarkSource => ({
  id: mark.id,
  lessonId: mark.lessonId,
  studentId: mark.studentId,
  value: mark.value,
  score: mark.score,
  markTypeId: type.id,
  markTypeName: type.name,
  markTypeShortName: type.shortName,
  markTypeWeight: type.weight,
  comment: mark.comment,
  dueOn: mark.dueOn,
  late: mark.late,
  givenBy: mark.givenBy,
  createdAt: mark.createdAt,
  updatedAt: mark.updatedAt,
});

/**
 * Current marks (J3). Every write of a lesson's marks is one flush, so one transaction: the
 * database's triggers keep the history of each cell (J10) with the actor and reason the
 * transaction carries, and refuse the whole write when the lesson's study period is closed
 * (J5, 409 `period.closed`). Permission is checked per cell against the lesson (its
 * teacher, substitute and class) and the student, in memory.
 */
@Injectable()
export class MarksService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  /** The lesson's marks the caller may read: all for staff, their own (children's) for pupils. */
  async listOfLesson(ability: AppAbility, lessonId: string): Promise<MarkListDto> {
    const [lesson, rows] = await Promise.all([
      this.loadLesson(lessonId),
      this.em.getConnection().execute<MarkSource[]>(LESSON_MARKS_SQL, [lessonId]),
    ]);
    if (!lesson) throw ProblemException.notFound(`Lesson ${lessonId}`);
    const seesColumn = this.seesColumn(ability, lesson);
    const visible = seesColumn
      ? rows
      : rows.filter((row) => ability.can('read', markCell(cellOf(lesson, row.studentId))));
    if (!seesColumn && visible.length === 0 && !this.seesAnyCell(ability, lesson)) {
      throw ProblemException.notFound(`Lesson ${lessonId}`);
    }
    return { items: this.inStudentOrder(lesson, visible).map((row) => MarkDto.from(row)) };
  }

  /**
   * The lesson's marks become exactly `input.marks`: items with an `id` update that mark,
   * items without one take over an unmatched mark of the same student and mark type or are
   * created, and marks left unmatched are deleted. Repeating a write changes nothing.
   */
  async saveLesson(
    ability: AppAbility,
    actor: Actor,
    lessonId: string,
    input: SaveLessonMarksDto,
  ): Promise<MarkListDto> {
    const lesson = await this.writableLesson(ability, lessonId, 'update');
    const [types, scale] = await this.markingRules(lesson);
    // Concurrent (or retried) writes of one lesson run one after the other, each matching
    // against the marks the other stored: a repeated request never doubles them.
    return this.em.transactional(async () => {
      await this.lockRow(Lesson, lessonId);
      const existing = await this.em.find(
        Mark,
        { lessonId },
        { orderBy: { createdAt: 'asc', id: 'asc' } },
      );
      return this.saveLocked(lesson, actor, input, { types, scale, existing });
    });
  }

  private async saveLocked(
    lesson: LessonContext,
    actor: Actor,
    input: SaveLessonMarksDto,
    { types, scale, existing }: { types: MarkTypes; scale: GradingScale; existing: Mark[] },
  ): Promise<MarkListDto> {
    // Match first: items naming a mark, then the others by student and mark type.
    const byId = new Map(existing.map((mark) => [mark.id, mark]));
    const matched = new Map<number, Mark>();
    const taken = new Set<string>();
    const errors: FieldError[] = [];
    input.marks.forEach((item, index) => {
      if (!item.id) return;
      const at = `marks[${index}]`;
      const mark = byId.get(item.id);
      if (!mark) {
        errors.push({ field: `${at}.id`, messages: ['id must be a mark of this lesson'] });
      } else if (taken.has(mark.id)) {
        errors.push({ field: `${at}.id`, messages: [`mark ${mark.id} is listed twice`] });
      } else if (mark.studentId !== item.studentId) {
        errors.push({
          field: `${at}.studentId`,
          messages: [
            `mark ${mark.id} is another student’s: a mark does not move between students (leave it out and give a new one)`,
          ],
        });
      } else {
        matched.set(index, mark);
        taken.add(mark.id);
      }
    });
    input.marks.forEach((item, index) => {
      if (item.id) return;
      const mark = existing.find(
        (candidate) =>
          !taken.has(candidate.id) &&
          candidate.studentId === item.studentId &&
          candidate.markTypeId === item.markTypeId,
      );
      if (mark) {
        matched.set(index, mark);
        taken.add(mark.id);
      }
    });

    const fields = input.marks.map((item, index) =>
      this.checkFields(lesson, types, scale, item, `marks[${index}].`, errors, matched.get(index)),
    );
    if (errors.length > 0) throw ProblemException.invalid(errors);

    const today = this.clock.today(lesson.timeZone);
    // New marks are given at one instant; their (time-ordered) ids keep the list's order.
    const now = this.clock.now();
    const newIds = fields
      .filter((_field, index) => !matched.has(index))
      .map(() => uuidv7(now.getTime()))
      .sort();
    const kept: Mark[] = fields.map((field, index) => {
      const mark = matched.get(index);
      return mark
        ? this.change(lesson, mark, field!)
        : this.createMark(lesson, actor, field!, today, { id: newIds.shift()!, at: now });
    });
    for (const mark of existing) if (!taken.has(mark.id)) this.em.remove(mark);
    await this.em.flush();

    // As listed: by when each mark was given, then by id.
    kept.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
    const sources = kept.map((mark) => sourceOf(mark, types.get(mark.markTypeId)!));
    return { items: this.inStudentOrder(lesson, sources).map((source) => MarkDto.from(source)) };
  }

  /** Gives one mark in the lesson. */
  async create(
    ability: AppAbility,
    actor: Actor,
    lessonId: string,
    input: CreateMarkDto,
  ): Promise<MarkDto> {
    const lesson = await this.writableLesson(ability, lessonId, 'create');
    const [types, scale] = await this.markingRules(lesson);
    const errors: FieldError[] = [];
    const fields = this.checkFields(lesson, types, scale, input, '', errors);
    if (errors.length > 0) throw ProblemException.invalid(errors);
    const mark = this.createMark(lesson, actor, fields!, this.clock.today(lesson.timeZone));
    await this.em.flush();
    return MarkDto.from(sourceOf(mark, fields!.type));
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
    return this.em.transactional(async () => {
      await this.lockRow(Mark, id);
      return this.updateLocked(ability, id, input, ifMatch);
    });
  }

  private async updateLocked(
    ability: AppAbility,
    id: string,
    input: UpdateMarkDto,
    ifMatch?: string,
  ): Promise<MarkDto> {
    const { mark, lesson } = await this.writableMark(ability, id, 'update');
    // One after the other: inside a transaction, queries share one connection.
    const types = await this.markTypes(lesson.schoolId);
    const scale = await gradingScaleOf(this.em, lesson.schoolId, lesson.subjectId);
    assertIfMatch(ifMatch, MarkDto.from(sourceOf(mark, types.get(mark.markTypeId)!)));
    this.assertMarkable(lesson);
    const errors: FieldError[] = [];
    const fields = this.checkFields(
      lesson,
      types,
      scale,
      {
        studentId: mark.studentId,
        markTypeId: input.markTypeId ?? mark.markTypeId,
        value: input.value ?? mark.value,
        comment: input.comment === undefined ? mark.comment : input.comment,
      },
      '',
      errors,
      mark,
      false,
    );
    if (errors.length > 0) throw ProblemException.invalid(errors);
    this.change(lesson, mark, fields!);
    await this.em.flush();
    return MarkDto.from(sourceOf(mark, fields!.type));
  }

  async remove(ability: AppAbility, id: string): Promise<void> {
    const { mark } = await this.writableMark(ability, id, 'delete');
    this.em.remove(mark);
    await this.em.flush();
  }

  // ---------------------------------------------------------------------------------------

  /** The school's mark types and the subject's scale, read in parallel (not in a transaction). */
  private markingRules(lesson: LessonContext): Promise<[MarkTypes, GradingScale]> {
    return Promise.all([
      this.markTypes(lesson.schoolId),
      gradingScaleOf(this.em, lesson.schoolId, lesson.subjectId),
    ]);
  }

  /** `select … for update` of one row, inside the current transaction. */
  private async lockRow(entity: typeof Lesson | typeof Mark, id: string): Promise<void> {
    await this.em
      .createQueryBuilder(entity)
      .select('id')
      .where({ id })
      .setLockMode(LockMode.PESSIMISTIC_WRITE)
      .execute();
  }

  private async loadLesson(id: string): Promise<LessonContext | null> {
    const [row] = await this.em.getConnection().execute<LessonRow[]>(LESSON_SQL, [id]);
    if (!row) return null;
    return {
      id: row.id,
      schoolId: row.school_id,
      classId: row.class_id,
      className: `${row.grade}${row.letter}`,
      subjectId: row.subject_id,
      subgroupName: row.subgroup_name,
      teacherId: row.teacher_id,
      substituteId: row.substitute_id,
      date: row.date,
      status: row.status,
      cancellationReason: row.cancellation_reason,
      timeZone: row.time_zone,
      enrolled: [...new Set(row.enrolled)],
      members: row.members ? new Set(row.members) : null,
    };
  }

  /**
   * Staff who may read the whole column of the lesson: its teacher, substitute, the
   * teachers and class teacher of the class, the leadership.
   */
  private seesColumn(ability: AppAbility, lesson: LessonContext): boolean {
    return ability.can('read', markCell(cellOf(lesson)));
  }

  /** A student or parent who may read the cell of some student of the lesson's class. */
  private seesAnyCell(ability: AppAbility, lesson: LessonContext): boolean {
    return lesson.enrolled.some((student) =>
      ability.can('read', markCell(cellOf(lesson, student))),
    );
  }

  /**
   * The lesson, when the caller may write its marks: 404 when they may not even see them,
   * 403 when they see them but do not teach the lesson (on its date), 409 when the lesson
   * was cancelled or has not taken place yet.
   */
  private async writableLesson(
    ability: AppAbility,
    lessonId: string,
    action: Action,
  ): Promise<LessonContext> {
    const lesson = await this.loadLesson(lessonId);
    if (!lesson || !(this.seesColumn(ability, lesson) || this.seesAnyCell(ability, lesson))) {
      throw ProblemException.notFound(`Lesson ${lessonId}`);
    }
    this.assertWritable(ability, lesson, action);
    this.assertMarkable(lesson);
    return lesson;
  }

  private async writableMark(
    ability: AppAbility,
    id: string,
    action: Action,
  ): Promise<{ mark: Mark; lesson: LessonContext }> {
    const mark = await this.em.findOne(Mark, id);
    const lesson = mark && (await this.loadLesson(mark.lessonId));
    if (
      !mark ||
      !lesson ||
      !(
        this.seesColumn(ability, lesson) ||
        ability.can('read', markCell(cellOf(lesson, mark.studentId)))
      )
    ) {
      throw ProblemException.notFound(`Mark ${id}`);
    }
    this.assertWritable(ability, lesson, action, mark.studentId);
    return { mark, lesson };
  }

  private assertWritable(
    ability: AppAbility,
    lesson: LessonContext,
    action: Action,
    studentId?: string,
  ): void {
    if (ability.can(action, markCell(cellOf(lesson, studentId)))) return;
    throw ProblemException.forbidden(
      lesson.substituteId
        ? `The lesson of ${lesson.date} is taught by a substitute: only they give its marks.`
        : `Only the teacher of the lesson (or a substitute for its date) gives its marks; you do not teach the lesson of ${lesson.date} in ${lesson.className}.`,
    );
  }

  /** Marks are given for lessons that took place: not cancelled, not in the future. */
  private assertMarkable(lesson: LessonContext): void {
    if (lesson.status === 'cancelled') {
      throw ProblemException.conflict(
        ErrorCode.conflict,
        `The lesson of ${lesson.date} was cancelled (${lesson.cancellationReason}): it has no marks.`,
      );
    }
    const today = this.clock.today(lesson.timeZone);
    if (lesson.date > today) {
      throw ProblemException.conflict(
        ErrorCode.conflict,
        `The lesson is on ${lesson.date}, after today (${today}): marks are given for lessons that took place.`,
      );
    }
  }

  private async markTypes(schoolId: string): Promise<MarkTypes> {
    const types = await this.em.find(MarkType, { schoolId });
    return new Map(types.map((type) => [type.id, type]));
  }

  /**
   * Checks one mark's fields, adding an error per bad field (`prefix` + name); undefined
   * when any is bad. A mark keeps an archived type it already has.
   */
  private checkFields(
    lesson: LessonContext,
    types: Map<string, MarkType>,
    scale: GradingScale,
    item: CreateMarkDto,
    prefix: string,
    errors: FieldError[],
    current?: Mark,
    checkStudent = true,
  ): MarkFields | undefined {
    const before = errors.length;
    // A mark already given stays editable when its student has since left the lesson's roster
    // (a corrected enrollment, a changed subgroup): reading a lesson and writing it back works.
    if (checkStudent && !current) {
      const studentError = this.studentError(lesson, item.studentId);
      if (studentError) errors.push({ field: `${prefix}studentId`, messages: [studentError] });
    }
    const type = types.get(item.markTypeId);
    if (!type) {
      errors.push({
        field: `${prefix}markTypeId`,
        messages: ['markTypeId must be a mark type of this school'],
      });
    } else if (type.archived && current?.markTypeId !== type.id) {
      errors.push({
        field: `${prefix}markTypeId`,
        messages: [`mark type «${type.name}» is archived`],
      });
    }
    const onScale = scaleValue(scale, item.value);
    if (!onScale) {
      errors.push({ field: `${prefix}value`, messages: [`value ${scaleValueMessage(scale)}`] });
    }
    if (errors.length > before) return undefined;
    return {
      studentId: item.studentId,
      type: type!,
      value: {
        value: onScale!.value,
        score: onScale!.score === null ? null : onScale!.score.toFixed(2),
      },
      comment: item.comment ?? null,
    };
  }

  private studentError(lesson: LessonContext, studentId: string): string | undefined {
    if (!lesson.enrolled.includes(studentId)) {
      return `studentId must be a student of ${lesson.className} on ${lesson.date}`;
    }
    if (lesson.members && !lesson.members.has(studentId)) {
      return `the student is not in the lesson’s subgroup «${lesson.subgroupName}»`;
    }
    return undefined;
  }

  /** When work of this type given in this lesson is to be marked by; null: no term. */
  private dueOn(lesson: LessonContext, type: MarkType): string | null {
    return type.checkWithinDays ? addDays(lesson.date, type.checkWithinDays) : null;
  }

  private createMark(
    lesson: LessonContext,
    actor: Actor,
    fields: MarkFields,
    today: string,
    given?: { id: string; at: Date },
  ): Mark {
    const dueOn = this.dueOn(lesson, fields.type);
    // When a mark was given is on the application clock, like the day it is late against.
    const at = given?.at ?? this.clock.now();
    return this.em.create(Mark, {
      ...(given && { id: given.id }),
      createdAt: at,
      updatedAt: at,
      schoolId: lesson.schoolId,
      lessonId: lesson.id,
      studentId: fields.studentId,
      markTypeId: fields.type.id,
      value: fields.value.value,
      score: fields.value.score,
      comment: fields.comment,
      dueOn,
      late: dueOn !== null && today > dueOn,
      givenBy: actor.accountId,
    });
  }

  /** Sets only what differs, so an unchanged mark is not written (and gets no history). */
  private change(lesson: LessonContext, mark: Mark, fields: MarkFields): Mark {
    if (mark.value !== fields.value.value) {
      mark.value = fields.value.value;
      mark.score = fields.value.score;
    }
    if (mark.markTypeId !== fields.type.id) {
      mark.markTypeId = fields.type.id;
      mark.dueOn = this.dueOn(lesson, fields.type);
    }
    if (mark.comment !== fields.comment) mark.comment = fields.comment;
    return mark;
  }

  /** By student (the class's name order), keeping each student's marks in their order. */
  private inStudentOrder<T extends { studentId: string }>(lesson: LessonContext, rows: T[]): T[] {
    const position = new Map(lesson.enrolled.map((id, index) => [id, index]));
    const at = (row: T) => position.get(row.studentId) ?? Number.MAX_SAFE_INTEGER;
    return rows
      .map((row, index) => ({ row, index }))
      .sort((a, b) => at(a.row) - at(b.row) || a.index - b.index)
      .map(({ row }) => row);
  }
}

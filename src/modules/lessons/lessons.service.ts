import { Injectable } from '@nestjs/common';
import { EntityManager, QueryOrder, type FilterQuery } from '@mikro-orm/postgresql';
import type { Actor } from '../../core/auth/actor';
import type { Role } from '../../core/auth/roles';
import { assertIfMatch } from '../../core/http/conditional-requests';
import { ErrorCode } from '../../core/http/error-codes';
import { ProblemException, type FieldError } from '../../core/http/problem';
import { accessibleWhere } from '../../core/policy/accessible-where';
import { assertAllowed, findVisible } from '../../core/policy/scoped-find';
import type { AppAbility } from '../../core/policy/subjects';
import { StudyPeriodsService } from '../academic-years/study-periods.service';
import { ClassesService } from '../classes/classes.service';
import { className } from '../classes/class-name';
import { Clock } from '../../core/clock/clock';
import { Person } from '../people/entities/person.entity';
import { LessonType, type LessonKind } from '../reference-data/entities/lesson-type.entity';
import { loadBellTimes, type BellTime } from './bell-times';
import type { ClassLessonsQueryDto, LessonRangeQueryDto } from './dto/lesson-query.dto';
import { LESSON_POPULATE, LessonDto, type LessonListDto } from './dto/lesson.dto';
import type { RecordLessonDto } from './dto/record-lesson.dto';
import { Lesson } from './entities/lesson.entity';
import { ThematicPlanTopic } from './entities/thematic-plan.entity';
import { mondayOf } from '../../core/calendar/date-only';
import { resolveRange } from './lesson-dates';
import { SchoolTodayService } from '../../core/clock/school-today.service';

/** Roles that see a lesson as its class does: without the teacher's notes. */
const PUPIL_ROLES: readonly Role[] = ['student', 'parent'];

/** Works that must be named in the topic (J1), as the message calls them. */
const NAMED_WORKS: Record<Exclude<LessonKind, 'lesson'>, string> = {
  control: 'a control work',
  practical: 'a practical work',
  laboratory: 'a laboratory work',
  excursion: 'an excursion',
};

/** Dated lessons in the order of a timetable: by day, lesson number, then subgroup. */
const TIMETABLE_ORDER = [
  { date: QueryOrder.ASC },
  { lessonNumber: QueryOrder.ASC },
  { subgroup: { position: QueryOrder.ASC_NULLS_FIRST } },
  { id: QueryOrder.ASC },
];

/** The caller sees the teacher's notes unless they are only a student or parent of the school. */
export function seesNotes(actor: Actor, schoolId: string): boolean {
  return actor.grants.some(
    (grant) => grant.schoolId === schoolId && !PUPIL_ROLES.includes(grant.role),
  );
}

/** Lesson records (J1): reading dated lessons and the teacher recording them. */
@Injectable()
export class LessonsService {
  constructor(
    private readonly em: EntityManager,
    private readonly classes: ClassesService,
    private readonly schoolToday: SchoolTodayService,
    private readonly studyPeriods: StudyPeriodsService,
    private readonly clock: Clock,
  ) {}

  async get(ability: AppAbility, actor: Actor, id: string): Promise<LessonDto> {
    return this.describe(await this.findVisibleLesson(ability, id), actor);
  }

  /**
   * The teacher (or the substitute) records the lesson. Fields left out are kept, null clears
   * them; everything is checked before anything changes.
   */
  async record(
    ability: AppAbility,
    actor: Actor,
    id: string,
    input: RecordLessonDto,
    ifMatch?: string,
  ): Promise<LessonDto> {
    const lesson = await this.findVisibleLesson(ability, id);
    await assertAllowed(this.em, Lesson, id, ability, 'update', 'Lesson');
    assertIfMatch(ifMatch, await this.describe(lesson, actor));
    if (lesson.status === 'cancelled') {
      throw ProblemException.conflict(
        ErrorCode.conflict,
        `The lesson of ${lesson.date} was cancelled (${lesson.cancellationReason}): there is nothing to record.`,
      );
    }
    await this.studyPeriods.assertLessonsOpen(
      lesson.schoolId,
      lesson.schoolClass.grade,
      lesson.date,
    );

    const errors: FieldError[] = [];
    const lessonType = await this.resolveLessonType(lesson, input.lessonTypeId, errors);
    const planTopic = await this.resolvePlanTopic(lesson, input.planTopicId, errors);
    const topic =
      input.topic !== undefined
        ? input.topic
        : planTopic
          ? planTopic.title // a topic taken from the plan, unless the teacher words it
          : lesson.topic;
    const typeRefused = input.lessonTypeId != null && lessonType === undefined;
    const type = lessonType === undefined ? lesson.lessonType : lessonType;
    const kind: LessonKind = type?.kind ?? 'lesson';
    if (kind !== 'lesson' && topic === null && !typeRefused) {
      errors.push({
        field: 'topic',
        messages: [`${NAMED_WORKS[kind]} (lesson type «${type!.name}») must be named in the topic`],
      });
    }
    const homework = input.homework !== undefined ? input.homework : lesson.homework;
    const homeworkDueOn = await this.resolveDueDate(lesson, homework, input.homeworkDueOn, errors);
    if (errors.length > 0) throw ProblemException.invalid(errors);

    if (!Object.values(input).some((value) => value !== undefined)) {
      return this.describe(lesson, actor);
    }
    lesson.topic = topic;
    if (lessonType !== undefined) lesson.lessonType = lessonType;
    if (planTopic !== undefined) lesson.planTopic = planTopic;
    if (input.content !== undefined) lesson.content = input.content;
    lesson.homework = homework;
    lesson.homeworkDueOn = homeworkDueOn;
    if (input.notes !== undefined) lesson.notes = input.notes;
    // A lesson cleared of everything is blank again (regenerating the timetable may drop it).
    const recorded = [
      lesson.topic,
      lesson.lessonType,
      lesson.planTopic,
      lesson.content,
      lesson.homework,
      lesson.notes,
    ].some((value) => value !== null);
    lesson.recordedAt = recorded ? this.clock.now() : null;
    await this.em.flush();
    // A timetable change may have removed the lesson (blank until now) in the meantime; the
    // removal only takes blank lessons, so once this write is in, the lesson stays.
    if ((await this.em.count(Lesson, { id })) === 0) {
      throw ProblemException.notFound(`Lesson ${id} (removed by a timetable change)`);
    }
    return this.describe(lesson, actor);
  }

  /** A class's lessons over some dates (a week from this Monday by default). */
  async listOfClass(
    ability: AppAbility,
    actor: Actor,
    classId: string,
    query: ClassLessonsQueryDto,
  ): Promise<LessonListDto> {
    const schoolClass = await this.classes.getVisibleClass(ability, classId);
    const { from, to } = await resolveRange(
      query,
      async () => mondayOf(await this.schoolToday.todayOf(schoolClass.schoolId)),
      7,
    );
    const where: FilterQuery<Lesson> = {
      schoolClass: schoolClass.id,
      date: { $gte: from, $lte: to },
    };
    if (query.subjectId) where.subject = query.subjectId;
    return this.list(ability, actor, where);
  }

  /**
   * The lessons the caller teaches over some dates (today by default): as the teacher of
   * lessons nobody substitutes, or as the substitute. Cancelled lessons are included.
   */
  async listMine(
    ability: AppAbility,
    actor: Actor,
    query: LessonRangeQueryDto,
  ): Promise<LessonListDto> {
    const cards = await this.em.find(
      Person,
      { accountId: actor.accountId, kind: 'staff' },
      { orderBy: { id: 'asc' } },
    );
    // Without a staff card there is nothing to list; the range is still checked.
    const today = () =>
      cards.length
        ? this.schoolToday.todayOf(cards[0].schoolId)
        : Promise.resolve(this.clock.today('UTC'));
    const { from, to } = await resolveRange(query, today, 1);
    if (!cards.length) return { items: [] };
    const me = { $in: cards.map((card) => card.id) };
    return this.list(ability, actor, {
      date: { $gte: from, $lte: to },
      $or: [{ teacher: me, substitute: null }, { substitute: me }],
    });
  }

  private async list(
    ability: AppAbility,
    actor: Actor,
    where: FilterQuery<Lesson>,
  ): Promise<LessonListDto> {
    const lessons = await this.em.find(
      Lesson,
      { $and: [where, accessibleWhere<Lesson>(ability, 'read', 'Lesson')] },
      { populate: LESSON_POPULATE, orderBy: TIMETABLE_ORDER },
    );
    const bells = new Map<string, Map<number, BellTime>>();
    for (const schoolId of new Set(lessons.map((lesson) => lesson.schoolId))) {
      bells.set(schoolId, await loadBellTimes(this.em, schoolId));
    }
    return {
      items: lessons.map((lesson) =>
        LessonDto.from(lesson, bells.get(lesson.schoolId)!, seesNotes(actor, lesson.schoolId)),
      ),
    };
  }

  private findVisibleLesson(ability: AppAbility, id: string): Promise<Lesson> {
    return findVisible(this.em, Lesson, id, ability, 'Lesson', { populate: LESSON_POPULATE });
  }

  private async describe(lesson: Lesson, actor: Actor): Promise<LessonDto> {
    const bells = await loadBellTimes(this.em, lesson.schoolId);
    return LessonDto.from(lesson, bells, seesNotes(actor, lesson.schoolId));
  }

  /**
   * The lesson type to set: undefined when left out (or invalid, with an error), null to
   * clear. A type archived since it was set may stay on the lesson, but is not offered anew.
   */
  private async resolveLessonType(
    lesson: Lesson,
    lessonTypeId: string | null | undefined,
    errors: FieldError[],
  ): Promise<LessonType | null | undefined> {
    if (lessonTypeId === undefined || lessonTypeId === null) return lessonTypeId;
    const type = await this.em.findOne(LessonType, { id: lessonTypeId, schoolId: lesson.schoolId });
    if (type && (!type.archived || type.id === lesson.lessonType?.id)) return type;
    errors.push({
      field: 'lessonTypeId',
      messages: [
        type
          ? `lesson type «${type.name}» is archived`
          : 'lessonTypeId must be a lesson type of this school',
      ],
    });
    return undefined;
  }

  /** A topic of the thematic plan for the lesson's class, subject and subgroup. */
  private async resolvePlanTopic(
    lesson: Lesson,
    planTopicId: string | null | undefined,
    errors: FieldError[],
  ): Promise<ThematicPlanTopic | null | undefined> {
    if (planTopicId === undefined || planTopicId === null) return planTopicId;
    const topic = await this.em.findOne(ThematicPlanTopic, {
      id: planTopicId,
      plan: {
        schoolClass: lesson.schoolClass.id,
        subject: lesson.subject.id,
        subgroup: lesson.subgroup?.id ?? null,
      },
    });
    if (topic) return topic;
    const of = [className(lesson.schoolClass), lesson.subject.name, lesson.subgroup?.name]
      .filter(Boolean)
      .join(', ');
    errors.push({
      field: 'planTopicId',
      messages: [`planTopicId must be a topic of the thematic plan of ${of}`],
    });
    return undefined;
  }

  /**
   * When the homework is due. No homework: no due date. A date given must not be before the
   * lesson; left out, an earlier due date is kept, else it is the next lesson's date.
   */
  private async resolveDueDate(
    lesson: Lesson,
    homework: string | null,
    dueOn: string | null | undefined,
    errors: FieldError[],
  ): Promise<string | null> {
    if (homework === null) {
      if (dueOn) {
        errors.push({ field: 'homeworkDueOn', messages: ['there is no homework to be due'] });
      }
      return null;
    }
    if (dueOn === undefined) return lesson.homeworkDueOn ?? this.nextLessonDate(lesson);
    if (dueOn !== null && dueOn < lesson.date) {
      errors.push({
        field: 'homeworkDueOn',
        messages: [`homeworkDueOn must not be before the lesson (${lesson.date})`],
      });
    }
    return dueOn;
  }

  /** The date of the next scheduled lesson of the same class, subject and subgroup, if any. */
  private async nextLessonDate(lesson: Lesson): Promise<string | null> {
    const next = await this.em.findOne(
      Lesson,
      {
        schoolClass: lesson.schoolClass.id,
        subject: lesson.subject.id,
        subgroup: lesson.subgroup?.id ?? null,
        status: 'scheduled',
        date: { $gt: lesson.date },
      },
      { orderBy: { date: QueryOrder.ASC, lessonNumber: QueryOrder.ASC } },
    );
    return next?.date ?? null;
  }
}

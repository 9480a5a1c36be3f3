import { HttpStatus, Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { EntityManager, LockMode, raw } from '@mikro-orm/postgresql';
import type { Actor } from '../../../core/auth/actor';
import { ErrorCode } from '../../../core/http/error-codes';
import { ProblemException, type FieldError } from '../../../core/http/problem';
import type { ImportUpload } from '../../../core/http/uploads/import-body';
import { ImportFileError, readImportFile } from '../../../core/http/uploads/import-file';
import { accessibleWhere } from '../../../core/policy/accessible-where';
import { assertAllowed, findVisible } from '../../../core/policy/scoped-find';
import type { AppAbility } from '../../../core/policy/subjects';
import { ClassesService } from '../../classes/classes.service';
import { SchoolClass } from '../../classes/entities/school-class.entity';
import { Subgroup } from '../../classes/entities/subgroup.entity';
import { TeachingAssignmentsService } from '../../classes/teaching-assignments.service';
import { Person } from '../../people/entities/person.entity';
import { Subject } from '../../reference-data/entities/subject.entity';
import { Lesson } from '../entities/lesson.entity';
import { ThematicPlan, ThematicPlanTopic } from '../entities/thematic-plan.entity';
import type { PlanImportResultDto } from './dto/plan-import.dto';
import {
  PlanTopicDto,
  ThematicPlanSummaryDto,
  type PlanTopicInputDto,
  type SuggestedTopicDto,
  type ThematicPlanDto,
  type ThematicPlanListDto,
} from './dto/thematic-plan.dto';
import { readPlanRows, type PlanRow } from './plan-file';

const PLAN_POPULATE = ['subject', 'subgroup', 'teacher'] as const;

/** Which plan a write is about: class × subject × (subgroup or the whole class). */
export interface PlanTarget {
  classId: string;
  subjectId: string;
  subgroupId?: string;
  /** Omitted: the current plan's teacher, else the caller's own staff card. */
  teacherId?: string;
}

/** A target checked for a write: everything exists and the caller may write the plan. */
interface CheckedTarget {
  schoolClass: SchoolClass;
  subjectId: string;
  subgroupId: string | null;
  teacherId: string;
  /** The plan's teacher when it was checked; null when there was no plan yet. */
  checkedTeacherId: string | null;
}

/** Calendar-thematic plans (КТП, O5): topics with hours, and which topic comes next. */
@Injectable()
export class ThematicPlansService {
  constructor(
    private readonly em: EntityManager,
    private readonly classes: ClassesService,
    private readonly teachingAssignments: TeachingAssignmentsService,
  ) {}

  async list(ability: AppAbility, classId: string): Promise<ThematicPlanListDto> {
    const schoolClass = await this.classes.getVisibleClass(ability, classId);
    const plans = await this.em.find(
      ThematicPlan,
      {
        $and: [
          { schoolClass: schoolClass.id },
          accessibleWhere<ThematicPlan>(ability, 'read', 'ThematicPlan'),
        ],
      },
      { populate: PLAN_POPULATE },
    );
    plans.sort(
      (a, b) =>
        a.subject.name.localeCompare(b.subject.name, 'ru') ||
        (a.subgroup?.position ?? 0) - (b.subgroup?.position ?? 0),
    );
    const totals = await this.topicTotals(plans.map((plan) => plan.id));
    return {
      items: plans.map((plan) => {
        const total = totals.get(plan.id);
        return ThematicPlanSummaryDto.from(plan, total?.topics ?? 0, total?.hours ?? 0);
      }),
    };
  }

  async get(ability: AppAbility, id: string): Promise<ThematicPlanDto> {
    const plan = await findVisible(this.em, ThematicPlan, id, ability, 'ThematicPlan', {
      populate: PLAN_POPULATE,
    });
    return this.describe(this.em, plan);
  }

  /** Creates or replaces the plan; topics keep their ids (and lessons) by position. */
  async save(
    ability: AppAbility,
    actor: Actor,
    target: PlanTarget,
    topics: PlanTopicInputDto[],
  ): Promise<ThematicPlanDto> {
    const checked = await this.checkTarget(ability, actor, target);
    return this.write(checked, topics);
  }

  /**
   * The plan from a CSV or XLSX file: a dry run reads and checks every row; a real run
   * replaces the plan with the file's topics, or changes nothing if any row has an error.
   */
  async importFile(
    ability: AppAbility,
    actor: Actor,
    target: PlanTarget,
    upload: ImportUpload,
    dryRun: boolean,
  ): Promise<PlanImportResultDto> {
    const checked = await this.checkTarget(ability, actor, target);
    let rows: PlanRow[];
    try {
      rows = readPlanRows(await readImportFile(upload.body, upload.type));
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      throw ProblemException.invalid([{ field: 'file', messages: [error.message] }]);
    }
    const valid = rows.filter((row) => row.errors.length === 0);
    const summary = {
      rows: rows.length,
      errors: rows.length - valid.length,
      totalHours: valid.reduce((sum, row) => sum + row.hours!, 0),
    };
    if (dryRun) return { dryRun, rows, summary, plan: null };
    if (valid.length < rows.length) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        ErrorCode.importRejected,
        'Import rejected',
        `${summary.errors} row(s) have errors; the plan was not changed.`,
        { rows: rows.filter((row) => row.errors.length > 0) },
      );
    }
    const topics = [...valid]
      .sort((a, b) => a.position! - b.position!)
      .map((row) => ({ title: row.title!, hours: row.hours! }));
    return { dryRun, rows, summary, plan: await this.write(checked, topics) };
  }

  /** Deletes the plan; lessons keep their topic text, their link to its topics becomes null. */
  async remove(ability: AppAbility, id: string): Promise<void> {
    const plan = await findVisible(this.em, ThematicPlan, id, ability, 'ThematicPlan', {
      populate: ['topics'],
    });
    await assertAllowed(this.em, ThematicPlan, id, ability, 'delete', 'ThematicPlan');
    // Removed one by one (not left to the cascade) so that each has its audit event.
    for (const topic of plan.topics.getItems()) this.em.remove(topic);
    this.em.remove(plan);
    await this.em.flush();
  }

  async suggestedTopic(ability: AppAbility, lessonId: string): Promise<SuggestedTopicDto> {
    const lesson = await findVisible(this.em, Lesson, lessonId, ability, 'Lesson');
    return this.suggestTopicFor(lesson);
  }

  /**
   * The next topic for a lesson, from the plan of its class, subject and subgroup: the
   * first (by position) whose linked, not cancelled lessons other than this one are fewer
   * than its hours. No permission check: the caller has checked the lesson.
   */
  async suggestTopicFor(
    lesson: Pick<Lesson, 'id' | 'schoolClass' | 'subject' | 'subgroup'>,
  ): Promise<SuggestedTopicDto> {
    const plan = await this.em.findOne(
      ThematicPlan,
      {
        schoolClass: lesson.schoolClass.id,
        subject: lesson.subject.id,
        subgroup: lesson.subgroup?.id ?? null,
      },
      { populate: ['topics'] },
    );
    if (!plan) return { planId: null, topic: null };
    const topics = [...plan.topics].sort((a, b) => a.position - b.position);
    const delivered = await this.deliveredHours(
      this.em,
      topics.map((topic) => topic.id),
      lesson.id,
    );
    const next = topics.find((topic) => (delivered.get(topic.id) ?? 0) < topic.hours);
    return {
      planId: plan.id,
      topic: next ? PlanTopicDto.from(next, delivered.get(next.id) ?? 0) : null,
    };
  }

  /**
   * 404 when the class is not visible; 400 when no teacher can be named; 403 when the
   * caller may not write the plan as it is or as it would be; 400 naming every field that
   * does not fit (subject, subgroup, a teacher without the teaching assignment).
   */
  private async checkTarget(
    ability: AppAbility,
    actor: Actor,
    target: PlanTarget,
  ): Promise<CheckedTarget> {
    const schoolClass = await this.classes.getVisibleClass(ability, target.classId);
    const { schoolId } = schoolClass;
    const subgroupId = target.subgroupId ?? null;
    const existing = await this.em.findOne(ThematicPlan, {
      schoolClass: schoolClass.id,
      subject: target.subjectId,
      subgroup: subgroupId,
    });
    const teacherId =
      target.teacherId ??
      existing?.teacher.id ??
      (await this.em.findOne(Person, { schoolId, kind: 'staff', accountId: actor.accountId }))?.id;
    if (!teacherId) {
      throw ProblemException.invalid([
        {
          field: 'teacherId',
          messages: ['teacherId is required: you have no staff card in this school'],
        },
      ]);
    }

    const planOf = (teacher: string) =>
      asSubject('ThematicPlan', { schoolId, schoolClass: schoolClass.id, teacher });
    const mayKeep = !existing || ability.can('update', planOf(existing.teacher.id));
    if (!mayKeep || !ability.can(existing ? 'update' : 'create', planOf(teacherId))) {
      throw ProblemException.forbidden(
        'You may write only your own thematic plans of the classes you teach.',
      );
    }

    const errors: FieldError[] = [];
    const subjectOf = await this.em.findOne(Subject, { id: target.subjectId, schoolId });
    if (!subjectOf) {
      errors.push({ field: 'subjectId', messages: ['no such subject in this school'] });
    }
    if (subgroupId) {
      const subgroup = await this.em.count(Subgroup, {
        id: subgroupId,
        split: { schoolClass: schoolClass.id, subject: target.subjectId },
      });
      if (!subgroup) {
        errors.push({
          field: 'subgroupId',
          messages: ['subgroupId must be a subgroup of this class’s split for the subject'],
        });
      }
    }
    const teacher = await this.em.count(Person, { id: teacherId, schoolId, kind: 'staff' });
    if (!teacher) {
      errors.push({
        field: 'teacherId',
        messages: ['teacherId must be a member of staff of this school'],
      });
    } else if (errors.length === 0) {
      const assigned = await this.teachingAssignments.isAssigned(
        schoolClass.id,
        target.subjectId,
        subgroupId,
        teacherId,
      );
      if (!assigned) {
        errors.push({
          field: 'teacherId',
          messages: [
            'the teacher must hold a teaching assignment for this class, subject and subgroup',
          ],
        });
      }
    }
    if (errors.length > 0) throw ProblemException.invalid(errors);
    return {
      schoolClass,
      subjectId: target.subjectId,
      subgroupId,
      teacherId,
      checkedTeacherId: existing?.teacher.id ?? null,
    };
  }

  private async write(
    target: CheckedTarget,
    topics: Pick<PlanTopicInputDto, 'title' | 'hours'>[],
  ): Promise<ThematicPlanDto> {
    return this.em.transactional(async (em) => {
      // Two writes of one class's plans run one after the other: neither sees the other's
      // plan half-written, and they cannot both create the same plan.
      await em.findOneOrFail(SchoolClass, target.schoolClass.id, {
        lockMode: LockMode.PESSIMISTIC_WRITE,
      });
      const where = {
        schoolClass: target.schoolClass.id,
        subject: target.subjectId,
        subgroup: target.subgroupId,
      };
      const teacher = em.getReference(Person, target.teacherId);
      const found = await em.findOne(ThematicPlan, where, { populate: ['topics'] });
      // The permission was checked on the plan as it was then: if another request has
      // created it or given it another teacher meanwhile, that check no longer holds.
      if ((found?.teacher.id ?? null) !== target.checkedTeacherId) {
        throw ProblemException.conflict(
          ErrorCode.conflict,
          'The plan was changed by someone else meanwhile; read it and try again.',
        );
      }
      if (found) found.teacher = teacher;
      const plan =
        found ??
        em.create(ThematicPlan, {
          schoolId: target.schoolClass.schoolId,
          schoolClass: em.getReference(SchoolClass, target.schoolClass.id),
          subject: em.getReference(Subject, target.subjectId),
          subgroup: target.subgroupId ? em.getReference(Subgroup, target.subgroupId) : null,
          teacher,
        });
      // By position: a topic keeps its id (and so its lessons) wherever its position survives.
      const current = found ? [...found.topics].sort((a, b) => a.position - b.position) : [];
      const saved = topics.map((input, index) => {
        const topic = current[index];
        if (!topic) return em.create(ThematicPlanTopic, { plan, position: index + 1, ...input });
        topic.title = input.title;
        topic.hours = input.hours;
        return topic;
      });
      // Their lessons keep the topic text; the link is set null by the foreign key.
      for (const extra of current.slice(topics.length)) em.remove(extra);
      await em.flush();
      await em.populate(plan, PLAN_POPULATE);
      return this.describe(em, plan, saved);
    });
  }

  /** Needs PLAN_POPULATE loaded; `topics` in order, unless they are to be loaded. */
  private async describe(
    em: EntityManager,
    plan: ThematicPlan,
    topics?: ThematicPlanTopic[],
  ): Promise<ThematicPlanDto> {
    topics ??= await em.find(ThematicPlanTopic, { plan }, { orderBy: { position: 'asc' } });
    const delivered = await this.deliveredHours(
      em,
      topics.map((topic) => topic.id),
    );
    const totalHours = topics.reduce((sum, topic) => sum + topic.hours, 0);
    return {
      ...ThematicPlanSummaryDto.from(plan, topics.length, totalHours),
      topics: topics.map((topic) => PlanTopicDto.from(topic, delivered.get(topic.id) ?? 0)),
    };
  }

  /** Per topic: linked lessons that are not cancelled (one lesson is one hour). */
  private async deliveredHours(
    em: EntityManager,
    topicIds: string[],
    exceptLessonId?: string,
  ): Promise<Map<string, number>> {
    if (topicIds.length === 0) return new Map();
    const rows = await em
      .createQueryBuilder(Lesson, 'l')
      .select(['l.planTopic', raw('count(*)::int as lessons')])
      .where({
        planTopic: { $in: topicIds },
        status: { $ne: 'cancelled' },
        ...(exceptLessonId ? { id: { $ne: exceptLessonId } } : {}),
      })
      .groupBy('l.planTopic')
      .execute<{ plan_topic_id: string; lessons: number }[]>('all', false);
    return new Map(rows.map((row) => [row.plan_topic_id, Number(row.lessons)]));
  }

  /** Per plan: how many topics and the sum of their hours. */
  private async topicTotals(
    planIds: string[],
  ): Promise<Map<string, { topics: number; hours: number }>> {
    if (planIds.length === 0) return new Map();
    const rows = await this.em
      .createQueryBuilder(ThematicPlanTopic, 't')
      .select(['t.plan', raw('count(*)::int as topics'), raw('sum(t.hours)::int as hours')])
      .where({ plan: { $in: planIds } })
      .groupBy('t.plan')
      .execute<{ plan_id: string; topics: number; hours: number }[]>('all', false);
    return new Map(
      rows.map((row) => [row.plan_id, { topics: Number(row.topics), hours: Number(row.hours) }]),
    );
  }
}

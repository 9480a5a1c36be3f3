import type { EntityManager } from '@mikro-orm/postgresql';
import type { FieldError } from '../../core/http/problem';
import { FieldErrors } from '../../core/http/field-errors';
import { type SchoolClass } from '../classes/entities/school-class.entity';
import { className } from '../classes/class-name';
import { Subgroup } from '../classes/entities/subgroup.entity';
import { TeachingAssignment } from '../classes/entities/teaching-assignment.entity';
import { Person } from '../people/entities/person.entity';
import { fullName } from '../people/person-name';
import { Bell } from '../reference-data/entities/bell.entity';
import { Room } from '../reference-data/entities/room.entity';
import { Subject } from '../reference-data/entities/subject.entity';

/** What a timetable cell or a lesson added by hand names. */
export interface SlotInput {
  lessonNumber: number;
  subjectId: string;
  teacherId: string;
  roomId?: string | null;
  subgroupId?: string | null;
}

/** A slot input with its references checked and loaded. */
export interface Slot {
  lessonNumber: number;
  subject: Subject;
  teacher: Person;
  room: Room | null;
  subgroup: Subgroup | null;
}

const ids = (values: (string | null | undefined)[]) => [
  ...new Set(values.filter((v): v is string => !!v)),
];

/**
 * Checks the slots of one class against the school's reference data, loaded once for the
 * whole batch: a bell-schedule lesson number, a current subject and room, a member of staff
 * who has a teaching assignment for the class, subject and subgroup (or the whole class), and
 * a subgroup of the class's split for the subject.
 */
export class SlotChecker {
  readonly errors = new FieldErrors();

  private constructor(
    private readonly schoolClass: SchoolClass,
    private readonly lessonNumbers: Set<number>,
    private readonly subjects: Map<string, Subject>,
    private readonly teachers: Map<string, Person>,
    private readonly rooms: Map<string, Room>,
    private readonly subgroups: Map<string, Subgroup>,
    private readonly assignments: TeachingAssignment[],
  ) {}

  static async load(
    em: EntityManager,
    schoolClass: SchoolClass,
    inputs: SlotInput[],
  ): Promise<SlotChecker> {
    const { schoolId } = schoolClass;
    const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
    const bells = await em.find(Bell, { schoolId });
    const subjects = await em.find(Subject, {
      id: { $in: ids(inputs.map((i) => i.subjectId)) },
      schoolId,
      archived: false,
    });
    const teachers = await em.find(Person, {
      id: { $in: ids(inputs.map((i) => i.teacherId)) },
      schoolId,
      kind: 'staff',
    });
    const rooms = await em.find(Room, {
      id: { $in: ids(inputs.map((i) => i.roomId)) },
      schoolId,
      archived: false,
    });
    const subgroups = await em.find(
      Subgroup,
      { id: { $in: ids(inputs.map((i) => i.subgroupId)) }, split: { schoolClass } },
      { populate: ['split'] },
    );
    const assignments = await em.find(TeachingAssignment, { schoolClass });
    return new SlotChecker(
      schoolClass,
      new Set(bells.map((b) => b.lessonNumber)),
      byId(subjects),
      byId(teachers),
      byId(rooms),
      byId(subgroups),
      assignments,
    );
  }

  /** The checked slot, or null with its errors added under `prefix` (e.g. `cells[3].`). */
  check(input: SlotInput, prefix = ''): Slot | null {
    const fail = (field: string, message: string) => this.errors.add(`${prefix}${field}`, message);
    let ok = true;
    if (!this.lessonNumbers.has(input.lessonNumber)) {
      fail('lessonNumber', `lesson ${input.lessonNumber} is not in the school’s bell schedule`);
      ok = false;
    }
    const subject = this.subjects.get(input.subjectId);
    if (!subject) {
      fail('subjectId', 'no such current subject in this school');
      ok = false;
    }
    const teacher = this.teachers.get(input.teacherId);
    if (!teacher) {
      fail('teacherId', 'teacherId must be a member of staff of this school');
      ok = false;
    }
    const room = input.roomId ? this.rooms.get(input.roomId) : null;
    if (room === undefined) {
      fail('roomId', 'no such current room in this school');
      ok = false;
    }
    const subgroup = input.subgroupId ? this.subgroups.get(input.subgroupId) : null;
    if (
      subgroup === undefined ||
      (subgroup && subject && subgroup.split.subject.id !== subject.id)
    ) {
      fail('subgroupId', 'subgroupId must be a subgroup of this class’s split for the subject');
      ok = false;
    }
    if (!ok || !subject || !teacher || room === undefined || subgroup === undefined) return null;
    const assigned = this.assignments.some(
      (a) =>
        a.teacher.id === teacher.id &&
        a.subject.id === subject.id &&
        (a.subgroup?.id ?? null) === (subgroup?.id ?? null),
    );
    if (!assigned) {
      const whom = subgroup
        ? `«${subgroup.name}»`
        : `the whole class ${className(this.schoolClass)}`;
      fail(
        'teacherId',
        `${fullName(teacher)} has no teaching assignment for ${subject.name} in ${whom}`,
      );
      return null;
    }
    return { lessonNumber: input.lessonNumber, subject, teacher, room, subgroup };
  }

  get list(): FieldError[] {
    return this.errors.list;
  }
}

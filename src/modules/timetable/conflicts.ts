import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '../../core/http/error-codes';
import { ProblemException } from '../../core/http/problem';
import { type SchoolClass } from '../classes/entities/school-class.entity';
import { className } from '../classes/class-name';
import type { Subgroup } from '../classes/entities/subgroup.entity';
import type { RosterService } from '../classes/roster/roster.service';
import { type Person } from '../people/entities/person.entity';
import { fullName } from '../people/person-name';
import type { Room } from '../reference-data/entities/room.entity';
import type { Subject } from '../reference-data/entities/subject.entity';

export type ConflictKind = 'teacher' | 'room' | 'class' | 'subgroup';

/** The other side of a clash, as the client shows it. */
export interface ConflictParty {
  classId: string;
  className: string;
  subject: { id: string; name: string };
  teacher: { id: string; fullName: string };
  room: { id: string; name: string } | null;
  subgroup: { id: string; name: string } | null;
  /** Index in the request's `cells` when the clash is within the request. */
  cellIndex?: number;
  /** A stored timetable cell, and when it is in force. */
  cellId?: string;
  validFrom?: string;
  validUntil?: string;
  /** A dated lesson. */
  lessonId?: string;
}

/** One clash of the 409 `timetable.conflict` answer. */
export interface Conflict {
  kind: ConflictKind;
  weekday?: number;
  date?: string;
  lessonNumber: number;
  /** Index in the request's `cells` of the cell that clashes (timetable changes). */
  cellIndex?: number;
  message: string;
  with: ConflictParty;
}

/**
 * A cell or lesson occupying a slot: who teaches it (the substitute when there is one), where,
 * and for whom. `party` holds how the answer names it.
 */
export interface Booking {
  schoolClass: SchoolClass;
  subject: Subject;
  teacher: Person;
  room: Room | null;
  subgroup: Subgroup | null;
  party?: Pick<ConflictParty, 'cellIndex' | 'cellId' | 'validFrom' | 'validUntil' | 'lessonId'>;
}

/** Which students of a class each subgroup has, to tell whether two subgroups overlap. */
export class SubgroupStudents {
  private constructor(private readonly members: Map<string, Set<string>>) {}

  static none(): SubgroupStudents {
    return new SubgroupStudents(new Map());
  }

  /** The students of each of the given subgroups on `date`: its lessons' roster then. */
  static async load(
    roster: RosterService,
    classId: string,
    subgroupIds: string[],
    date: string,
  ): Promise<SubgroupStudents> {
    const ids = [...new Set(subgroupIds)];
    if (ids.length === 0) return SubgroupStudents.none();
    const lessons = ids.map((id) => ({ id, classId, date, subgroupId: id }));
    return new SubgroupStudents(await roster.rostersOf(lessons));
  }

  share(a: Subgroup, b: Subgroup): boolean {
    const first = this.members.get(a.id);
    const second = this.members.get(b.id);
    if (!first || !second) return false;
    return [...first].some((student) => second.has(student));
  }
}

const lessonLabel = (b: Booking) =>
  `${b.subject.name}${b.subgroup ? ` («${b.subgroup.name}»)` : ''}`;
const subjectLabel = (b: Booking) => `${className(b.schoolClass)} ${lessonLabel(b)}`;

/** Every way `a` and `b`, in the same slot at the same time, clash; with the message for each. */
export function clashes(
  a: Booking,
  b: Booking,
  students: SubgroupStudents,
): { kind: ConflictKind; message: string }[] {
  const found: { kind: ConflictKind; message: string }[] = [];
  if (a.teacher.id === b.teacher.id) {
    found.push({
      kind: 'teacher',
      message: `${fullName(a.teacher)} already teaches ${subjectLabel(b)} then`,
    });
  }
  if (a.room && b.room && a.room.id === b.room.id) {
    found.push({
      kind: 'room',
      message: `${a.room.name} is already taken by ${subjectLabel(b)} then`,
    });
  }
  if (a.schoolClass.id === b.schoolClass.id) {
    if (!a.subgroup || !b.subgroup) {
      found.push({
        kind: 'class',
        message: `${className(a.schoolClass)} already has ${lessonLabel(b)} then: a whole-class lesson runs alongside no other lesson of the class`,
      });
    } else if (a.subgroup.id === b.subgroup.id) {
      found.push({
        kind: 'subgroup',
        message: `«${a.subgroup.name}» already has ${b.subject.name} then`,
      });
    } else if (
      a.subgroup.split.id !== b.subgroup.split.id &&
      students.share(a.subgroup, b.subgroup)
    ) {
      found.push({
        kind: 'subgroup',
        message: `«${a.subgroup.name}» and «${b.subgroup.name}» have students in common and cannot run in parallel`,
      });
    }
  }
  return found;
}

export function partyOf(b: Booking): ConflictParty {
  return {
    classId: b.schoolClass.id,
    className: className(b.schoolClass),
    subject: { id: b.subject.id, name: b.subject.name },
    teacher: { id: b.teacher.id, fullName: fullName(b.teacher) },
    room: b.room ? { id: b.room.id, name: b.room.name } : null,
    subgroup: b.subgroup ? { id: b.subgroup.id, name: b.subgroup.name } : null,
    ...b.party,
  };
}

/** 409 `timetable.conflict` listing every clash; nothing was changed. */
export function timetableConflict(conflicts: Conflict[]): ProblemException {
  return new ProblemException(
    HttpStatus.CONFLICT,
    ErrorCode.timetableConflict,
    'Timetable conflict',
    `${conflicts.length} conflict(s): a teacher, room, class or subgroup would be in two places at once. Nothing was changed.`,
    { conflicts },
  );
}

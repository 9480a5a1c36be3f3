import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AbsenceReason } from './entities/absence-reason.entity';
import { GradingScale } from './entities/grading-scale.entity';
import { LessonType } from './entities/lesson-type.entity';
import { MarkType } from './entities/mark-type.entity';
import type { ReferenceItem } from './entities/reference-item';
import { Room } from './entities/room.entity';
import { Subject } from './entities/subject.entity';
import { AbsenceReasonDto } from './dto/absence-reason.dto';
import { GradingScaleDto } from './dto/grading-scale.dto';
import { MarkTypeDto } from './dto/mark-type.dto';
import { RoomDto } from './dto/room.dto';
import { LessonTypeDto, SubjectDto } from './dto/subject.dto';
import { prepareGradingScale, prepareSubject } from './grading-scales';

/** One kind of reference item: its entity, how it is shown, and how input maps to columns. */
export interface ReferenceKind<E extends ReferenceItem, Dto> {
  entity: EntityClass<E>;
  /** For messages: «A subject named … already exists». */
  label: string;
  toDto: (item: E) => Dto;
  /** Input fields whose column differs (a mark type's weight is stored as a decimal string). */
  toColumns?: (input: Record<string, unknown>) => Record<string, unknown>;
  /** Absence reasons also have a unique code. */
  uniqueCode?: boolean;
  /**
   * Kind-specific checks against the school's other data before anything changes (400/409).
   * Runs in the transaction that then writes the item; may change other items and flush them
   * first (a unique index that must never see two rows at once). `item` is the item being
   * changed, absent on create.
   */
  prepare?: (
    em: EntityManager,
    schoolId: string,
    input: Record<string, unknown>,
    item?: E,
  ) => Promise<void>;
}

export const SUBJECTS: ReferenceKind<Subject, SubjectDto> = {
  entity: Subject,
  label: 'subject',
  toDto: SubjectDto.from,
  prepare: prepareSubject,
};

export const MARK_TYPES: ReferenceKind<MarkType, MarkTypeDto> = {
  entity: MarkType,
  label: 'mark type',
  toDto: MarkTypeDto.from,
  toColumns: ({ weight, ...rest }) =>
    typeof weight === 'number' ? { ...rest, weight: weight.toFixed(2) } : rest,
};

export const LESSON_TYPES: ReferenceKind<LessonType, LessonTypeDto> = {
  entity: LessonType,
  label: 'lesson type',
  toDto: LessonTypeDto.from,
};

export const ABSENCE_REASONS: ReferenceKind<AbsenceReason, AbsenceReasonDto> = {
  entity: AbsenceReason,
  label: 'absence reason',
  toDto: AbsenceReasonDto.from,
  uniqueCode: true,
};

export const ROOMS: ReferenceKind<Room, RoomDto> = {
  entity: Room,
  label: 'room',
  toDto: RoomDto.from,
};

export const GRADING_SCALES: ReferenceKind<GradingScale, GradingScaleDto> = {
  entity: GradingScale,
  label: 'grading scale',
  toDto: GradingScaleDto.from,
  prepare: prepareGradingScale,
};

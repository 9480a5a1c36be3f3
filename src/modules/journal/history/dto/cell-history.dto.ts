import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  JOURNAL_CELL_KINDS,
  JOURNAL_CHANGE_ACTIONS,
  type JournalCellKind,
  type JournalChangeAction,
} from '../../entities/journal-change.entity';
import { JournalMarkTypeShortDto } from '../../dto/journal-refs.dto';

export class CellHistoryQueryDto {
  @ApiPropertyOptional({
    enum: JOURNAL_CELL_KINDS,
    description:
      'Only the changes of the marks (`mark`) or of the attendance entry (`attendance`); both (those the caller may read) when left out.',
    example: 'mark',
  })
  @IsOptional()
  @IsIn(JOURNAL_CELL_KINDS)
  cell?: JournalCellKind;
}

export class CellHistoryReasonDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c5b01' })
  id!: string;

  @ApiProperty({ example: 'Н' })
  code!: string;
}

/**
 * A cell's record as it was before or after a change: a mark (`value`, `score`, `markType`,
 * `comment`) or an attendance entry — an absence or late arrival (`reason`, `minutesLate`,
 * `comment`).
 */
export class CellValuesDto {
  @ApiPropertyOptional({ description: 'Marks only.', example: '4' })
  value?: string;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Marks only.', example: 4 })
  score?: number | null;

  @ApiPropertyOptional({
    type: JournalMarkTypeShortDto,
    nullable: true,
    description: 'Marks only. Archived mark types are still named.',
  })
  markType?: JournalMarkTypeShortDto | null;

  @ApiPropertyOptional({
    type: CellHistoryReasonDto,
    nullable: true,
    description: 'Attendance only.',
  })
  reason?: CellHistoryReasonDto | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Attendance only: minutes late.',
    example: null,
  })
  minutesLate?: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'Ошибка в задаче 3' })
  comment!: string | null;
}

export type CellHistoryMarkValuesDto = Required<
  Pick<CellValuesDto, 'value' | 'score' | 'markType' | 'comment'>
>;
export type CellHistoryAttendanceValuesDto = Required<
  Pick<CellValuesDto, 'reason' | 'minutesLate' | 'comment'>
>;

export class CellHistoryAuthorDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c5c01' })
  accountId!: string;

  @ApiProperty({ example: 'Математикова Ирина Петровна' })
  name!: string;
}

const VALUES = { type: CellValuesDto, nullable: true };

/** One change of a journal cell (J10), as kept by the database whatever made it. */
export class CellChangeDto {
  @ApiProperty({ description: 'Sequence number of the change.', example: '1042' })
  id!: string;

  @ApiProperty({ enum: JOURNAL_CELL_KINDS, example: 'mark' })
  cell!: JournalCellKind;

  @ApiProperty({
    format: 'uuid',
    description: 'The mark or attendance entry that changed (a cell may hold several marks).',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c5d01',
  })
  recordId!: string;

  @ApiProperty({ enum: JOURNAL_CHANGE_ACTIONS, example: 'update' })
  action!: JournalChangeAction;

  @ApiProperty({
    ...VALUES,
    description:
      'The record before the change (null for `create`): a mark `{ value, score, markType, comment }` or an attendance entry `{ reason, minutesLate, comment }`.',
    example: {
      value: '3',
      score: 3,
      markType: { id: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c5a01', shortName: 'к/р' },
      comment: null,
    },
  })
  before!: CellHistoryMarkValuesDto | CellHistoryAttendanceValuesDto | null;

  @ApiProperty({
    ...VALUES,
    description: 'The record after the change (null for `delete`).',
    example: {
      value: '4',
      score: 4,
      markType: { id: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c5a01', shortName: 'к/р' },
      comment: 'Исправлено после пересдачи',
    },
  })
  after!: CellHistoryMarkValuesDto | CellHistoryAttendanceValuesDto | null;

  @ApiProperty({
    type: CellHistoryAuthorDto,
    nullable: true,
    description:
      'The account that made the change; null when it was made outside the API (a direct database write).',
  })
  changedBy!: CellHistoryAuthorDto | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The request that made the change (`X-Request-Id`).',
    example: '6f1c2a4e-1d3b-4c5a-9e7f-8a9b0c1d2e3f',
  })
  requestId!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why, as given in `X-Change-Reason`.',
    example: 'Исправление по заявлению родителя от 20.11.2026',
  })
  reason!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-20T09:41:12.345Z' })
  changedAt!: string;
}

export class CellHistoryDto {
  @ApiProperty({ type: [CellChangeDto], description: 'Oldest first.' })
  items!: CellChangeDto[];
}

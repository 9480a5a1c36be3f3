import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ProblemException } from '../../../core/http/problem';
import type { AppAbility } from '../../../core/policy/subjects';
import { Lesson } from '../../lessons/entities/lesson.entity';
import { Person } from '../../people/entities/person.entity';
import {
  JOURNAL_CELL_KINDS,
  type JournalCellKind,
  type JournalChangeAction,
} from '../entities/journal-change.entity';
import { attendanceCell } from '../../attendance/attendance.policy';
import { journalCell } from '../../lessons/journal-cell';
import { markCell } from '../../grades/grades.policy';
import type {
  CellChangeDto,
  CellHistoryAttendanceValuesDto,
  CellHistoryDto,
  CellHistoryMarkValuesDto,
} from './dto/cell-history.dto';

/**
 * A record's columns (snake_case, as the trigger keeps them) made readable: ids of mark
 * types and absence reasons resolved by the joins `mt` / `ar`. Reference items are archived,
 * never deleted, so the joins always find them.
 */
const values = (column: string, mt: string, ar: string) => `
  case
    when ${column} is null then null
    when jc.cell = 'mark' then jsonb_build_object(
      'value', ${column} -> 'value',
      'score', ${column} -> 'score',
      'markType', case when ${mt}.id is null then null
                       else jsonb_build_object('id', ${mt}.id, 'shortName', ${mt}.short_name) end,
      'comment', ${column} -> 'comment')
    else jsonb_build_object(
      'reason', case when ${ar}.id is null then null
                     else jsonb_build_object('id', ${ar}.id, 'code', ${ar}.code) end,
      'minutesLate', ${column} -> 'minutes_late',
      'comment', ${column} -> 'comment')
  end`;

/** One query: the cell's changes, oldest first, with readable values and who made them. */
const HISTORY_SQL = `
  select jc.id::text as id, jc.cell, jc.record_id, jc.action,
         ${values('jc.before', 'bmt', 'bar')} as before,
         ${values('jc.after', 'amt', 'aar')} as after,
         jc.changed_by, a.display_name as changed_by_name,
         jc.request_id, jc.reason, jc.changed_at
    from journal_changes jc
    left join accounts a on a.id = jc.changed_by
    left join mark_types bmt on jc.cell = 'mark' and bmt.id = (jc.before ->> 'mark_type_id')::uuid
    left join mark_types amt on jc.cell = 'mark' and amt.id = (jc.after ->> 'mark_type_id')::uuid
    left join absence_reasons bar
           on jc.cell = 'attendance' and bar.id = (jc.before ->> 'reason_id')::uuid
    left join absence_reasons aar
           on jc.cell = 'attendance' and aar.id = (jc.after ->> 'reason_id')::uuid
   where jc.lesson_id = ? and jc.student_id = ?
     and ((jc.cell = 'mark' and ?) or (jc.cell = 'attendance' and ?))
   order by jc.changed_at, jc.id`;

type CellValues = CellHistoryMarkValuesDto | CellHistoryAttendanceValuesDto;

interface HistoryRow {
  id: string;
  cell: JournalCellKind;
  record_id: string;
  action: JournalChangeAction;
  before: CellValues | null;
  after: CellValues | null;
  changed_by: string | null;
  changed_by_name: string | null;
  request_id: string | null;
  reason: string | null;
  changed_at: Date | string;
}

/** The history of one journal cell (J10): who changed a mark or an absence, when, from what. */
@Injectable()
export class CellHistoryService {
  constructor(private readonly em: EntityManager) {}

  /**
   * The changes of one student's cell in one lesson: its marks, its attendance entry or both,
   * as far as the caller may read them; 404 when they may read neither (or no such cell).
   */
  async history(
    ability: AppAbility,
    lessonId: string,
    studentId: string,
    cell?: JournalCellKind,
  ): Promise<CellHistoryDto> {
    const lesson = await this.em.findOne(Lesson, lessonId);
    const notFound = () =>
      ProblemException.notFound(`Journal cell of student ${studentId} in lesson ${lessonId}`);
    if (!lesson) throw notFound();
    const shape = journalCell(lesson, studentId);
    const readable = new Set(
      JOURNAL_CELL_KINDS.filter(
        (kind) =>
          (cell === undefined || cell === kind) &&
          ability.can('read', kind === 'mark' ? markCell(shape) : attendanceCell(shape)),
      ),
    );
    if (readable.size === 0) throw notFound();
    const student = await this.em.count(Person, {
      id: studentId,
      schoolId: lesson.schoolId,
      kind: 'student',
    });
    if (student === 0) throw notFound();

    const rows = await this.em
      .getConnection()
      .execute<HistoryRow[]>(HISTORY_SQL, [
        lessonId,
        studentId,
        readable.has('mark'),
        readable.has('attendance'),
      ]);
    return { items: rows.map(toChange) };
  }
}

function toChange(row: HistoryRow): CellChangeDto {
  return {
    id: row.id,
    cell: row.cell,
    recordId: row.record_id,
    action: row.action,
    before: row.before,
    after: row.after,
    changedBy: row.changed_by
      ? { accountId: row.changed_by, name: row.changed_by_name ?? '' }
      : null,
    requestId: row.request_id,
    reason: row.reason,
    changedAt: new Date(row.changed_at).toISOString(),
  };
}

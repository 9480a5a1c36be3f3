import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ProblemException, type FieldError } from '../../../core/http/problem';
import type { AppAbility } from '../../../core/policy/subjects';
import type {
  JournalGridDto,
  JournalGridQueryDto,
  JournalStudentDto,
} from './dto/journal-grid.dto';
import { JOURNAL_GRID_SQL, type GridRow } from './journal-grid.sql';
import { queryPrepared } from '../../../core/database/prepared';
import { Clock } from '../../../core/clock/clock';
import { classReadAccess, type JsonText } from './journal-read';

/**
 * The journal grid (J2, J3): one SQL statement builds the answer; the caller's `Mark` and
 * `Attendance` rules are then applied in memory. Staff who read the class get the document
 * exactly as PostgreSQL wrote it; students and parents get their own (their children's) rows
 * only, with the lessons and the class average.
 */
@Injectable()
export class JournalGridService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async grid(ability: AppAbility, classId: string, query: JournalGridQueryDto): Promise<JsonText> {
    const [row] = await queryPrepared<GridRow>(this.em, 'journal_grid', JOURNAL_GRID_SQL, [
      classId,
      query.subjectId,
      query.studyPeriodId ?? null,
      query.subgroupId ?? null,
      this.clock.now().toISOString(),
    ]);
    if (!row) throw ProblemException.notFound(`Class ${classId}`);
    const access = classReadAccess(ability, row.schoolId, classId);
    const seesClass =
      access.allMarks || row.enrolledIds.some((studentId) => access.marksOf(studentId));
    if (!seesClass) throw ProblemException.notFound(`Class ${classId}`);
    if (row.body === null) throw this.unresolved(row, query);
    if (access.allMarks && access.allAttendance) return row.body;

    const grid = JSON.parse(row.body) as JournalGridDto;
    const students = grid.students
      .filter((student) => access.marksOf(student.id))
      .map((student): JournalStudentDto =>
        access.attendanceOf(student.id)
          ? student
          : {
              ...student,
              absences: [],
              absenceCounts: { total: 0, excused: 0, unexcused: 0, late: 0 },
            },
      );
    if (!access.allMarks && students.length === 0) {
      throw ProblemException.notFound(`Class ${classId}`);
    }
    return JSON.stringify({ ...grid, students });
  }

  /** Which of the parameters does not belong to the class (400, every bad one listed). */
  private unresolved(row: GridRow, query: JournalGridQueryDto): ProblemException {
    const errors: FieldError[] = [];
    if (!row.subjectFound) {
      errors.push({ field: 'subjectId', messages: ['subjectId must be a subject of this school'] });
    }
    if (!row.periodFound && query.studyPeriodId) {
      errors.push({
        field: 'studyPeriodId',
        messages: [
          `studyPeriodId must be a study period of grade ${row.grade} in the academic year of ${row.className}`,
        ],
      });
    }
    if (!row.subgroupFound) {
      errors.push({
        field: 'subgroupId',
        messages: [`subgroupId must be a subgroup of ${row.className} for this subject`],
      });
    }
    if (errors.length > 0) return ProblemException.invalid(errors);
    // No period given and the class's year has none for its grade: nothing to show.
    return ProblemException.notFound(
      `A study period of grade ${row.grade} in the academic year of ${row.className}`,
    );
  }
}

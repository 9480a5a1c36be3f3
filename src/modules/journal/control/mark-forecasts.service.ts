import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { suggestMark } from '../../grades/averages';
import { subjectScalesOf } from '../../grades/grading-scale-of';
import { controlBindings, FORECAST_SQL } from './journal-control.sql';

/** What a student's marks of a subject in a period suggest so far (J11, R2, R12). */
export interface MarkForecast {
  studentId: string;
  subjectId: string;
  subjectName: string;
  marksCount: number;
  weightedAverage: number | null;
  /** The period mark the weighted average suggests on the subject's scale; null without one. */
  forecast: string | null;
}

/**
 * Forecasts of period marks for other modules (the reports): the same SQL and rule as the
 * journal control's `forecast`, without its caller's rights — the caller checked those.
 */
@Injectable()
export class MarkForecastsService {
  constructor(private readonly em: EntityManager) {}

  async ofClass(
    schoolClass: { id: string; schoolId: string },
    period: { startsOn: string; endsOn: string },
    today: string,
  ): Promise<MarkForecast[]> {
    const bindings = controlBindings(today, null, 1, [
      { classId: schoolClass.id, startsOn: period.startsOn, endsOn: period.endsOn },
    ]);
    const rows = await this.em
      .getConnection()
      .execute<Record<string, unknown>[]>(FORECAST_SQL, bindings);
    const scaleOf = await subjectScalesOf(this.em, schoolClass.schoolId);
    return rows.map((row) => {
      const average = row.weighted_average === null ? null : Number(row.weighted_average);
      return {
        studentId: row.student_id as string,
        subjectId: row.subject_id as string,
        subjectName: row.subject_name as string,
        marksCount: row.marks_count as number,
        weightedAverage: average,
        forecast: suggestMark(average, scaleOf(row.grading_scale_id as string | null)),
      };
    });
  }
}

import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode } from '../../../core/http/error-codes';
import { ProblemException, type FieldError } from '../../../core/http/problem';
import type { AppAbility } from '../../../core/policy/subjects';
import { School } from '../../../core/tenancy/entities/school.entity';
import { AcademicYear } from '../../academic-years/entities/academic-year.entity';
import { StudyPeriodsService } from '../../academic-years/study-periods.service';
import { StudyPeriod } from '../../academic-years/entities/study-period.entity';
import { SchoolClass } from '../../classes/entities/school-class.entity';
import { className } from '../../classes/class-name';
import { Clock } from '../../../core/clock/clock';
import { SchoolTodayService } from '../../../core/clock/school-today.service';
import { suggestMark } from '../../grades/averages';
import { subjectScalesOf } from '../../grades/grading-scale-of';
import { fullName } from '../../people/person-name';
import { byName } from '../../people/person-name';
import { Subject } from '../../reference-data/entities/subject.entity';
import { classCell } from '../../lessons/journal-cell';
import { markCell } from '../../grades/grades.policy';
import type { JournalPersonRefDto } from '../dto/journal-refs.dto';
import type {
  ClassJournalControlDto,
  JournalControlPeriodDto,
  JournalControlQueryDto,
  LateMarkDto,
  MarkForecastDto,
  SchoolJournalControlDto,
  SchoolJournalControlQueryDto,
  StudentWithoutMarksDto,
  UnrecordedLessonDto,
} from './dto/journal-control.dto';
import {
  controlBindings,
  FORECAST_SQL,
  LATE_MARKS_SQL,
  SUMMARY_SQL,
  UNRECORDED_LESSONS_SQL,
  WITHOUT_MARKS_SQL,
  type ScopeClass,
} from './journal-control.sql';

/**
 * Whether the caller may read the marks of the whole class (its "column"): the leadership,
 * the class teacher and the class's teachers. Rules that need a student never match.
 */
export const readsMarksOf = (ability: AppAbility, c: Pick<SchoolClass, 'id' | 'schoolId'>) =>
  ability.can('read', markCell(classCell(c.schoolId, c.id)));

/**
 * The period a report looks at by default: the one containing today, else the latest that
 * started before today, else (a year not begun) the first.
 */
export function currentPeriod(periods: StudyPeriod[], today: string): StudyPeriod | undefined {
  const started = periods.filter((p) => p.startsOn <= today);
  return started.length ? started[started.length - 1] : periods[0];
}

type Row = Record<string, unknown>;

/** A person from the `<prefix>_last_name`, … columns of a row. */
function personOf(row: Row, prefix: string): JournalPersonRefDto & { sortKey: Named } {
  const named = {
    id: row[`${prefix}_id`] as string,
    lastName: row[`${prefix}_last_name`] as string,
    firstName: row[`${prefix}_first_name`] as string,
    middleName: row[`${prefix}_middle_name`] as string | null,
  };
  return { id: named.id, name: fullName(named), sortKey: named };
}

interface Named {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
}

const bySubject = (a: { subject: { name: string } }, b: { subject: { name: string } }) =>
  a.subject.name.localeCompare(b.subject.name, 'ru');

/** Student rows in name order, a student's subjects by name; the sort key is dropped. */
function byStudent<
  T extends { student: JournalPersonRefDto & { sortKey?: Named }; subject: { name: string } },
>(rows: T[]): T[] {
  return rows
    .sort((a, b) => byName(a.student.sortKey!, b.student.sortKey!) || bySubject(a, b))
    .map((row) => ({ ...row, student: { id: row.student.id, name: row.student.name } }));
}

const periodDto = (p: StudyPeriod): JournalControlPeriodDto => ({
  id: p.id,
  name: p.name,
  startsOn: p.startsOn,
  endsOn: p.endsOn,
});

/**
 * Journal-keeping control (J6) and the forecast of results (J11): what the class teacher
 * checks weekly and the deputy periodically. Read straight from SQL (see
 * journal-control.sql.ts), for the classes whose marks the caller may read.
 */
@Injectable()
export class JournalControlService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly schoolToday: SchoolTodayService,
    private readonly studyPeriods: StudyPeriodsService,
  ) {}

  async ofClass(
    ability: AppAbility,
    classId: string,
    query: JournalControlQueryDto,
  ): Promise<ClassJournalControlDto> {
    const schoolClass = await this.em.findOne(SchoolClass, classId);
    if (!schoolClass || !readsMarksOf(ability, schoolClass)) {
      throw ProblemException.notFound(`Class ${classId}`);
    }
    const today = await this.schoolToday.todayOf(schoolClass.schoolId);
    const periods = (await this.studyPeriods.periodsByGrade(schoolClass.academicYearId))(
      schoolClass.grade,
    );
    const errors: FieldError[] = [];
    let period: StudyPeriod | undefined;
    if (query.studyPeriodId) {
      period = periods.find((p) => p.id === query.studyPeriodId);
      if (!period) {
        errors.push({
          field: 'studyPeriodId',
          messages: [
            `studyPeriodId must be a study period of grade ${schoolClass.grade} in the class’s academic year`,
          ],
        });
      }
    }
    if (
      query.subjectId &&
      (await this.em.count(Subject, { id: query.subjectId, schoolId: schoolClass.schoolId })) === 0
    ) {
      errors.push({ field: 'subjectId', messages: ['subjectId must be a subject of this school'] });
    }
    if (errors.length) throw ProblemException.invalid(errors);
    period ??= currentPeriod(periods, today);
    if (!period) {
      throw ProblemException.conflict(
        ErrorCode.conflict,
        `Class ${className(schoolClass)} has no study periods: its academic year has none for grade ${schoolClass.grade}.`,
      );
    }

    const bindings = controlBindings(today, query.subjectId ?? null, query.withoutMarksFor, [
      { classId: schoolClass.id, startsOn: period.startsOn, endsOn: period.endsOn },
    ]);
    const connection = this.em.getConnection();
    const unrecorded = await connection.execute<Row[]>(UNRECORDED_LESSONS_SQL, bindings);
    const late = await connection.execute<Row[]>(LATE_MARKS_SQL, bindings);
    const without = await connection.execute<Row[]>(WITHOUT_MARKS_SQL, bindings);
    const forecast = await connection.execute<Row[]>(FORECAST_SQL, bindings);
    const scaleOf = await subjectScalesOf(this.em, schoolClass.schoolId);

    const lesson = (row: Row): UnrecordedLessonDto => ({
      lessonId: row.id as string,
      date: row.date as string,
      lessonNumber: row.lesson_number as number,
      subject: { id: row.subject_id as string, name: row.subject_name as string },
      teacher: stripKey(personOf(row, 'teacher')),
    });
    return {
      period: periodDto(period),
      studentsWithoutMarks: byStudent(
        without.map((row): StudentWithoutMarksDto => ({
          student: personOf(row, 'student'),
          subject: { id: row.subject_id as string, name: row.subject_name as string },
          lessonsWithoutMark: row.lessons_without_mark as number,
          lastMarkOn: (row.last_mark_on as string | null) ?? null,
        })),
      ),
      lessonsWithoutTopic: unrecorded.filter((row) => row.without_topic).map(lesson),
      lessonsWithoutAttendance: unrecorded.filter((row) => row.without_attendance).map(lesson),
      lateMarks: late.map((row): LateMarkDto => ({
        markId: row.id as string,
        lessonId: row.lesson_id as string,
        date: row.date as string,
        student: stripKey(personOf(row, 'student')),
        subject: { id: row.subject_id as string, name: row.subject_name as string },
        markType: { id: row.mark_type_id as string, shortName: row.mark_type_short_name as string },
        value: row.value as string,
        teacher: stripKey(personOf(row, 'teacher')),
        dueOn: (row.due_on as string | null) ?? null,
        givenAt: new Date(row.created_at as string | Date).toISOString(),
      })),
      forecast: byStudent(
        forecast.map((row): MarkForecastDto => {
          const average = row.weighted_average === null ? null : Number(row.weighted_average);
          return {
            student: personOf(row, 'student'),
            subject: { id: row.subject_id as string, name: row.subject_name as string },
            marksCount: row.marks_count as number,
            weightedAverage: average,
            forecast: suggestMark(average, scaleOf(row.grading_scale_id as string | null)),
          };
        }),
      ),
    };
  }

  /**
   * Per class of the school whose marks the caller may read: the control figures of one
   * period (the given one for the classes of its grades, else each class's current one).
   * One aggregate query for all classes.
   */
  async ofSchool(
    ability: AppAbility,
    schoolId: string,
    query: SchoolJournalControlQueryDto,
  ): Promise<SchoolJournalControlDto> {
    const school = await this.em.findOne(School, schoolId);
    if (!school) throw ProblemException.notFound(`School ${schoolId}`);
    const today = this.clock.today(school.timeZone);
    const given = query.studyPeriodId
      ? await this.em.findOne(StudyPeriod, { id: query.studyPeriodId, schoolId })
      : undefined;
    const yearId = given ? given.academicYearId : await this.currentYearId(schoolId, today);
    const classes = yearId
      ? await this.em.find(SchoolClass, { schoolId, academicYearId: yearId })
      : [];
    const visible = classes.filter((c) => readsMarksOf(ability, c));
    if (!visible.length && !ability.can('read', subject('Mark', { schoolId }))) {
      throw ProblemException.notFound(`School ${schoolId}`);
    }
    if (given === null) {
      throw ProblemException.invalid([
        {
          field: 'studyPeriodId',
          messages: ['studyPeriodId must be a study period of this school'],
        },
      ]);
    }

    const periodsOf = yearId ? await this.studyPeriods.periodsByGrade(yearId) : () => [];
    const checked: { schoolClass: SchoolClass; period: StudyPeriod }[] = [];
    for (const schoolClass of visible) {
      const periods = periodsOf(schoolClass.grade);
      const period = given ? periods.find((p) => p.id === given.id) : currentPeriod(periods, today);
      if (period) checked.push({ schoolClass, period });
    }
    if (!checked.length) return { items: [] };

    const scope: ScopeClass[] = checked.map(({ schoolClass, period }) => ({
      classId: schoolClass.id,
      startsOn: period.startsOn,
      endsOn: period.endsOn,
    }));
    const rows = await this.em
      .getConnection()
      .execute<Row[]>(SUMMARY_SQL, controlBindings(today, null, query.withoutMarksFor, scope));
    const counts = new Map(rows.map((row) => [row.class_id as string, row]));
    return {
      items: checked
        .sort(
          (a, b) =>
            a.schoolClass.grade - b.schoolClass.grade ||
            a.schoolClass.letter.localeCompare(b.schoolClass.letter, 'ru'),
        )
        .map(({ schoolClass, period }) => {
          const row = counts.get(schoolClass.id) ?? {};
          return {
            schoolClass: { id: schoolClass.id, name: className(schoolClass) },
            period: periodDto(period),
            lessonsWithoutTopic: (row.lessons_without_topic as number) ?? 0,
            lessonsWithoutAttendance: (row.lessons_without_attendance as number) ?? 0,
            lateMarks: (row.late_marks as number) ?? 0,
            studentsWithoutMarks: (row.students_without_marks as number) ?? 0,
          };
        }),
    };
  }

  /** The year running today, else the latest begun, else the first to come. */
  private async currentYearId(schoolId: string, today: string): Promise<string | undefined> {
    const begun = await this.em.findOne(
      AcademicYear,
      { schoolId, startsOn: { $lte: today } },
      { orderBy: { startsOn: 'desc' } },
    );
    if (begun) return begun.id;
    const next = await this.em.findOne(
      AcademicYear,
      { schoolId },
      { orderBy: { startsOn: 'asc' } },
    );
    return next?.id;
  }
}

function stripKey(person: JournalPersonRefDto & { sortKey?: Named }): JournalPersonRefDto {
  return { id: person.id, name: person.name };
}

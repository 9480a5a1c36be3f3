import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { StudyPeriodsService } from '../../academic-years/study-periods.service';
import { ProblemException } from '../../../core/http/problem';
import { AcademicYear } from '../../academic-years/entities/academic-year.entity';
import { StudyPeriod } from '../../academic-years/entities/study-period.entity';
import { SchoolClass } from '../../classes/entities/school-class.entity';
import { TeachingAssignmentsService } from '../../classes/teaching-assignments.service';
import { Person } from '../../people/entities/person.entity';
import { byName } from '../../people/person-name';
import { Subject } from '../../reference-data/entities/subject.entity';
import type { ScoredMark } from '../averages';
import type { PeriodMark, PeriodMarkKind } from '../entities/period-mark.entity';
import { groupByStudent, teachersBySubjectOf } from './period-mark-rules';
import {
  factsNeeded,
  resolveTarget,
  type PeriodMarkTarget,
  type TargetFacts,
} from './period-mark-target';
import { orderPeriodMarks } from './period-marks-order';
import { LESSON_SCORES_SQL, YEAR_SCORES_SQL } from './period-marks.sql';

/** Reads what the period marks' decisions are made on: the class, its subjects' teachers, the target, the scores. */
@Injectable()
export class PeriodMarkFactsService {
  constructor(
    private readonly em: EntityManager,
    private readonly studyPeriods: StudyPeriodsService,
    private readonly teachingAssignments: TeachingAssignmentsService,
  ) {}

  async findClass(id: string): Promise<SchoolClass> {
    const schoolClass = await this.em.findOne(SchoolClass, id);
    if (!schoolClass) throw ProblemException.notFound(`Class ${id}`);
    return schoolClass;
  }

  findSubject(schoolClass: SchoolClass, id: string): Promise<Subject | null> {
    return this.em.findOne(Subject, { id, schoolId: schoolClass.schoolId });
  }

  /** Staff cards of the teachers assigned to the class × subject (any subgroup). */
  async teachersOf(schoolClass: SchoolClass, subjectId: string): Promise<string[]> {
    return (await this.teachersBySubject(schoolClass, subjectId)).get(subjectId) ?? [];
  }

  async teachersBySubject(
    schoolClass: SchoolClass,
    subjectId?: string,
  ): Promise<Map<string, string[]>> {
    return teachersBySubjectOf(
      await this.teachingAssignments.ofClasses([schoolClass.id], subjectId),
    );
  }

  /** Finds what the request names (the year, or the period of the class's grade), then resolves it. */
  async targetOf(
    schoolClass: SchoolClass,
    subject: Subject,
    kind: PeriodMarkKind,
    studyPeriodId: string | undefined,
  ) {
    const request = { schoolClass, subject, kind, studyPeriodId };
    const needed = factsNeeded(request);
    const facts: TargetFacts = {};
    if (needed.year) {
      facts.year = await this.em.findOneOrFail(AcademicYear, schoolClass.academicYearId);
    }
    if (needed.period && studyPeriodId !== undefined) {
      facts.period = await this.studyPeriods.periodOfGrade(
        schoolClass.academicYearId,
        schoolClass.grade,
        studyPeriodId,
      );
    }
    return resolveTarget(request, facts);
  }

  /**
   * The scored marks each student's suggestion averages: current marks of the subject in the
   * class's lessons of the period, or for `kind=year` their period marks of the year.
   */
  async scoresOf(target: PeriodMarkTarget, students: Person[]): Promise<Map<string, ScoredMark[]>> {
    if (students.length === 0) return new Map();
    const ids = JSON.stringify(students.map((student) => student.id));
    const { schoolClass, subject } = target;
    type Row = ScoredMark & { studentId: string };
    const rows =
      target.kind === 'year'
        ? await this.em.execute<Row[]>(YEAR_SCORES_SQL, [
            subject.id,
            schoolClass.academicYearId,
            ids,
          ])
        : await this.em.execute<Row[]>(LESSON_SCORES_SQL, [
            schoolClass.id,
            subject.id,
            target.from,
            target.to,
            ids,
          ]);
    return groupByStudent(rows);
  }

  /** In the list's order (`orderPeriodMarks`), with the names it sorts by. */
  async ordered(marks: PeriodMark[]): Promise<PeriodMark[]> {
    if (marks.length < 2) return marks;
    const ids = (pick: (mark: PeriodMark) => string | null) => [
      ...new Set(marks.map(pick).filter((id): id is string => id !== null)),
    ];
    const students = await this.em.find(Person, { id: { $in: ids((m) => m.studentId) } });
    const periods = await this.em.find(StudyPeriod, { id: { $in: ids((m) => m.studyPeriodId) } });
    const subjects = await this.em.find(Subject, { id: { $in: ids((m) => m.subjectId) } });
    return orderPeriodMarks(marks, {
      studentRank: new Map(students.sort(byName).map((s, i) => [s.id, i])),
      periodStart: new Map(periods.map((p) => [p.id, p.startsOn])),
      subjectName: new Map(subjects.map((s) => [s.id, s.name])),
    });
  }
}

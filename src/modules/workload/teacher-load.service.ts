import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ProblemException } from '../../core/http/problem';
import { assertSchoolAllows } from '../../core/policy/school-access';
import type { AppAbility } from '../../core/policy/subjects';
import { School } from '../../core/tenancy/entities/school.entity';
import { AcademicYear } from '../academic-years/entities/academic-year.entity';
import { Holiday } from '../academic-years/entities/holiday.entity';
import { className } from '../classes/class-name';
import { TeachingAssignment } from '../classes/entities/teaching-assignment.entity';
import { Clock } from '../../core/clock/clock';
import { type Person } from '../people/entities/person.entity';
import { fullName } from '../people/person-name';
import { byName } from '../people/person-name';
import type {
  TeacherLoadAssignmentDto,
  TeacherLoadDto,
  TeacherLoadListDto,
} from './dto/teacher-load.dto';
import { yearRunningOn } from './school-year';
import { studyWeeks } from './study-weeks';

/** Teachers' load (O5): weekly hours of their assignments, and hours a year from the calendar. */
@Injectable()
export class TeacherLoadService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async load(
    ability: AppAbility,
    schoolId: string,
    academicYearId?: string,
  ): Promise<TeacherLoadListDto> {
    assertSchoolAllows(ability, 'read', 'Curriculum', schoolId);
    const school = await this.em.findOne(School, schoolId);
    if (!school) throw ProblemException.notFound(`School ${schoolId}`);
    const year = await this.year(school, academicYearId);

    const assignments = await this.em.find(
      TeachingAssignment,
      { schoolClass: { academicYearId: year.id } },
      { populate: ['schoolClass', 'subject', 'teacher', 'subgroup'] },
    );
    const holidays = await this.em.find(Holiday, { academicYearId: year.id });
    const weeksOfGrade = new Map<number, number>();
    const weeksOf = (grade: number) => {
      if (!weeksOfGrade.has(grade))
        weeksOfGrade.set(grade, studyWeeks(year, school.weekDays, holidays, grade));
      return weeksOfGrade.get(grade)!;
    };

    assignments.sort(
      (a, b) =>
        a.schoolClass.grade - b.schoolClass.grade ||
        a.schoolClass.letter.localeCompare(b.schoolClass.letter, 'ru') ||
        a.subject.name.localeCompare(b.subject.name, 'ru') ||
        (a.subgroup?.position ?? 0) - (b.subgroup?.position ?? 0) ||
        a.id.localeCompare(b.id),
    );
    const byTeacher = new Map<string, { teacher: Person; rows: TeacherLoadAssignmentDto[] }>();
    for (const assignment of assignments) {
      const weeks = weeksOf(assignment.schoolClass.grade);
      const row: TeacherLoadAssignmentDto = {
        id: assignment.id,
        classId: assignment.schoolClass.id,
        className: className(assignment.schoolClass),
        subject: { id: assignment.subject.id, name: assignment.subject.name },
        subgroup: assignment.subgroup
          ? { id: assignment.subgroup.id, name: assignment.subgroup.name }
          : null,
        hoursPerWeek: assignment.hoursPerWeek,
        studyWeeks: weeks,
        hoursPerYear: Math.round(assignment.hoursPerWeek * weeks),
      };
      const entry = byTeacher.get(assignment.teacher.id);
      if (entry) entry.rows.push(row);
      else byTeacher.set(assignment.teacher.id, { teacher: assignment.teacher, rows: [row] });
    }

    const items: TeacherLoadDto[] = [...byTeacher.values()]
      .sort((a, b) => byName(a.teacher, b.teacher))
      .map(({ teacher, rows }) => ({
        teacher: { id: teacher.id, fullName: fullName(teacher) },
        hoursPerWeek: rows.reduce((sum, row) => sum + row.hoursPerWeek, 0),
        hoursPerYear: rows.reduce((sum, row) => sum + row.hoursPerYear, 0),
        assignments: rows,
      }));
    return { academicYearId: year.id, items };
  }

  /** The year asked for, or the one running today in the school's time zone. */
  private async year(school: School, academicYearId?: string): Promise<AcademicYear> {
    if (!academicYearId) {
      return yearRunningOn(
        this.em,
        school.id,
        this.clock.today(school.timeZone),
        'pass academicYearId',
      );
    }
    const year = await this.em.findOne(AcademicYear, { id: academicYearId, schoolId: school.id });
    if (!year) {
      throw ProblemException.invalid([
        { field: 'academicYearId', messages: ['no such academic year in this school'] },
      ]);
    }
    return year;
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ProblemException } from '../../core/http/problem';
import { assertSchoolAllows } from '../../core/policy/school-access';
import type { AppAbility } from '../../core/policy/subjects';
import { School } from '../../core/tenancy/entities/school.entity';
import { SchoolClass } from '../classes/entities/school-class.entity';
import { className } from '../classes/class-name';
import { Clock } from '../../core/clock/clock';
import { TimetableEntry } from '../timetable/entities/timetable-entry.entity';
import type { ClassLoadDto, StudentLoadDto } from './dto/student-load.dto';
import { CurriculumLine } from '../curriculum/entities/curriculum-line.entity';
import { maxDailyLessons, maxWeeklyHours } from './load-norms';
import { yearRunningOn } from './school-year';

const WEEKDAY_NAMES = [
  '',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
];

/** A timetable cell as a student sits it: parallel subgroup lessons are one cell. */
const cellOf = (entry: { weekday: number; lessonNumber: number }) =>
  `${entry.weekday}:${entry.lessonNumber}`;

/**
 * The weekly load of each class (O6) against the norms of its grade: the check the deputy
 * runs on a timetable. Timetable hours are compared per subject with the curriculum, so a
 * cell where one subgroup has English and the other German counts for both subjects.
 */
@Injectable()
export class StudentLoadService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async check(ability: AppAbility, schoolId: string, on?: string): Promise<StudentLoadDto> {
    assertSchoolAllows(ability, 'read', 'Curriculum', schoolId);
    const school = await this.em.findOne(School, schoolId);
    if (!school) throw ProblemException.notFound(`School ${schoolId}`);
    const date = on ?? this.clock.today(school.timeZone);
    const year = await yearRunningOn(this.em, schoolId, date, 'pass another date as `on`');

    const classes = await this.em.find(
      SchoolClass,
      { academicYearId: year.id },
      { orderBy: { grade: 'asc', letter: 'asc', id: 'asc' } },
    );
    const entries = await this.em.find(
      TimetableEntry,
      {
        schoolClass: { $in: classes.map((c) => c.id) },
        validFrom: { $lte: date },
        validUntil: { $gte: date },
      },
      { populate: ['subject'] },
    );
    const lines = await this.em.find(
      CurriculumLine,
      { academicYearId: year.id },
      { populate: ['subject'] },
    );
    const items = classes.map((schoolClass) =>
      this.checkClass(
        schoolClass,
        school.weekDays,
        entries.filter((entry) => entry.schoolClass.id === schoolClass.id),
        lines.filter((line) => line.grade === schoolClass.grade),
      ),
    );
    return { on: date, academicYearId: year.id, weekDays: school.weekDays, items };
  }

  private checkClass(
    schoolClass: SchoolClass,
    weekDays: number,
    entries: TimetableEntry[],
    lines: CurriculumLine[],
  ): ClassLoadDto {
    const { grade } = schoolClass;
    const cells = new Set(entries.map(cellOf));
    const weeklyHours = cells.size;
    const maxWeekly = maxWeeklyHours(grade, weekDays);
    const maxDaily = maxDailyLessons(grade);
    const curriculumHours = lines.reduce((sum, line) => sum + line.hoursPerWeek, 0);

    const lessonsOn = new Map<number, number>();
    for (const cell of cells) {
      const weekday = Number(cell.split(':')[0]);
      lessonsOn.set(weekday, (lessonsOn.get(weekday) ?? 0) + 1);
    }
    const days = [...lessonsOn].sort(([a], [b]) => a - b);
    const busiest = days.reduce<[number, number] | null>(
      (best, day) => (!best || day[1] > best[1] ? day : best),
      null,
    );

    const problems: string[] = [];
    if (weeklyHours > maxWeekly) {
      problems.push(
        `${weeklyHours} lessons a week, more than the ${maxWeekly} allowed for grade ${grade} with a ${weekDays}-day week`,
      );
    }
    for (const [weekday, lessons] of days) {
      if (lessons > maxDaily) {
        problems.push(
          `${WEEKDAY_NAMES[weekday]}: ${lessons} lessons, more than the ${maxDaily} a day allowed for grade ${grade}`,
        );
      }
    }
    const withinNorms = problems.length === 0;
    if (weeklyHours === 0) {
      problems.push('No timetable in force on this date');
    } else if (lines.length > 0) {
      problems.push(...curriculumDifferences(entries, lines));
    }
    return {
      classId: schoolClass.id,
      className: className(schoolClass),
      grade,
      weeklyHours,
      maxWeeklyHours: maxWeekly,
      curriculumHours,
      busiestDay: busiest ? { weekday: busiest[0], lessons: busiest[1] } : null,
      maxDailyLessons: maxDaily,
      problems,
      withinNorms,
    };
  }
}

/**
 * Subjects whose weekly timetable hours differ from the curriculum by more than half an
 * hour (a 0.5 h line is a lesson every other week: 0 or 1 cell both fit it).
 */
function curriculumDifferences(entries: TimetableEntry[], lines: CurriculumLine[]): string[] {
  const cellsOf = new Map<string, { name: string; cells: Set<string> }>();
  for (const entry of entries) {
    const subject = cellsOf.get(entry.subject.id) ?? { name: entry.subject.name, cells: new Set() };
    subject.cells.add(cellOf(entry));
    cellsOf.set(entry.subject.id, subject);
  }
  const planned = new Map(lines.map((line) => [line.subject.id, line]));
  const subjectIds = new Set([...planned.keys(), ...cellsOf.keys()]);
  const rows = [...subjectIds].map((id) => ({
    name: planned.get(id)?.subject.name ?? cellsOf.get(id)!.name,
    timetable: cellsOf.get(id)?.cells.size ?? 0,
    curriculum: planned.get(id)?.hoursPerWeek ?? null,
  }));
  rows.sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  return rows.flatMap(({ name, timetable, curriculum }) => {
    if (curriculum === null)
      return [`«${name}»: ${timetable} h a week in the timetable, not in the curriculum`];
    if (Math.abs(timetable - curriculum) <= 0.5) return [];
    return [`«${name}»: ${timetable} h a week in the timetable, ${curriculum} h in the curriculum`];
  });
}

import type { Client } from 'pg';
import {
  DEPUTY_LOGIN,
  GRID_CLASS,
  GRID_PERIOD,
  GRID_SUBJECT,
  REGION_CODE,
  WRITE_CLASS,
} from './settings';

/** The ids the scenarios use, looked up in the seeded database by the seed's names. */
export interface World {
  schoolId: string;
  regionId: string;
  grid: {
    classId: string;
    className: string;
    subjectId: string;
    periodId: string;
    periodName: string;
    lessons: number;
    students: number;
    marks: number;
  };
  /** Teaches GRID_SUBJECT in the grid class (and the write class). */
  teacher: { personId: string; accountId: string; name: string };
  deputyAccountId: string;
  /** Students with their own accounts, spread over the school (for the diary). */
  diaryStudents: { id: string; accountId: string }[];
  write: {
    className: string;
    /** Past lessons of the write class taught by `teacher`, in open periods, newest first. */
    lessons: string[];
    students: string[];
    markTypeId: string;
    /** Lessons whose marks are exactly the first body of the write scenario (all «5»). */
    holdingFirstBody: Set<string>;
  };
  /** Marks of the grid class (readable by `teacher` and the deputy). */
  markIds: string[];
}

async function one<T extends object>(db: Client, what: string, sql: string, values: unknown[]) {
  const { rows } = await db.query<T>(sql, values);
  if (!rows[0]) throw new Error(`bench database has no ${what}: re-seed with BENCH_RESEED=1`);
  return rows[0];
}

export async function loadWorld(db: Client): Promise<World> {
  const school = await one<{ id: string; region_id: string }>(
    db,
    'bench school',
    `select s.id, s.region_id from schools s join regions r on r.id = s.region_id where r.code = $1`,
    [REGION_CODE],
  );
  const grid = await one<{
    class_id: string;
    class_name: string;
    subject_id: string;
    period_id: string;
    period_name: string;
    starts_on: string;
    ends_on: string;
  }>(
    db,
    'grid class',
    `select c.id as class_id, c.grade || c.letter as class_name, s.id as subject_id,
            sp.id as period_id, sp.name as period_name, sp.starts_on::text, sp.ends_on::text
       from classes c
       join subjects s on s.school_id = c.school_id and s.name = $3
       join period_schemes ps on ps.academic_year_id = c.academic_year_id and c.grade = any (ps.grades)
       join study_periods sp on sp.scheme_id = ps.id and sp.name = $4
      where c.school_id = $5 and c.grade = $1 and c.letter = $2`,
    [GRID_CLASS.grade, GRID_CLASS.letter, GRID_SUBJECT, GRID_PERIOD, school.id],
  );
  const sizes = await one<{ lessons: number; students: number; marks: number }>(
    db,
    'grid lessons',
    `select (select count(*)::int from lessons where class_id = $1 and subject_id = $2
                and date between $3 and $4) as lessons,
            (select count(*)::int from enrollments where class_id = $1) as students,
            (select count(*)::int from marks m join lessons l on l.id = m.lesson_id
              where l.class_id = $1 and l.subject_id = $2 and l.date between $3 and $4) as marks`,
    [grid.class_id, grid.subject_id, grid.starts_on, grid.ends_on],
  );
  const teacher = await one<{ id: string; account_id: string; name: string }>(
    db,
    'grid teacher',
    `select p.id, p.account_id, p.last_name || ' ' || p.first_name as name
       from teaching_assignments t join people p on p.id = t.teacher_id
      where t.class_id = $1 and t.subject_id = $2 limit 1`,
    [grid.class_id, grid.subject_id],
  );
  const deputy = await one<{ id: string }>(
    db,
    'deputy',
    `select id from accounts where login = $1`,
    [DEPUTY_LOGIN],
  );
  const diary = await db.query<{ id: string; account_id: string }>(
    `select p.id, p.account_id from people p join enrollments e on e.student_id = p.id
      join classes c on c.id = e.class_id
      where p.kind = 'student' and p.account_id is not null and c.grade > 1
      order by md5(p.id::text) limit 50`,
  );
  const writeClass = await one<{ id: string; name: string }>(
    db,
    'write class',
    `select id, grade || letter as name from classes where school_id = $3 and grade = $1 and letter = $2`,
    [WRITE_CLASS.grade, WRITE_CLASS.letter, school.id],
  );
  const lessons = await db.query<{ id: string }>(
    `select l.id from lessons l
       join classes c on c.id = l.class_id
       join schools s on s.id = c.school_id
      where l.class_id = $1 and l.teacher_id = $2 and l.subgroup_id is null
        and l.date < (now() at time zone s.time_zone)::date
        and not exists (select 1 from period_schemes ps join study_periods sp on sp.scheme_id = ps.id
                         where ps.academic_year_id = c.academic_year_id and c.grade = any (ps.grades)
                           and l.date between sp.starts_on and sp.ends_on and sp.closed_at is not null)
      order by l.date desc, l.lesson_number desc limit 60`,
    [writeClass.id, teacher.id],
  );
  const students = await db.query<{ student_id: string }>(
    `select student_id from enrollments where class_id = $1 order by student_id`,
    [writeClass.id],
  );
  const markType = await one<{ id: string }>(
    db,
    'mark type',
    `select id from mark_types where school_id = $1 and name = 'Ответ на уроке'`,
    [school.id],
  );
  const holding = await db.query<{ lesson_id: string }>(
    `select m.lesson_id from marks m
      where m.lesson_id = any ($1::uuid[])
      group by m.lesson_id
     having count(*) = $2 and bool_and(m.value = '5' and m.mark_type_id = $3)`,
    [lessons.rows.map((row) => row.id), students.rows.length, markType.id],
  );
  const marks = await db.query<{ id: string }>(
    `select m.id from marks m join lessons l on l.id = m.lesson_id
      where l.class_id = $1 order by md5(m.id::text) limit 2000`,
    [grid.class_id],
  );
  return {
    schoolId: school.id,
    regionId: school.region_id,
    grid: {
      classId: grid.class_id,
      className: grid.class_name,
      subjectId: grid.subject_id,
      periodId: grid.period_id,
      periodName: grid.period_name,
      ...sizes,
    },
    teacher: { personId: teacher.id, accountId: teacher.account_id, name: teacher.name },
    deputyAccountId: deputy.id,
    diaryStudents: diary.rows.map((row) => ({ id: row.id, accountId: row.account_id })),
    write: {
      className: writeClass.name,
      lessons: lessons.rows.map((row) => row.id),
      students: students.rows.map((row) => row.student_id),
      markTypeId: markType.id,
      holdingFirstBody: new Set(holding.rows.map((row) => row.lesson_id)),
    },
    markIds: marks.rows.map((row) => row.id),
  };
}

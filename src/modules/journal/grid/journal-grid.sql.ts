import {
  jsonArrayAgg,
  jsonObject,
  jsonObjectOrNull,
  jsonScalar,
  jsonString,
  jsonUuid,
} from './json-sql';
import { enrolledDuringSql, memberOfSql } from '../../classes/roster/roster-rules';

const MARK = jsonObject({
  id: jsonUuid('mk.id'),
  lessonId: jsonUuid('mk.lesson_id'),
  value: jsonString('mk.value'),
  score: jsonScalar('mk.score'),
  markType: jsonObject({
    id: jsonUuid('mk.type_id'),
    shortName: jsonString('mk.short_name'),
    weight: jsonScalar('mk.weight'),
  }),
  comment: jsonString('mk.comment'),
  late: jsonScalar('mk.late'),
});

const ABSENCE = jsonObject({
  lessonId: jsonUuid('ab.lesson_id'),
  code: jsonString('ab.code'),
  excused: jsonScalar('ab.excused'),
  minutesLate: jsonScalar('ab.minutes_late'),
});

const LESSON = jsonObject({
  id: jsonUuid('les.id'),
  date: jsonString('les.date'),
  lessonNumber: jsonScalar('les.lesson_number'),
  topic: jsonString('les.topic'),
  lessonType: jsonObjectOrNull('lt.id is not null', {
    id: jsonUuid('lt.id'),
    name: jsonString('lt.name'),
    kind: jsonString('lt.kind'),
  }),
  homework: jsonString('les.homework'),
  homeworkDueOn: jsonString('les.homework_due_on'),
  status: jsonString('les.status'),
  subgroupId: jsonUuid('les.subgroup_id'),
  attendanceTaken: jsonScalar('les.attendance_taken_at is not null'),
});

const STUDENT = jsonObject({
  id: jsonUuid('stu.id'),
  name: jsonString("stu.last_name || ' ' || stu.first_name"),
  marks: "coalesce(mk_by.marks, '[]')",
  absences: "coalesce(ab_by.absences, '[]')",
  average: jsonScalar('mk_by.average'),
  weightedAverage: jsonScalar('mk_by.weighted'),
  absenceCounts: jsonObject({
    total: jsonScalar('coalesce(ab_by.total, 0)'),
    excused: jsonScalar('coalesce(ab_by.excused, 0)'),
    unexcused: jsonScalar('coalesce(ab_by.unexcused, 0)'),
    late: jsonScalar('coalesce(ab_by.late, 0)'),
  }),
});

/** Plain and weighted average over the scored marks of `mk` rows (as grades/averages.ts). */
const AVERAGE = 'round(avg(mk.score), 2)';
const WEIGHTED =
  'round(sum(mk.score * mk.weight) / sum(mk.weight) filter (where mk.score is not null), 2)';

const CLASS_AVERAGE = jsonObject({
  average: jsonScalar(AVERAGE),
  weightedAverage: jsonScalar(WEIGHTED),
});

const GRID = jsonObject({
  schoolClass: jsonObject({
    id: jsonUuid('cls.id'),
    name: jsonString('cls.grade || cls.letter'),
  }),
  subject: jsonObject({
    id: jsonUuid('subj.id'),
    name: jsonString('subj.name'),
    shortName: jsonString('subj.short_name'),
  }),
  period: jsonObject({
    id: jsonUuid('per.id'),
    name: jsonString('per.name'),
    startsOn: jsonString('per.starts_on'),
    endsOn: jsonString('per.ends_on'),
    closed: jsonScalar('per.closed_at is not null'),
  }),
  subgroup: jsonObjectOrNull('sg.id is not null', {
    id: jsonUuid('sg.id'),
    name: jsonString('sg.name'),
  }),
  lessons: `(select ${jsonArrayAgg(LESSON, 'les.ord')}
               from les left join lesson_types lt on lt.id = les.lesson_type_id)`,
  students: `(select ${jsonArrayAgg(STUDENT, 'stu.search_name collate "C", stu.id')}
                from stu
                left join mk_by on mk_by.student_id = stu.id
                left join ab_by on ab_by.student_id = stu.id)`,
  classAverage: `(select ${CLASS_AVERAGE} from mk)`,
});

/**
 * The journal grid of a class × subject × study period in ONE statement: PostgreSQL resolves
 * the class, the period (the one running today in the school's time zone unless given), the
 * subject and the subgroup, and writes the whole JSON answer (`body`: text built with
 * ./json-sql, which Node neither parses nor re-serialises). The service only checks the
 * caller's rules in memory.
 *
 * Parameters: class id, subject id, study period id (or null), subgroup id (or null), and the
 * application clock's instant (`Clock.now()`): PostgreSQL's own `now()` would ignore a pinned
 * clock. The instant, not a date, because the school's time zone is only known in here.
 * No row: the class does not exist. Otherwise exactly one row (`GridRow`); `body` is null when
 * the subject, the period or the subgroup could not be resolved (the flags say which).
 *
 * Averages follow src/modules/grades/averages.ts: over marks with a score,
 * plain = round(avg(score), 2), weighted = round(Σ score × weight / Σ weight, 2).
 * An absence with minutes late or the code «О» is a late arrival, not a missed lesson.
 */
export const JOURNAL_GRID_SQL = `
with args as (
  select ?::uuid as class_id, ?::uuid as subject_id, ?::uuid as period_id, ?::uuid as subgroup_id,
         ?::timestamptz as now
),
cls as (
  select c.id, c.school_id, c.grade, c.letter, c.academic_year_id,
         (args.now at time zone s.time_zone)::date as today
    from args
    join classes c on c.id = args.class_id
    join schools s on s.id = c.school_id
),
per as (
  select sp.id, sp.name, sp.starts_on, sp.ends_on, sp.closed_at
    from cls
    cross join args
    join period_schemes ps on ps.academic_year_id = cls.academic_year_id
                          and cls.grade = any (ps.grades)
    join study_periods sp on sp.scheme_id = ps.id
   where args.period_id is null or sp.id = args.period_id
   order by (cls.today between sp.starts_on and sp.ends_on) desc,
            (sp.ends_on < cls.today) desc,
            case when sp.ends_on < cls.today then sp.ends_on end desc nulls last,
            sp.starts_on
   limit 1
),
subj as (
  select sb.id, sb.name, sb.short_name
    from cls
    cross join args
    join subjects sb on sb.id = args.subject_id and sb.school_id = cls.school_id
),
sg as (
  select g.id, g.name
    from args
    join subgroups g on g.id = args.subgroup_id
    join subgroup_splits split on split.id = g.split_id
                              and split.class_id = args.class_id
                              and split.subject_id = args.subject_id
),
les as (
  select l.id, l.date, l.lesson_number, l.topic, l.lesson_type_id, l.homework,
         l.homework_due_on, l.status, l.subgroup_id, l.attendance_taken_at,
         row_number() over (order by l.date, l.lesson_number, g.position nulls first, l.id) as ord
    from args
    cross join per
    join lessons l on l.class_id = args.class_id
                  and l.subject_id = args.subject_id
                  and l.date between per.starts_on and per.ends_on
    left join subgroups g on g.id = l.subgroup_id
   where args.subgroup_id is null or l.subgroup_id is null or l.subgroup_id = args.subgroup_id
),
stu as (
  select p.id, p.last_name, p.first_name, p.search_name
    from people p
   where p.id in (select e.student_id
                    from args
                    cross join per
                    join enrollments e on e.class_id = args.class_id
                   where ${enrolledDuringSql('e', 'per.starts_on', 'per.ends_on')})
     and ((select subgroup_id from args) is null
          or ${memberOfSql('(select subgroup_id from args)', 'p.id')})
),
mk as (
  select m.student_id, les.ord, m.created_at, m.id, m.lesson_id, m.value, m.score, m.comment,
         m.late, mt.id as type_id, mt.short_name, mt.weight
    from les
    join marks m on m.lesson_id = les.id
    join mark_types mt on mt.id = m.mark_type_id
   where m.student_id in (select id from stu)
),
mk_by as (
  select mk.student_id,
         ${jsonArrayAgg(MARK, 'mk.ord, mk.created_at, mk.id')} as marks,
         ${AVERAGE} as average,
         ${WEIGHTED} as weighted
    from mk
   group by mk.student_id
),
ab as (
  select a.student_id, les.ord, a.lesson_id, r.code, r.excused, a.minutes_late,
         (a.minutes_late is not null or r.code = 'О') as is_late
    from les
    join attendance a on a.lesson_id = les.id
    join absence_reasons r on r.id = a.reason_id
   where a.student_id in (select id from stu)
),
ab_by as (
  select ab.student_id,
         ${jsonArrayAgg(ABSENCE, 'ab.ord')} as absences,
         count(*) filter (where not ab.is_late) as total,
         count(*) filter (where not ab.is_late and ab.excused) as excused,
         count(*) filter (where not ab.is_late and not ab.excused) as unexcused,
         count(*) filter (where ab.is_late) as late
    from ab
   group by ab.student_id
)
select cls.school_id as "schoolId",
       subj.id is not null as "subjectFound",
       per.id is not null as "periodFound",
       (args.subgroup_id is null or sg.id is not null) as "subgroupFound",
       cls.grade as "grade",
       cls.grade || cls.letter as "className",
       array(select distinct e.student_id from enrollments e where e.class_id = cls.id)
         as "enrolledIds",
       case when subj.id is not null and per.id is not null
                 and (args.subgroup_id is null or sg.id is not null)
            then ${GRID} end as "body"
  from args
  join cls on true
  left join subj on true
  left join per on true
  left join sg on true`;

export interface GridRow {
  schoolId: string;
  subjectFound: boolean;
  periodFound: boolean;
  subgroupFound: boolean;
  grade: number;
  className: string;
  /** Every student ever enrolled in the class (to tell "not yours" from "bad parameters"). */
  enrolledIds: string[];
  /** The JournalGridDto as JSON text; null when a parameter could not be resolved. */
  body: string | null;
}

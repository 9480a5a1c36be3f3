import type { defaultCalendar } from '../../modules/academic-years/default-calendar';
import { enrolledOnSql, inLessonGroupSql } from '../../modules/classes/roster/roster-rules';
import type { PeoplePlan } from './people-plan';
import type { SchoolPlan } from './school-plan';

/** Everything the fill statements read, passed to each as one jsonb parameter ($1). */
export interface FillParameters {
  schoolId: string;
  regionId: string;
  /** The time written as rows' creation time (the application's clock, not the database's). */
  now: string;
  academicYearId: string;
  yearName: string;
  yearStartsOn: string;
  yearEndsOn: string;
  daysOff: string[];
  /** The last date with lessons (the timetable is there for the whole year anyway). */
  lessonsUntil: string;
  /** Lessons over by this time are recorded: topic, homework, attendance and marks. */
  recordedUntil: string;
  /** Period marks are given for the periods that ended on or before this date. */
  periodMarksUntil: string;
  /** Whether year marks are given (the year is over). */
  yearMarks: boolean;
  passwordHash: string;
  calendar: ReturnType<typeof defaultCalendar>;
  plan: SchoolPlan;
  people: PeoplePlan;
  /** Lower-case full names by person id (people.search_name, as the app computes it). */
  searchNames: Record<string, string>;
}

/** `j` (the parameter object) as a from-item, for the statements that unnest its lists. */
const P = `(select $1::jsonb as j) p`;
/**
 * A value of the parameter object, computed once per statement (an uncorrelated subquery):
 * read per row, the large parameter would be unpacked again for every row.
 */
export const param = (expression: string) =>
  `(select ${expression} from (select $1::jsonb as j) param)`;
const SCHOOL = param(`(j->>'schoolId')::uuid`);
const NOW = param(`(j->>'now')::timestamptz`);
const YEAR = param(`(j->>'academicYearId')::uuid`);
const RECORDED_UNTIL = param(`(j->>'recordedUntil')::timestamptz`);

/**
 * The set-based fill of one planned school, in order, run in one transaction with the
 * journal triggers off. Region, school and reference data exist already (made through the
 * app's ORM); every statement touches only this school's rows, so several schools share a
 * database. Volumes: lessons on every school day from the start of the year to
 * `lessonsUntil` (minus public days off), and for every lesson up to `recordedUntil` its
 * topic and homework, its marks (about one for every two students, a control work mark for
 * everyone on every eighth lesson of a subject; none in grade 1) and its absences (about 4%
 * of student-lessons).
 */
export const FILL_SQL: [string, string][] = [
  [
    'uuid7 helper',
    // Time-ordered ids like the app's uuidv7(), so the bulk rows have the index locality of
    // rows written over a year.
    `create or replace function pg_temp.uuid7(ts timestamptz) returns uuid language sql volatile as $$
       select (lpad(to_hex(floor(extract(epoch from ts) * 1000)::bigint), 12, '0') || '7' ||
               substr(u, 14, 3) || substr(u, 17, 16))::uuid
         from (select replace(gen_random_uuid()::text, '-', '') as u) r
     $$`,
  ],
  [
    'academic year',
    `insert into academic_years (id, created_at, updated_at, school_id, name, starts_on, ends_on)
     select ${YEAR}, ${NOW}, ${NOW}, ${SCHOOL}, j->>'yearName', (j->>'yearStartsOn')::date,
            (j->>'yearEndsOn')::date
       from ${P}`,
  ],
  [
    'study periods (default calendar)',
    `with p as (select $1::jsonb as j),
          s as (select x.value as scheme from p, jsonb_array_elements(j->'calendar'->'schemes') x),
          made as (
            insert into period_schemes (id, created_at, updated_at, school_id, academic_year_id, name, grades)
            select gen_random_uuid(), ${NOW}, ${NOW}, ${SCHOOL}, ${YEAR}, scheme->>'name',
                   array(select jsonb_array_elements_text(scheme->'grades'))::smallint[]
              from s, p
            returning id, name)
     insert into study_periods (id, created_at, updated_at, school_id, academic_year_id, scheme_id,
                                ordinal, name, starts_on, ends_on)
     select gen_random_uuid(), ${NOW}, ${NOW}, ${SCHOOL}, ${YEAR}, made.id, period.ordinality,
            period.value->>'name', (period.value->>'startsOn')::date, (period.value->>'endsOn')::date
       from p, s
       join made on made.name = s.scheme->>'name'
       cross join lateral jsonb_array_elements(s.scheme->'periods') with ordinality period`,
  ],
  [
    'holidays (default calendar)',
    `insert into holidays (id, created_at, updated_at, school_id, academic_year_id, name, starts_on, ends_on, grades)
     select gen_random_uuid(), ${NOW}, ${NOW}, ${SCHOOL}, ${YEAR}, h->>'name', (h->>'startsOn')::date,
            (h->>'endsOn')::date,
            case when h ? 'grades' then array(select jsonb_array_elements_text(h->'grades'))::smallint[] end
       from ${P}, jsonb_array_elements(j->'calendar'->'holidays') h`,
  ],
  [
    'accounts',
    `with p as (select $1::jsonb as j),
          a as (
            select x->>'accountId' as id, x->>'login' as login,
                   concat_ws(' ', x->>'lastName', x->>'firstName', x->>'middleName') as name
              from p, jsonb_array_elements(j->'plan'->'teachers'
                                           || (j->'people'->'students')
                                           || (j->'people'->'parents')
                                           || (j->'people'->'leadership')) x)
     insert into accounts (id, created_at, updated_at, login, display_name, password_hash, status,
                           password_changed_at)
     select a.id::uuid, ${NOW}, ${NOW}, a.login, a.name, ${param(`j->>'passwordHash'`)}, 'active', ${NOW}
       from a, p`,
  ],
  [
    'role assignments',
    `with p as (select $1::jsonb as j),
          r as (
            select x->>'accountId' as account_id, 'teacher' as role from p, jsonb_array_elements(j->'plan'->'teachers') x
            union all
            select x->>'accountId', 'student' from p, jsonb_array_elements(j->'people'->'students') x
            union all
            select x->>'accountId', 'parent' from p, jsonb_array_elements(j->'people'->'parents') x
            union all
            select x->>'accountId', x->>'role' from p, jsonb_array_elements(j->'people'->'leadership') x)
     insert into role_assignments (id, account_id, role, school_id, region_id, created_at)
     select gen_random_uuid(), r.account_id::uuid, r.role, ${SCHOOL}, ${param(`(j->>'regionId')::uuid`)}, ${NOW}
       from r, p`,
  ],
  [
    'people (staff, students, parents)',
    `with p as (select $1::jsonb as j),
          x as (
            select t, 'staff' as kind, array['Учитель'] as positions from p, jsonb_array_elements(j->'plan'->'teachers') t
            union all
            select t, 'staff', array[t->>'position'] from p, jsonb_array_elements(j->'people'->'leadership') t
            union all
            select t, 'student', '{}' from p, jsonb_array_elements(j->'people'->'students') t
            union all
            select t, 'parent', '{}' from p, jsonb_array_elements(j->'people'->'parents') t)
     insert into people (id, created_at, updated_at, school_id, kind, last_name, first_name, middle_name,
                         birth_date, sex, positions, account_id, search_name)
     select (t->>'id')::uuid, ${NOW}, ${NOW}, ${SCHOOL}, kind, t->>'lastName', t->>'firstName',
            t->>'middleName', (t->>'birthDate')::date, t->>'sex', positions, (t->>'accountId')::uuid,
            j->'searchNames'->>(t->>'id')
       from x, p`,
  ],
  [
    'classes',
    `insert into classes (id, created_at, updated_at, school_id, academic_year_id, grade, letter, class_teacher_id)
     select (c->>'id')::uuid, ${NOW}, ${NOW}, ${SCHOOL}, ${YEAR}, (c->>'grade')::smallint, c->>'letter',
            (c->>'classTeacher')::uuid
       from ${P}, jsonb_array_elements(j->'plan'->'classes') c`,
  ],
  [
    'enrollments',
    // A student's stays, or one from the first day of the year in their class.
    `insert into enrollments (id, created_at, updated_at, school_id, student_id, class_id, starts_on, ends_on)
     select gen_random_uuid(), ${NOW}, ${NOW}, ${SCHOOL}, (s->>'id')::uuid, (st->>'classId')::uuid,
            (st->>'startsOn')::date, (st->>'endsOn')::date
       from ${P}, jsonb_array_elements(j->'people'->'students') s,
            jsonb_array_elements(coalesce(s->'stays', jsonb_build_array(jsonb_build_object(
              'classId', s->'classId', 'startsOn', j->'yearStartsOn', 'endsOn', null)))) st`,
  ],
  [
    'guardianships',
    `insert into guardianships (id, created_at, updated_at, school_id, student_id, parent_id, relation)
     select gen_random_uuid(), ${NOW}, ${NOW}, ${SCHOOL}, child.value::uuid, (x->>'id')::uuid, x->>'relation'
       from ${P}, jsonb_array_elements(j->'people'->'parents') x,
            jsonb_array_elements_text(x->'studentIds') child`,
  ],
  [
    'subgroup splits (English)',
    `insert into subgroup_splits (id, created_at, updated_at, school_id, class_id, subject_id)
     select (c->'split'->>'id')::uuid, ${NOW}, ${NOW}, ${SCHOOL}, (c->>'id')::uuid, s.id
       from ${P}
       cross join jsonb_array_elements(j->'plan'->'classes') c
       join subjects s on s.school_id = ${SCHOOL} and s.name = c->'split'->>'subject'
      where c->'split' <> 'null'::jsonb`,
  ],
  [
    'subgroups',
    `insert into subgroups (id, created_at, updated_at, split_id, name, position)
     select (g->>'id')::uuid, ${NOW}, ${NOW}, (c->'split'->>'id')::uuid, g->>'name', (g->>'position')::smallint
       from ${P}, jsonb_array_elements(j->'plan'->'classes') c,
            jsonb_array_elements(c->'split'->'subgroups') g
      where c->'split' <> 'null'::jsonb`,
  ],
  [
    'subgroup members',
    `insert into subgroup_members (id, created_at, updated_at, split_id, subgroup_id, student_id)
     select gen_random_uuid(), ${NOW}, ${NOW}, (g->>'splitId')::uuid, (g->>'subgroupId')::uuid, (s->>'id')::uuid
       from ${P}, jsonb_array_elements(j->'people'->'students') s, jsonb_array_elements(s->'groups') g`,
  ],
  [
    'ОРКСЭ graded pass/fail',
    `update subjects set grading_scale_id = (select id from grading_scales
                                              where school_id = ${SCHOOL} and name = 'Зачёт / незачёт')
      where school_id = ${SCHOOL} and name = 'Основы религиозных культур и светской этики'`,
  ],
  [
    'teaching assignments',
    `insert into teaching_assignments (id, created_at, updated_at, school_id, class_id, subject_id,
                                       subgroup_id, teacher_id, hours_per_week)
     select gen_random_uuid(), ${NOW}, ${NOW}, ${SCHOOL}, (a->>'classId')::uuid, s.id,
            (a->>'subgroupId')::uuid, (a->>'teacherId')::uuid, (a->>'hoursPerWeek')::numeric
       from ${P}
       cross join jsonb_array_elements(j->'plan'->'assignments') a
       join subjects s on s.school_id = ${SCHOOL} and s.name = a->>'subject'`,
  ],
  [
    'curriculum lines',
    `insert into curriculum_lines (id, created_at, updated_at, school_id, academic_year_id, grade, subject_id, hours_per_week)
     select gen_random_uuid(), ${NOW}, ${NOW}, t.school_id, ${YEAR}, c.grade, t.subject_id, max(t.hours_per_week)
       from teaching_assignments t join classes c on c.id = t.class_id
      where t.school_id = ${SCHOOL}
      group by t.school_id, c.grade, t.subject_id`,
  ],
  [
    'weekly slots',
    `create temp table fill_slot on commit drop as
     select (x->>'classId')::uuid as class_id, c.grade, (x->>'weekday')::int as weekday,
            (x->>'lessonNumber')::smallint as lesson_number, s.id as subject_id, s.name as subject,
            (x->>'subgroupId')::uuid as subgroup_id, (x->>'teacherId')::uuid as teacher_id
       from ${P}
       cross join jsonb_array_elements(j->'plan'->'slots') x
       join classes c on c.id = (x->>'classId')::uuid
       join subjects s on s.school_id = ${SCHOOL} and s.name = x->>'subject'`,
  ],
  [
    'timetable entries (per study period)',
    `insert into timetable_entries (id, created_at, updated_at, school_id, class_id, study_period_id, weekday,
                                    lesson_number, subject_id, teacher_id, subgroup_id, valid_from, valid_until)
     select gen_random_uuid(), ${NOW}, ${NOW}, sp.school_id, s.class_id, sp.id, s.weekday, s.lesson_number,
            s.subject_id, s.teacher_id, s.subgroup_id, sp.starts_on, sp.ends_on
       from fill_slot s
       join period_schemes ps on s.grade = any (ps.grades)
       join study_periods sp on sp.scheme_id = ps.id
      where ps.academic_year_id = ${YEAR}`,
  ],
  [
    'school days',
    `create temp table fill_day on commit drop as
     select d::date as date
       from ${P},
            generate_series((j->>'yearStartsOn')::date, (j->>'lessonsUntil')::date, interval '1 day') d
      where extract(isodow from d) <= 5
        and not (d::date = any (array(select jsonb_array_elements_text(j->'daysOff'))::date[]))`,
  ],
  [
    'lessons (the timetable, recorded up to recordedUntil)',
    `insert into lessons (id, created_at, updated_at, school_id, class_id, subject_id, subgroup_id, date,
                          lesson_number, teacher_id, origin, status, topic, lesson_type_id, homework,
                          recorded_at, attendance_taken_at)
     select pg_temp.uuid7(starts_at - interval '10 days'), starts_at - interval '10 days',
            coalesce(recorded_at, starts_at - interval '10 days'),
            school_id, class_id, subject_id, subgroup_id, date, lesson_number, teacher_id, 'timetable',
            'scheduled',
            case when recorded_at is null then null
                 when control then 'Контрольная работа № ' || (n / 8)
                 else '§' || n || '. ' || subject || ': тема ' || n end,
            case when recorded_at is null then null when control then control_type else combined_type end,
            case when recorded_at is not null and random() < 0.7
                 then '§' || n || ', упр. ' || (1 + floor(random() * 40)::int) end,
            recorded_at, case when recorded_at is not null then starts_at + interval '5 minutes' end
       from (
         select sch.id as school_id, s.class_id, s.subject_id, s.subject, s.subgroup_id, d.date,
                s.lesson_number, s.teacher_id,
                (d.date + b.starts_at) at time zone sch.time_zone as starts_at,
                case when (d.date + b.ends_at) at time zone sch.time_zone <= ${RECORDED_UNTIL}
                     then (d.date + b.ends_at) at time zone sch.time_zone end as recorded_at,
                row_number() over (partition by s.class_id, s.subject_id, s.subgroup_id
                                   order by d.date, s.lesson_number) as n,
                s.subject not in ('Физическая культура', 'Музыка', 'Изобразительное искусство',
                                  'Труд (технология)', 'Основы религиозных культур и светской этики')
                  and s.grade > 1 as gradable
           from fill_day d
           join fill_slot s on s.weekday = extract(isodow from d.date)
           join schools sch on sch.id = ${SCHOOL}
           join bells b on b.school_id = sch.id and b.lesson_number = s.lesson_number
          where not exists (
                  select 1 from holidays h
                   where h.academic_year_id = ${YEAR} and d.date between h.starts_on and h.ends_on
                     and (h.grades is null or s.grade = any (h.grades)))
       ) l
       cross join lateral (select gradable and n % 8 = 0 as control) k
       cross join (select max(id::text) filter (where name = 'Контрольная работа')::uuid as control_type,
                          max(id::text) filter (where name = 'Комбинированный урок')::uuid as combined_type
                     from lesson_types where school_id = ${SCHOOL}) t`,
  ],
  [
    'homework due on the next lesson',
    `update lessons l set homework_due_on = n.next_date
       from (select id, lead(date) over (partition by class_id, subject_id, subgroup_id
                                          order by date, lesson_number) as next_date
               from lessons where school_id = ${SCHOOL}) n
      where n.id = l.id and l.homework is not null and n.next_date is not null`,
  ],
  [
    'student-lessons (the rosters of the recorded lessons)',
    `create temp table fill_cell on commit drop as
     select l.id as lesson_id, l.date, l.class_id, l.subject_id, e.student_id, c.grade,
            l.lesson_type_id = (select id from lesson_types
                                 where school_id = ${SCHOOL} and name = 'Контрольная работа') as control,
            t.account_id as teacher_account, l.recorded_at
       from lessons l
       join classes c on c.id = l.class_id
       join enrollments e on e.class_id = l.class_id and ${enrolledOnSql('e', 'l.date')}
       join people t on t.id = l.teacher_id
      where l.school_id = ${SCHOOL} and l.recorded_at is not null
        and ${inLessonGroupSql('l', 'e.student_id')}`,
  ],
  [
    'absent days (3.5% of student-days)',
    `create temp table fill_absent on commit drop as
     select student_id, date, case when r < 0.55 then 'Б' when r < 0.75 then 'У' else 'Н' end as code
       from (select e.student_id, d.date, random() as r, random() as draw
               from (select distinct student_id from enrollments where school_id = ${SCHOOL}) e
               cross join fill_day d
              where d.date <= ${RECORDED_UNTIL}::date) x
      where draw < 0.035`,
  ],
  [
    'attendance (absences and late arrivals)',
    `insert into attendance (id, created_at, updated_at, school_id, lesson_id, student_id, reason_id,
                             minutes_late, comment, recorded_by)
     select pg_temp.uuid7(c.recorded_at - interval '40 minutes'), c.recorded_at - interval '40 minutes',
            c.recorded_at - interval '40 minutes', r.school_id, c.lesson_id, c.student_id, r.id,
            c.minutes_late, null, c.teacher_account
       from (
         select c.*, coalesce(ab.code, 'О') as code,
                case when ab.code is null then 5 + floor(random() * 16)::smallint end as minutes_late
           from fill_cell c
           left join fill_absent ab on ab.student_id = c.student_id and ab.date = c.date
          where ab.code is not null or random() < 0.004
       ) c
       join absence_reasons r on r.school_id = ${SCHOOL} and r.code = c.code`,
  ],
  [
    'student abilities',
    `create temp table fill_ability on commit drop as
     select student_id, 3.0 + random() * 1.9 as ability
       from (select distinct student_id from enrollments where school_id = ${SCHOOL}) e`,
  ],
  [
    'marks (control works, answers, homework…)',
    `insert into marks (id, created_at, updated_at, school_id, lesson_id, student_id, mark_type_id, value,
                        score, comment, due_on, late, given_by)
     select pg_temp.uuid7(m.at), m.at, m.at, mt.school_id, m.lesson_id, m.student_id, mt.id, m.value,
            case when m.value ~ '^[0-9]+$' then m.value::numeric end,
            case when random() < 0.05 then 'Молодец' end,
            case when mt.check_within_days is not null then m.date + mt.check_within_days end,
            false, m.teacher_account
       from (
         -- one draw per student-lesson: control work mark for all, else ~45%, plus ~4% a second one
         select c.*, g.k,
                least(c.recorded_at + (random() * interval '6 hours'), ${NOW}) as at,
                case when c.control and g.k = 1 then 'Контрольная работа'
                     else (array['Ответ на уроке', 'Ответ на уроке', 'Ответ на уроке', 'Ответ на уроке',
                                 'Домашняя работа', 'Домашняя работа', 'Домашняя работа',
                                 'Самостоятельная работа', 'Тест', 'Проверочная работа',
                                 'Практическая работа'])[1 + floor(random() * 11)::int] end as type_name,
                case when s.name = 'Основы религиозных культур и светской этики'
                     then case when random() < 0.95 then 'зач' else 'незач' end
                     else greatest(2, least(5, round(a.ability + (random() - 0.5) * 2.2)))::int::text
                end as value
           from fill_cell c
           join fill_ability a on a.student_id = c.student_id
           join subjects s on s.id = c.subject_id
           cross join lateral generate_series(1, 2) g(k)
          where c.grade > 1
            and s.name not in ('Физическая культура', 'Музыка', 'Изобразительное искусство', 'Труд (технология)')
                or (c.grade > 1 and random() < 0.5)
       ) m
       join mark_types mt on mt.school_id = ${SCHOOL} and mt.name = m.type_name
      where not exists (select 1 from fill_absent ab
                         where ab.student_id = m.student_id and ab.date = m.date)
        and ((m.k = 1 and (m.control or random() < 0.45)) or (m.k = 2 and random() < 0.04))`,
  ],
  [
    'period marks (rounded weighted averages of the periods over)',
    `insert into period_marks (id, created_at, updated_at, school_id, student_id, class_id, subject_id,
                               academic_year_id, kind, study_period_id, value, score, comment, given_by)
     select gen_random_uuid(), least(x.ends_on + interval '1 day', ${NOW}),
            least(x.ends_on + interval '1 day', ${NOW}), x.school_id,
            x.student_id, x.class_id, x.subject_id, ${YEAR}, 'period', x.period_id, x.value,
            case when x.value ~ '^[0-9]+$' then x.value::numeric end, null, x.given_by
       from (
         -- A student who changed class in the period gets it in the class they ended it in.
         select m.school_id, m.student_id, (array_agg(l.class_id order by l.date desc))[1] as class_id,
                l.subject_id, sp.id as period_id, sp.ends_on,
                case when bool_and(m.score is null)
                     then case when bool_or(m.value = 'незач') and random() < 0.5 then 'незач' else 'зач' end
                     else floor(round(sum(m.score * mt.weight) filter (where m.score is not null)
                                      / sum(mt.weight) filter (where m.score is not null), 2) + 0.5)::int::text
                end as value,
                (array_agg(m.given_by))[1] as given_by
           from marks m
           join lessons l on l.id = m.lesson_id
           join mark_types mt on mt.id = m.mark_type_id
           join classes c on c.id = l.class_id
           join period_schemes ps on c.grade = any (ps.grades) and ps.academic_year_id = c.academic_year_id
           join study_periods sp on sp.scheme_id = ps.id and l.date between sp.starts_on and sp.ends_on
          where m.school_id = ${SCHOOL} and sp.ends_on <= ${param(`(j->>'periodMarksUntil')::date`)}
          group by m.school_id, m.student_id, l.subject_id, sp.id, sp.ends_on
       ) x`,
  ],
  [
    'year marks (when the year is over)',
    `insert into period_marks (id, created_at, updated_at, school_id, student_id, class_id, subject_id,
                               academic_year_id, kind, study_period_id, value, score, comment, given_by)
     select gen_random_uuid(), ${NOW}, ${NOW}, school_id, student_id,
            (array_agg(class_id order by created_at desc))[1], subject_id, academic_year_id, 'year', null,
            case when bool_and(score is null) then 'зач' else floor(round(avg(score), 2) + 0.5)::int::text end,
            case when bool_and(score is null) then null else floor(round(avg(score), 2) + 0.5) end,
            null, (array_agg(given_by))[1]
       from period_marks
      where kind = 'period' and school_id = ${SCHOOL} and ${param(`(j->>'yearMarks')::boolean`)}
      group by school_id, student_id, subject_id, academic_year_id`,
  ],
  [
    'journal history of marks (one "create" per mark)',
    `insert into journal_changes (school_id, lesson_id, student_id, cell, record_id, action, before, after,
                                  changed_by, request_id, reason, changed_at)
     select school_id, lesson_id, student_id, 'mark', id, 'create', null,
            jsonb_build_object('value', value, 'score', score, 'mark_type_id', mark_type_id, 'comment', comment),
            given_by, null, null, created_at
       from marks where school_id = ${SCHOOL} order by created_at`,
  ],
  [
    'journal history of attendance',
    `insert into journal_changes (school_id, lesson_id, student_id, cell, record_id, action, before, after,
                                  changed_by, request_id, reason, changed_at)
     select school_id, lesson_id, student_id, 'attendance', id, 'create', null,
            jsonb_build_object('reason_id', reason_id, 'minutes_late', minutes_late, 'comment', comment),
            recorded_by, null, null, created_at
       from attendance where school_id = ${SCHOOL} order by created_at`,
  ],
];

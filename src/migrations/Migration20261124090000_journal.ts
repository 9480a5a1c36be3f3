import { Migration } from '@mikro-orm/migrations';

/**
 * The journal (issue 6): grading scales, current marks with their check term (J3), period,
 * year, exam and final marks (J4), attendance and the class teacher's weekly
 * reconciliation (J2), the per-cell change history (J10), and the database side of the
 * period lock (J5): triggers refuse any write into a closed study period.
 */
export class Migration20261124090000_journal extends Migration {
  override up(): void {
    this.addSql(`
      create table "journal_changes" ("id" bigserial primary key, "school_id" uuid not null, "lesson_id" uuid not null, "student_id" uuid not null, "cell" text check ("cell" in ('mark', 'attendance')) not null, "record_id" uuid not null, "action" text check ("action" in ('create', 'update', 'delete')) not null, "before" jsonb null, "after" jsonb null, "changed_by" uuid null, "request_id" text null, "reason" text null, "changed_at" timestamptz not null default now());
      create index "journal_changes_lesson_id_student_id_changed_at_index" on "journal_changes" ("lesson_id", "student_id", "changed_at");
      
      create table "grading_scales" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "name" text not null, "archived" boolean not null default false, "values" jsonb not null, "is_default" boolean not null default false, constraint "grading_scales_pkey" primary key ("id"));
      create unique index grading_scales_one_default on grading_scales (school_id) where is_default;
      create unique index grading_scales_school_name_unique on grading_scales (school_id, lower(name));
      
      create table "attendance_weeks" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "class_id" uuid not null, "week_of" date not null, "reconciled_at" timestamptz not null, "reconciled_by" uuid not null, "note" text null, constraint "attendance_weeks_pkey" primary key ("id"));
      alter table "attendance_weeks" add constraint "attendance_weeks_class_week_unique" unique ("class_id", "week_of");
      
      create table "period_marks" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "student_id" uuid not null, "class_id" uuid not null, "subject_id" uuid not null, "academic_year_id" uuid not null, "kind" text check ("kind" in ('period', 'year', 'exam', 'final')) not null, "study_period_id" uuid null, "value" text not null, "score" numeric(5,2) null, "comment" text null, "given_by" uuid not null, constraint "period_marks_pkey" primary key ("id"), constraint period_marks_period_with_kind check ((kind = 'period') = (study_period_id is not null)));
      create index "period_marks_class_id_subject_id_index" on "period_marks" ("class_id", "subject_id");
      create unique index period_marks_one_per_kind on period_marks (student_id, subject_id, academic_year_id, kind, study_period_id) nulls not distinct;
      
      create table "marks" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "lesson_id" uuid not null, "student_id" uuid not null, "mark_type_id" uuid not null, "value" text not null, "score" numeric(5,2) null, "comment" text null, "due_on" date null, "late" boolean not null default false, "given_by" uuid not null, constraint "marks_pkey" primary key ("id"), constraint marks_score_range check (score is null or (score >= 0 and score <= 100)));
      create index "marks_student_id_lesson_id_index" on "marks" ("student_id", "lesson_id");
      create index "marks_lesson_id_student_id_index" on "marks" ("lesson_id", "student_id");
      
      create table "attendance" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "lesson_id" uuid not null, "student_id" uuid not null, "reason_id" uuid not null, "minutes_late" smallint null, "comment" text null, "recorded_by" uuid not null, constraint "attendance_pkey" primary key ("id"), constraint attendance_minutes_late_range check (minutes_late is null or (minutes_late > 0 and minutes_late <= 240)));
      alter table "attendance" add constraint "attendance_lesson_student_unique" unique ("lesson_id", "student_id");
      
      alter table "grading_scales" add constraint "grading_scales_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      
      alter table "attendance_weeks" add constraint "attendance_weeks_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "attendance_weeks" add constraint "attendance_weeks_class_id_foreign" foreign key ("class_id") references "classes" ("id") on update cascade on delete cascade;
      
      alter table "period_marks" add constraint "period_marks_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "period_marks" add constraint "period_marks_student_id_foreign" foreign key ("student_id") references "people" ("id") on update cascade on delete restrict;
      alter table "period_marks" add constraint "period_marks_class_id_foreign" foreign key ("class_id") references "classes" ("id") on update cascade on delete restrict;
      alter table "period_marks" add constraint "period_marks_subject_id_foreign" foreign key ("subject_id") references "subjects" ("id") on update cascade on delete restrict;
      alter table "period_marks" add constraint "period_marks_academic_year_id_foreign" foreign key ("academic_year_id") references "academic_years" ("id") on update cascade on delete restrict;
      alter table "period_marks" add constraint "period_marks_study_period_id_foreign" foreign key ("study_period_id") references "study_periods" ("id") on update cascade on delete restrict;
      
      alter table "marks" add constraint "marks_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "marks" add constraint "marks_lesson_id_foreign" foreign key ("lesson_id") references "lessons" ("id") on update cascade on delete restrict;
      alter table "marks" add constraint "marks_student_id_foreign" foreign key ("student_id") references "people" ("id") on update cascade on delete restrict;
      alter table "marks" add constraint "marks_mark_type_id_foreign" foreign key ("mark_type_id") references "mark_types" ("id") on update cascade on delete restrict;
      
      alter table "attendance" add constraint "attendance_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "attendance" add constraint "attendance_lesson_id_foreign" foreign key ("lesson_id") references "lessons" ("id") on update cascade on delete restrict;
      alter table "attendance" add constraint "attendance_student_id_foreign" foreign key ("student_id") references "people" ("id") on update cascade on delete restrict;
      alter table "attendance" add constraint "attendance_reason_id_foreign" foreign key ("reason_id") references "absence_reasons" ("id") on update cascade on delete restrict;
      
      alter table "mark_types" add column "check_within_days" smallint null;
      alter table "mark_types" add constraint mark_types_check_within_days_range check(check_within_days is null or (check_within_days >= 1 and check_within_days <= 30));
      
      alter table "subjects" add column "grading_scale_id" uuid null;
      alter table "subjects" add constraint "subjects_grading_scale_id_foreign" foreign key ("grading_scale_id") references "grading_scales" ("id") on update cascade on delete restrict;

      alter table "lessons" add column "attendance_taken_at" timestamptz null;

      -- Defaults for the schools that already exist (new schools get them on creation).
      insert into grading_scales (id, created_at, updated_at, school_id, name, values, is_default)
      select gen_random_uuid(), now(), now(), s.id, 'Пятибалльная',
             '[{"value":"5","score":5},{"value":"4","score":4},{"value":"3","score":3},{"value":"2","score":2},{"value":"1","score":1}]'::jsonb,
             true
        from schools s;
      insert into grading_scales (id, created_at, updated_at, school_id, name, values, is_default)
      select gen_random_uuid(), now(), now(), s.id, 'Зачёт / незачёт',
             '[{"value":"зач","score":null},{"value":"незач","score":null}]'::jsonb,
             false
        from schools s;
      update mark_types set check_within_days = 3
       where name in ('Диктант', 'Тест', 'Проверочная работа', 'Контрольная работа',
                      'Сочинение', 'Изложение', 'Итоговая контрольная работа');

      -- J5: a closed study period locks the journal of its dates for the grades of its scheme.
      -- SQLSTATE SJ409 is mapped by the API to 409 period.closed.
      create function journal_assert_open(p_class_id uuid, p_date date) returns void
      language plpgsql as $$
      declare
        locked record;
      begin
        select sp.name, c.grade into locked
          from classes c
          join period_schemes ps on ps.academic_year_id = c.academic_year_id and c.grade = any (ps.grades)
          join study_periods sp on sp.scheme_id = ps.id
         where c.id = p_class_id
           and p_date between sp.starts_on and sp.ends_on
           and sp.closed_at is not null
         limit 1;
        if found then
          raise exception using
            errcode = 'SJ409',
            message = 'period.closed',
            detail = format('Study period «%s» is closed for grade %s: the journal of %s is locked.',
                            locked.name, locked.grade, p_date);
        end if;
      end $$;

      create function journal_lesson_open(p_lesson_id uuid) returns void
      language plpgsql as $$
      declare
        l record;
      begin
        select class_id, date into l from lessons where id = p_lesson_id;
        if found then
          perform journal_assert_open(l.class_id, l.date);
        end if;
      end $$;

      create function journal_cell_refuse_closed() returns trigger
      language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          perform journal_lesson_open(old.lesson_id);
        end if;
        if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.lesson_id <> old.lesson_id) then
          perform journal_lesson_open(new.lesson_id);
        end if;
        return coalesce(new, old);
      end $$;

      create trigger marks_period_lock before insert or update or delete on marks
        for each row execute function journal_cell_refuse_closed();
      create trigger attendance_period_lock before insert or update or delete on attendance
        for each row execute function journal_cell_refuse_closed();

      -- A period mark locks with its period; a year mark once every period of the class's
      -- grade in that year is closed. Exam and final marks are not locked by periods.
      create function period_mark_assert_open(p period_marks) returns void
      language plpgsql as $$
      declare
        locked record;
      begin
        if p.kind in ('exam', 'final') then
          -- Exams and final marks come after the last period ends: no period locks them.
          return;
        elsif p.kind = 'period' then
          select sp.name into locked from study_periods sp
           where sp.id = p.study_period_id and sp.closed_at is not null;
        else
          select 'every period of ' || y.name as name into locked
            from academic_years y
            join classes c on c.id = p.class_id
           where y.id = p.academic_year_id
             and exists (select 1 from period_schemes ps join study_periods sp on sp.scheme_id = ps.id
                          where ps.academic_year_id = y.id and c.grade = any (ps.grades))
             and not exists (select 1 from period_schemes ps join study_periods sp on sp.scheme_id = ps.id
                              where ps.academic_year_id = y.id and c.grade = any (ps.grades)
                                and sp.closed_at is null);
        end if;
        if found then
          raise exception using
            errcode = 'SJ409',
            message = 'period.closed',
            detail = format('Study period «%s» is closed: its %s marks are locked.', locked.name, p.kind);
        end if;
      end $$;

      create function period_marks_refuse_closed() returns trigger
      language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          perform period_mark_assert_open(old);
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          perform period_mark_assert_open(new);
        end if;
        return coalesce(new, old);
      end $$;

      create trigger period_marks_period_lock before insert or update or delete on period_marks
        for each row execute function period_marks_refuse_closed();

      -- J10: every change of a journal cell, whatever wrote it. The API sets app.actor_id,
      -- app.request_id and app.reason at the start of each transaction.
      create function journal_cell_history() returns trigger
      language plpgsql as $$
      declare
        cell text := case tg_table_name when 'marks' then 'mark' else 'attendance' end;
        row_before jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
        row_after jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
        kept text[] := case tg_table_name
          when 'marks' then array['value', 'score', 'mark_type_id', 'comment']
          else array['reason_id', 'minutes_late', 'comment'] end;
        subject_row jsonb := coalesce(row_after, row_before);
      begin
        if tg_op = 'UPDATE' and
           (select jsonb_object_agg(k, row_before -> k) from unnest(kept) k) =
           (select jsonb_object_agg(k, row_after -> k) from unnest(kept) k) then
          return null;
        end if;
        insert into journal_changes
          (school_id, lesson_id, student_id, cell, record_id, action, before, after,
           changed_by, request_id, reason, changed_at)
        values
          ((subject_row ->> 'school_id')::uuid, (subject_row ->> 'lesson_id')::uuid,
           (subject_row ->> 'student_id')::uuid, cell, (subject_row ->> 'id')::uuid,
           case tg_op when 'INSERT' then 'create' when 'UPDATE' then 'update' else 'delete' end,
           (select jsonb_object_agg(k, row_before -> k) from unnest(kept) k where row_before is not null),
           (select jsonb_object_agg(k, row_after -> k) from unnest(kept) k where row_after is not null),
           nullif(current_setting('app.actor_id', true), '')::uuid,
           nullif(current_setting('app.request_id', true), ''),
           nullif(current_setting('app.reason', true), ''),
           now());
        return null;
      end $$;

      create trigger marks_history after insert or update or delete on marks
        for each row execute function journal_cell_history();
      create trigger attendance_history after insert or update or delete on attendance
        for each row execute function journal_cell_history();

      -- The history is append-only for every role, like the audit trail.
      create function journal_changes_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'journal_changes is append-only: % is not allowed', tg_op
          using errcode = 'insufficient_privilege';
      end $$;
      create trigger journal_changes_no_update_or_delete before update or delete on journal_changes
        for each row execute function journal_changes_refuse_change();
      create trigger journal_changes_no_truncate before truncate on journal_changes
        for each statement execute function journal_changes_refuse_change();
    `);
  }

  override down(): void {
    this.addSql(`
      drop function journal_cell_history, period_marks_refuse_closed, period_mark_assert_open,
        journal_cell_refuse_closed, journal_lesson_open, journal_assert_open,
        journal_changes_refuse_change cascade;
      drop table journal_changes, attendance_weeks, attendance, period_marks, marks cascade;
      alter table subjects drop column grading_scale_id;
      alter table lessons drop column attendance_taken_at;
      drop table grading_scales cascade;
      alter table mark_types drop constraint mark_types_check_within_days_range;
      alter table mark_types drop column check_within_days;
    `);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Curriculum, timetable and lessons (issue 5): curriculum lines and assignment hours (O5),
 * weekly timetable cells valid from a date (O6), dated lessons with their records (J1),
 * thematic plans (O5) and the kind of a lesson type.
 */
export class Migration20261123090000_timetable_and_lessons extends Migration {
  override up(): void {
    this.addSql(`
      create table "curriculum_lines" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "academic_year_id" uuid not null, "grade" smallint not null, "subject_id" uuid not null, "hours_per_week" numeric(4,1) not null, constraint "curriculum_lines_pkey" primary key ("id"), constraint curriculum_lines_hours_range check (hours_per_week > 0 and hours_per_week <= 20), constraint curriculum_lines_grade_range check (grade >= 1 and grade <= 11));
      alter table "curriculum_lines" add constraint "curriculum_lines_year_grade_subject_unique" unique ("academic_year_id", "grade", "subject_id");

      create table "thematic_plans" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "class_id" uuid not null, "subject_id" uuid not null, "subgroup_id" uuid null, "teacher_id" uuid not null, constraint "thematic_plans_pkey" primary key ("id"));
      create unique index thematic_plans_class_subject_unique on thematic_plans (class_id, subject_id, coalesce(subgroup_id, '00000000-0000-0000-0000-000000000000'::uuid));

      create table "thematic_plan_topics" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "plan_id" uuid not null, "position" smallint not null, "title" text not null, "hours" smallint not null, constraint "thematic_plan_topics_pkey" primary key ("id"), constraint thematic_plan_topics_hours_range check (hours >= 1 and hours <= 200));
      alter table "thematic_plan_topics" add constraint "thematic_plan_topics_plan_position_unique" unique ("plan_id", "position");

      create table "lessons" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "class_id" uuid not null, "subject_id" uuid not null, "subgroup_id" uuid null, "date" date not null, "lesson_number" smallint not null, "teacher_id" uuid not null, "substitute_id" uuid null, "room_id" uuid null, "origin" text check ("origin" in ('timetable', 'manual')) not null, "status" text check ("status" in ('scheduled', 'cancelled')) not null default 'scheduled', "cancellation_reason" text null, "topic" text null, "lesson_type_id" uuid null, "plan_topic_id" uuid null, "content" text null, "homework" text null, "homework_due_on" date null, "notes" text null, "recorded_at" timestamptz null, constraint "lessons_pkey" primary key ("id"), constraint lessons_homework_due_after_lesson check (homework_due_on is null or homework_due_on >= date), constraint lessons_cancelled_with_reason check ((status = 'cancelled') = (cancellation_reason is not null)), constraint lessons_lesson_number_range check (lesson_number >= 0 and lesson_number <= 12));
      create index "lessons_substitute_id_date_index" on "lessons" ("substitute_id", "date");
      create index "lessons_plan_topic_id_index" on "lessons" ("plan_topic_id");
      create index "lessons_teacher_id_date_index" on "lessons" ("teacher_id", "date");
      create index "lessons_class_id_date_index" on "lessons" ("class_id", "date");
      create index "lessons_school_id_date_index" on "lessons" ("school_id", "date");
      create unique index lessons_timetable_slot_unique on lessons (class_id, date, lesson_number, subject_id, coalesce(subgroup_id, '00000000-0000-0000-0000-000000000000'::uuid)) where origin = 'timetable';

      create table "timetable_entries" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "class_id" uuid not null, "study_period_id" uuid not null, "weekday" smallint not null, "lesson_number" smallint not null, "subject_id" uuid not null, "teacher_id" uuid not null, "room_id" uuid null, "subgroup_id" uuid null, "valid_from" date not null, "valid_until" date not null, constraint "timetable_entries_pkey" primary key ("id"), constraint timetable_entries_valid_span check (valid_until >= valid_from), constraint timetable_entries_lesson_number_range check (lesson_number >= 0 and lesson_number <= 12), constraint timetable_entries_weekday_range check (weekday >= 1 and weekday <= 7));
      create index "timetable_entries_class_id_study_period_id_index" on "timetable_entries" ("class_id", "study_period_id");
      create index "timetable_entries_school_id_weekday_lesson_number_index" on "timetable_entries" ("school_id", "weekday", "lesson_number");

      alter table "curriculum_lines" add constraint "curriculum_lines_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "curriculum_lines" add constraint "curriculum_lines_academic_year_id_foreign" foreign key ("academic_year_id") references "academic_years" ("id") on update cascade on delete cascade;
      alter table "curriculum_lines" add constraint "curriculum_lines_subject_id_foreign" foreign key ("subject_id") references "subjects" ("id") on update cascade on delete restrict;

      alter table "thematic_plans" add constraint "thematic_plans_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "thematic_plans" add constraint "thematic_plans_class_id_foreign" foreign key ("class_id") references "classes" ("id") on update cascade on delete cascade;
      alter table "thematic_plans" add constraint "thematic_plans_subject_id_foreign" foreign key ("subject_id") references "subjects" ("id") on update cascade on delete restrict;
      alter table "thematic_plans" add constraint "thematic_plans_subgroup_id_foreign" foreign key ("subgroup_id") references "subgroups" ("id") on update cascade on delete cascade;
      alter table "thematic_plans" add constraint "thematic_plans_teacher_id_foreign" foreign key ("teacher_id") references "people" ("id") on update cascade on delete restrict;

      alter table "thematic_plan_topics" add constraint "thematic_plan_topics_plan_id_foreign" foreign key ("plan_id") references "thematic_plans" ("id") on update cascade on delete cascade;

      alter table "lessons" add constraint "lessons_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "lessons" add constraint "lessons_class_id_foreign" foreign key ("class_id") references "classes" ("id") on update cascade on delete cascade;
      alter table "lessons" add constraint "lessons_subject_id_foreign" foreign key ("subject_id") references "subjects" ("id") on update cascade on delete restrict;
      alter table "lessons" add constraint "lessons_subgroup_id_foreign" foreign key ("subgroup_id") references "subgroups" ("id") on update cascade on delete set null;
      alter table "lessons" add constraint "lessons_teacher_id_foreign" foreign key ("teacher_id") references "people" ("id") on update cascade on delete restrict;
      alter table "lessons" add constraint "lessons_substitute_id_foreign" foreign key ("substitute_id") references "people" ("id") on update cascade on delete restrict;
      alter table "lessons" add constraint "lessons_room_id_foreign" foreign key ("room_id") references "rooms" ("id") on update cascade on delete restrict;
      alter table "lessons" add constraint "lessons_lesson_type_id_foreign" foreign key ("lesson_type_id") references "lesson_types" ("id") on update cascade on delete restrict;
      alter table "lessons" add constraint "lessons_plan_topic_id_foreign" foreign key ("plan_topic_id") references "thematic_plan_topics" ("id") on update cascade on delete set null;

      alter table "timetable_entries" add constraint "timetable_entries_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "timetable_entries" add constraint "timetable_entries_class_id_foreign" foreign key ("class_id") references "classes" ("id") on update cascade on delete cascade;
      alter table "timetable_entries" add constraint "timetable_entries_study_period_id_foreign" foreign key ("study_period_id") references "study_periods" ("id") on update cascade on delete cascade;
      alter table "timetable_entries" add constraint "timetable_entries_subject_id_foreign" foreign key ("subject_id") references "subjects" ("id") on update cascade on delete restrict;
      alter table "timetable_entries" add constraint "timetable_entries_teacher_id_foreign" foreign key ("teacher_id") references "people" ("id") on update cascade on delete restrict;
      alter table "timetable_entries" add constraint "timetable_entries_room_id_foreign" foreign key ("room_id") references "rooms" ("id") on update cascade on delete restrict;
      alter table "timetable_entries" add constraint "timetable_entries_subgroup_id_foreign" foreign key ("subgroup_id") references "subgroups" ("id") on update cascade on delete cascade;

      alter table "lesson_types" add column "kind" text check ("kind" in ('lesson', 'control', 'practical', 'laboratory', 'excursion')) not null default 'lesson';

      alter table "teaching_assignments" add column "hours_per_week" numeric(4,1) not null default 0, add constraint teaching_assignments_hours_range check (hours_per_week >= 0 and hours_per_week <= 40);

      -- Lesson types the defaults created name their kind (J1).
      update "lesson_types" set "kind" = 'practical' where "name" = 'Практическая работа';
      update "lesson_types" set "kind" = 'laboratory' where "name" = 'Лабораторная работа';
      update "lesson_types" set "kind" = 'control' where "name" = 'Контрольная работа';
      update "lesson_types" set "kind" = 'excursion' where "name" = 'Экскурсия';
    `);
  }
}

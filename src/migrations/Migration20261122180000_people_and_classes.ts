import { Migration } from '@mikro-orm/migrations';

/**
 * People and school structure (issue 4): reference data (O1), academic years and study
 * periods (O2), classes, enrollments and movement orders (O3, P4), subgroups (O4), teaching
 * assignments, and people with their documents, health data, consents and personal files
 * (P1, P2, P5–P7). Every school-owned table carries `school_id`.
 */
export class Migration20261122180000_people_and_classes extends Migration {
  override up(): void {
    this.addSql(`
      create table "rooms" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "name" text not null, "archived" boolean not null default false, "capacity" int null, constraint "rooms_pkey" primary key ("id"), constraint rooms_capacity_positive check (capacity is null or capacity > 0));
      create unique index rooms_school_name_unique on rooms (school_id, lower(name));

      create table "people" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "kind" text check ("kind" in ('student', 'parent', 'staff')) not null, "last_name" text not null, "first_name" text not null, "middle_name" text null, "birth_date" date null, "sex" text check ("sex" in ('female', 'male')) null, "phone" text null, "email" text null, "address" text null, "positions" text[] not null default '{}', "account_id" uuid null, "search_name" text not null, constraint "people_pkey" primary key ("id"), constraint people_positions_staff_only check (kind = 'staff' or positions = '{}'));
      create index "people_school_id_kind_search_name_index" on "people" ("school_id", "kind", "search_name");
      create unique index people_school_kind_account_unique on people (school_id, kind, account_id) where account_id is not null;

      create table "personal_file_notes" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "person_id" uuid not null, "body" text not null, "author_id" uuid not null, constraint "personal_file_notes_pkey" primary key ("id"));
      create index "personal_file_notes_person_id_created_at_index" on "personal_file_notes" ("person_id", "created_at");

      create table "personal_data_consents" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "person_id" uuid not null, "given_by_id" uuid null, "purpose" text not null, "given_on" date not null, "withdrawn_on" date null, "document_ref" text null, constraint "personal_data_consents_pkey" primary key ("id"), constraint personal_data_consents_withdrawn_after_given check (withdrawn_on is null or withdrawn_on >= given_on));
      create index "personal_data_consents_person_id_index" on "personal_data_consents" ("person_id");

      create table "movement_orders" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "number" text not null, "dated_on" date not null, "kind" text check ("kind" in ('admission', 'transfer', 'withdrawal')) not null, "basis" text not null, "created_by" uuid not null, constraint "movement_orders_pkey" primary key ("id"));
      alter table "movement_orders" add constraint "movement_orders_school_number_date_unique" unique ("school_id", "number", "dated_on");

      create table "mark_types" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "name" text not null, "archived" boolean not null default false, "short_name" text not null, "weight" numeric(4,2) not null, constraint "mark_types_pkey" primary key ("id"), constraint mark_types_weight_range check (weight > 0 and weight <= 10));
      create unique index mark_types_school_name_unique on mark_types (school_id, lower(name));

      create table "lesson_types" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "name" text not null, "archived" boolean not null default false, constraint "lesson_types_pkey" primary key ("id"));
      create unique index lesson_types_school_name_unique on lesson_types (school_id, lower(name));

      create table "identity_documents" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "person_id" uuid not null, "kind" text check ("kind" in ('snils', 'birth_certificate', 'passport', 'foreign_passport', 'other')) not null, "series" text null, "number" text not null, "issued_by" text null, "issued_on" date null, constraint "identity_documents_pkey" primary key ("id"));
      create index "identity_documents_person_id_index" on "identity_documents" ("person_id");
      create unique index identity_documents_one_snils on identity_documents (person_id) where kind = 'snils';

      create table "health_records" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "person_id" uuid not null, "health_group" smallint null, "pe_group" text check ("pe_group" in ('main', 'preparatory', 'special_a', 'special_b', 'exempt')) null, "conditions" text null, "load_limits" text null, "notes" text null, constraint "health_records_pkey" primary key ("id"), constraint health_records_group_range check (health_group >= 1 and health_group <= 5));
      alter table "health_records" add constraint "health_records_person_id_unique" unique ("person_id");

      create table "guardianships" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "student_id" uuid not null, "parent_id" uuid not null, "relation" text check ("relation" in ('mother', 'father', 'grandmother', 'grandfather', 'guardian', 'trustee', 'other')) not null, "legal_representative" boolean not null default true, constraint "guardianships_pkey" primary key ("id"));
      create index "guardianships_parent_id_index" on "guardianships" ("parent_id");
      alter table "guardianships" add constraint "guardianships_student_parent_unique" unique ("student_id", "parent_id");

      create table "bells" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "lesson_number" smallint not null, "starts_at" time(0) not null, "ends_at" time(0) not null, constraint "bells_pkey" primary key ("id"), constraint bells_ends_after_start check (ends_at > starts_at), constraint bells_lesson_number_range check (lesson_number >= 0 and lesson_number <= 12));
      alter table "bells" add constraint "bells_school_lesson_unique" unique ("school_id", "lesson_number");

      create table "academic_years" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "name" text not null, "starts_on" date not null, "ends_on" date not null, constraint "academic_years_pkey" primary key ("id"), constraint academic_years_ends_after_start check (ends_on > starts_on));
      alter table "academic_years" add constraint "academic_years_school_name_unique" unique ("school_id", "name");

      create table "period_schemes" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "academic_year_id" uuid not null, "name" text not null, "grades" smallint[] not null, constraint "period_schemes_pkey" primary key ("id"));
      alter table "period_schemes" add constraint "period_schemes_year_name_unique" unique ("academic_year_id", "name");

      create table "holidays" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "academic_year_id" uuid not null, "name" text not null, "starts_on" date not null, "ends_on" date not null, "grades" smallint[] null, constraint "holidays_pkey" primary key ("id"), constraint holidays_ends_after_start check (ends_on >= starts_on));
      create index "holidays_academic_year_id_index" on "holidays" ("academic_year_id");

      create table "absence_reasons" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "name" text not null, "archived" boolean not null default false, "code" text not null, "excused" boolean not null, constraint "absence_reasons_pkey" primary key ("id"));
      create unique index absence_reasons_school_code_unique on absence_reasons (school_id, code);

      create table "classes" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "academic_year_id" uuid not null, "grade" smallint not null, "letter" text not null, "class_teacher_id" uuid null, constraint "classes_pkey" primary key ("id"), constraint classes_grade_range check (grade >= 1 and grade <= 11));
      create index "classes_class_teacher_id_index" on "classes" ("class_teacher_id");
      create index "classes_school_id_academic_year_id_index" on "classes" ("school_id", "academic_year_id");
      alter table "classes" add constraint "classes_year_grade_letter_unique" unique ("academic_year_id", "grade", "letter");

      create table "movements" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "order_id" uuid not null, "student_id" uuid not null, "from_class_id" uuid null, "to_class_id" uuid null, "effective_on" date not null, "destination" text null, constraint "movements_pkey" primary key ("id"), constraint movements_has_a_class check (from_class_id is not null or to_class_id is not null));
      create index "movements_order_id_index" on "movements" ("order_id");
      create index "movements_student_id_index" on "movements" ("student_id");

      create table "enrollments" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "student_id" uuid not null, "class_id" uuid not null, "starts_on" date not null, "ends_on" date null, "started_by_id" uuid null, "ended_by_id" uuid null, constraint "enrollments_pkey" primary key ("id"), constraint enrollments_ends_after_start check (ends_on is null or ends_on > starts_on));
      create index "enrollments_class_id_starts_on_index" on "enrollments" ("class_id", "starts_on");
      create index "enrollments_student_id_starts_on_index" on "enrollments" ("student_id", "starts_on");

      create table "study_periods" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "academic_year_id" uuid not null, "scheme_id" uuid not null, "ordinal" smallint not null, "name" text not null, "starts_on" date not null, "ends_on" date not null, "closed_at" timestamptz null, "closed_by" uuid null, "state_reason" text null, constraint "study_periods_pkey" primary key ("id"), constraint study_periods_closed_by_with_closed_at check ((closed_at is null) = (closed_by is null)), constraint study_periods_ends_after_start check (ends_on >= starts_on));
      create index "study_periods_academic_year_id_index" on "study_periods" ("academic_year_id");
      alter table "study_periods" add constraint "study_periods_scheme_ordinal_unique" unique ("scheme_id", "ordinal");

      create table "subjects" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "name" text not null, "archived" boolean not null default false, "short_name" text not null, constraint "subjects_pkey" primary key ("id"));
      create unique index subjects_school_name_unique on subjects (school_id, lower(name));

      create table "subgroup_splits" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "class_id" uuid not null, "subject_id" uuid not null, constraint "subgroup_splits_pkey" primary key ("id"));
      alter table "subgroup_splits" add constraint "subgroup_splits_class_subject_unique" unique ("class_id", "subject_id");

      create table "subgroups" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "split_id" uuid not null, "name" text not null, "position" smallint not null, constraint "subgroups_pkey" primary key ("id"));
      alter table "subgroups" add constraint "subgroups_split_position_unique" unique ("split_id", "position");

      create table "subgroup_members" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "split_id" uuid not null, "subgroup_id" uuid not null, "student_id" uuid not null, constraint "subgroup_members_pkey" primary key ("id"));
      create index "subgroup_members_subgroup_id_index" on "subgroup_members" ("subgroup_id");
      alter table "subgroup_members" add constraint "subgroup_members_split_student_unique" unique ("split_id", "student_id");

      create table "teaching_assignments" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "school_id" uuid not null, "class_id" uuid not null, "subject_id" uuid not null, "subgroup_id" uuid null, "teacher_id" uuid not null, constraint "teaching_assignments_pkey" primary key ("id"));
      create index "teaching_assignments_teacher_id_index" on "teaching_assignments" ("teacher_id");
      create unique index teaching_assignments_unique on teaching_assignments (class_id, subject_id, coalesce(subgroup_id, '00000000-0000-0000-0000-000000000000'::uuid), teacher_id);

      alter table "rooms" add constraint "rooms_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;

      alter table "people" add constraint "people_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "people" add constraint "people_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete set null;

      alter table "personal_file_notes" add constraint "personal_file_notes_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "personal_file_notes" add constraint "personal_file_notes_person_id_foreign" foreign key ("person_id") references "people" ("id") on update cascade on delete cascade;

      alter table "personal_data_consents" add constraint "personal_data_consents_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "personal_data_consents" add constraint "personal_data_consents_person_id_foreign" foreign key ("person_id") references "people" ("id") on update cascade on delete cascade;
      alter table "personal_data_consents" add constraint "personal_data_consents_given_by_id_foreign" foreign key ("given_by_id") references "people" ("id") on update cascade on delete set null;

      alter table "movement_orders" add constraint "movement_orders_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;

      alter table "mark_types" add constraint "mark_types_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;

      alter table "lesson_types" add constraint "lesson_types_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;

      alter table "identity_documents" add constraint "identity_documents_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "identity_documents" add constraint "identity_documents_person_id_foreign" foreign key ("person_id") references "people" ("id") on update cascade on delete cascade;

      alter table "health_records" add constraint "health_records_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "health_records" add constraint "health_records_person_id_foreign" foreign key ("person_id") references "people" ("id") on update cascade on delete cascade;

      alter table "guardianships" add constraint "guardianships_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "guardianships" add constraint "guardianships_student_id_foreign" foreign key ("student_id") references "people" ("id") on update cascade on delete cascade;
      alter table "guardianships" add constraint "guardianships_parent_id_foreign" foreign key ("parent_id") references "people" ("id") on update cascade on delete cascade;

      alter table "bells" add constraint "bells_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete cascade;

      alter table "academic_years" add constraint "academic_years_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;

      alter table "period_schemes" add constraint "period_schemes_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "period_schemes" add constraint "period_schemes_academic_year_id_foreign" foreign key ("academic_year_id") references "academic_years" ("id") on update cascade on delete cascade;

      alter table "holidays" add constraint "holidays_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "holidays" add constraint "holidays_academic_year_id_foreign" foreign key ("academic_year_id") references "academic_years" ("id") on update cascade on delete cascade;

      alter table "absence_reasons" add constraint "absence_reasons_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;

      alter table "classes" add constraint "classes_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "classes" add constraint "classes_academic_year_id_foreign" foreign key ("academic_year_id") references "academic_years" ("id") on update cascade on delete restrict;
      alter table "classes" add constraint "classes_class_teacher_id_foreign" foreign key ("class_teacher_id") references "people" ("id") on update cascade on delete set null;

      alter table "movements" add constraint "movements_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "movements" add constraint "movements_order_id_foreign" foreign key ("order_id") references "movement_orders" ("id") on update cascade on delete restrict;
      alter table "movements" add constraint "movements_student_id_foreign" foreign key ("student_id") references "people" ("id") on update cascade on delete restrict;
      alter table "movements" add constraint "movements_from_class_id_foreign" foreign key ("from_class_id") references "classes" ("id") on update cascade on delete restrict;
      alter table "movements" add constraint "movements_to_class_id_foreign" foreign key ("to_class_id") references "classes" ("id") on update cascade on delete restrict;

      alter table "enrollments" add constraint "enrollments_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "enrollments" add constraint "enrollments_student_id_foreign" foreign key ("student_id") references "people" ("id") on update cascade on delete restrict;
      alter table "enrollments" add constraint "enrollments_class_id_foreign" foreign key ("class_id") references "classes" ("id") on update cascade on delete restrict;
      alter table "enrollments" add constraint "enrollments_started_by_id_foreign" foreign key ("started_by_id") references "movements" ("id") on update cascade on delete restrict;
      alter table "enrollments" add constraint "enrollments_ended_by_id_foreign" foreign key ("ended_by_id") references "movements" ("id") on update cascade on delete restrict;

      alter table "study_periods" add constraint "study_periods_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "study_periods" add constraint "study_periods_academic_year_id_foreign" foreign key ("academic_year_id") references "academic_years" ("id") on update cascade on delete cascade;
      alter table "study_periods" add constraint "study_periods_scheme_id_foreign" foreign key ("scheme_id") references "period_schemes" ("id") on update cascade on delete cascade;

      alter table "subjects" add constraint "subjects_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;

      alter table "subgroup_splits" add constraint "subgroup_splits_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "subgroup_splits" add constraint "subgroup_splits_class_id_foreign" foreign key ("class_id") references "classes" ("id") on update cascade on delete cascade;
      alter table "subgroup_splits" add constraint "subgroup_splits_subject_id_foreign" foreign key ("subject_id") references "subjects" ("id") on update cascade on delete restrict;

      alter table "subgroups" add constraint "subgroups_split_id_foreign" foreign key ("split_id") references "subgroup_splits" ("id") on update cascade on delete cascade;

      alter table "subgroup_members" add constraint "subgroup_members_split_id_foreign" foreign key ("split_id") references "subgroup_splits" ("id") on update cascade on delete cascade;
      alter table "subgroup_members" add constraint "subgroup_members_subgroup_id_foreign" foreign key ("subgroup_id") references "subgroups" ("id") on update cascade on delete cascade;
      alter table "subgroup_members" add constraint "subgroup_members_student_id_foreign" foreign key ("student_id") references "people" ("id") on update cascade on delete cascade;

      alter table "teaching_assignments" add constraint "teaching_assignments_school_id_foreign" foreign key ("school_id") references "schools" ("id") on update cascade on delete restrict;
      alter table "teaching_assignments" add constraint "teaching_assignments_class_id_foreign" foreign key ("class_id") references "classes" ("id") on update cascade on delete cascade;
      alter table "teaching_assignments" add constraint "teaching_assignments_subject_id_foreign" foreign key ("subject_id") references "subjects" ("id") on update cascade on delete restrict;
      alter table "teaching_assignments" add constraint "teaching_assignments_subgroup_id_foreign" foreign key ("subgroup_id") references "subgroups" ("id") on update cascade on delete cascade;
      alter table "teaching_assignments" add constraint "teaching_assignments_teacher_id_foreign" foreign key ("teacher_id") references "people" ("id") on update cascade on delete restrict;

      alter table "schools" add column "week_days" smallint not null default 5;
      alter table "schools" add constraint schools_week_days check(week_days >= 5 and week_days <= 6);
    `);
  }

  override down(): void {
    this.addSql(`
      drop table teaching_assignments, subgroup_members, subgroups, subgroup_splits, movements, enrollments, movement_orders, classes, personal_file_notes, personal_data_consents, health_records, identity_documents, guardianships, people, holidays, study_periods, period_schemes, academic_years, bells, rooms, absence_reasons, lesson_types, mark_types, subjects cascade;
      alter table schools drop constraint schools_week_days;
      alter table schools drop column week_days;
    `);
  }
}

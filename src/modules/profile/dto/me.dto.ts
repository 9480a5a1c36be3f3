import { ApiProperty } from '@nestjs/swagger';
import { ACCOUNT_STATUSES, type AccountStatus } from '../../../core/auth/entities/account.entity';
import { ROLES, type Role } from '../../../core/auth/roles';
import { PERSON_KINDS, type PersonKind } from '../../people/entities/person.entity';

/** A class as a menu names it. */
export class MyClassDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c01' })
  classId!: string;

  @ApiProperty({ example: '7Б' })
  name!: string;

  @ApiProperty({ minimum: 1, maximum: 11, example: 7 })
  grade!: number;
}

/** A person card the account links in this school. */
export class MyCardDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10' })
  personId!: string;

  @ApiProperty({ enum: PERSON_KINDS, example: 'staff' })
  kind!: PersonKind;

  @ApiProperty({ example: 'Иванова Мария Петровна' })
  fullName!: string;

  @ApiProperty({
    type: MyClassDto,
    nullable: true,
    description: 'A student card’s class today (in the school’s time zone); null otherwise.',
  })
  currentClass!: MyClassDto | null;
}

/** A child of one of the account's parent cards. */
export class MyChildDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b20' })
  personId!: string;

  @ApiProperty({ example: 'Иванов Пётр Сергеевич' })
  fullName!: string;

  @ApiProperty({
    type: MyClassDto,
    nullable: true,
    description: 'The class the child is enrolled in today; null when in none.',
  })
  currentClass!: MyClassDto | null;
}

/** A teaching assignment of the account's staff card: a class (or subgroup) and a subject. */
export class MyTeachingDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c30' })
  assignmentId!: string;

  @ApiProperty({ type: MyClassDto })
  schoolClass!: MyClassDto;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c40' })
  subjectId!: string;

  @ApiProperty({ example: 'Математика' })
  subjectName!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The subgroup taught; null for the whole class.',
    example: null,
  })
  subgroupId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  subgroupName!: string | null;
}

export class MySchoolDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b5a' })
  schoolId!: string;

  @ApiProperty({
    example: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»',
  })
  schoolName!: string;

  @ApiProperty({ example: 'МБОУ СОШ № 1' })
  schoolShortName!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-000000000001' })
  regionId!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['teacher'] })
  roles!: Role[];

  @ApiProperty({
    type: [MyCardDto],
    description: 'The person cards the account links in this school (staff, student, parent).',
  })
  cards!: MyCardDto[];

  @ApiProperty({
    type: [MyChildDto],
    description: 'The children of the account’s parent cards in this school, by name.',
  })
  children!: MyChildDto[];

  @ApiProperty({
    type: [MyClassDto],
    description:
      'The classes the account’s staff card leads as class teacher in the academic year running today.',
  })
  classesLed!: MyClassDto[];

  @ApiProperty({
    type: [MyTeachingDto],
    description:
      'What the account’s staff card teaches this academic year (its teaching assignments), by class and subject.',
  })
  teaching!: MyTeachingDto[];
}

export class MyRegionDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-000000000001' })
  regionId!: string;

  @ApiProperty({ example: 'Демонстрационный регион' })
  regionName!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['authority'] })
  roles!: Role[];
}

export class MeDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b00' })
  id!: string;

  @ApiProperty({ example: 'school1.teacher' })
  login!: string;

  @ApiProperty({ example: 'Иванова Мария Петровна' })
  displayName!: string;

  @ApiProperty({ type: String, nullable: true, example: 'ivanova@school1.example' })
  email!: string | null;

  @ApiProperty({ enum: ACCOUNT_STATUSES, example: 'active' })
  status!: AccountStatus;

  @ApiProperty({ example: false })
  isPlatformOperator!: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-22T08:00:00.000Z',
  })
  lastLoginAt!: string | null;

  @ApiProperty({
    type: [MySchoolDto],
    description:
      'Per school: the roles, the linked person cards, the children, the classes led and what is taught — what a front end needs to build its menu.',
  })
  schools!: MySchoolDto[];

  @ApiProperty({ type: [MyRegionDto], description: 'Region-wide roles (education authority).' })
  regions!: MyRegionDto[];
}

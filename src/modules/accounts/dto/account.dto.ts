import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ACCOUNT_STATUSES, type AccountStatus } from '../../../core/auth/entities/account.entity';
import { ROLES, SCHOOL_ROLES, type Role, type SchoolRole } from '../../../core/auth/roles';
import { PageQueryDto } from '../../../core/http/pagination';
import { OptionalNotNull } from '../../../core/http/validation';

/** Logins: 3–64 letters, digits, dots, dashes or underscores, starting with a letter or digit. */
export const LOGIN_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]{2,63}$/;

export class RoleGrantDto {
  @ApiProperty({ enum: ROLES, example: 'teacher' })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The school of a school role; absent for `authority`.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b5a',
  })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The region of an `authority` role; for school roles it is the school’s region.',
    example: '0193a1f2-7c1d-7b43-9c55-000000000001',
  })
  @IsOptional()
  @IsUUID()
  regionId?: string;
}

export class RoleGrantViewDto {
  @ApiProperty({ enum: ROLES, example: 'teacher' })
  role!: Role;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b5a',
  })
  schoolId!: string | null;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-000000000001' })
  regionId!: string;
}

export class AccountDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b00' })
  id!: string;

  @ApiProperty({ example: 'school1.teacher' })
  login!: string;

  @ApiProperty({ example: 'Иванова Мария Петровна' })
  displayName!: string;

  @ApiProperty({ type: String, nullable: true, example: 'ivanova@school1.example' })
  email!: string | null;

  @ApiProperty({
    enum: ACCOUNT_STATUSES,
    description: '`pending` until the holder sets a password with an activation code.',
    example: 'active',
  })
  status!: AccountStatus;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-22T08:00:00.000Z',
  })
  lastLoginAt!: string | null;

  @ApiProperty({
    type: [RoleGrantViewDto],
    description: 'The account’s roles in the schools (or regions) visible to the caller.',
  })
  roles!: RoleGrantViewDto[];

  @ApiProperty({ format: 'date-time', example: '2026-09-01T00:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-09-01T00:00:00.000Z' })
  updatedAt!: string;
}

export class CreateAccountDto {
  @ApiProperty({
    description:
      '3–64 letters, digits, dots, dashes or underscores; case-insensitive, stored lower-case.',
    example: 'ivanova.mp',
  })
  @Matches(LOGIN_PATTERN, {
    message: 'login must be 3–64 letters, digits, dots, dashes or underscores',
  })
  login!: string;

  @ApiProperty({ example: 'Иванова Мария Петровна', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  displayName!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'ivanova@school1.example' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string | null;

  @ApiProperty({ type: [RoleGrantDto], description: 'At least one role.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RoleGrantDto)
  roles!: RoleGrantDto[];
}

export class UpdateAccountDto {
  @ApiPropertyOptional({ example: 'Иванова Мария Петровна', maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'ivanova@school1.example' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsEmail()
  @MaxLength(320)
  email?: string | null;
}

export class SetSchoolRolesDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b5a' })
  @IsUUID()
  schoolId!: string;

  @ApiProperty({ enum: SCHOOL_ROLES, isArray: true, example: ['teacher', 'deputy'] })
  @IsArray()
  @ArrayMaxSize(SCHOOL_ROLES.length)
  @IsIn(SCHOOL_ROLES, { each: true })
  roles!: SchoolRole[];
}

export class DisableAccountDto {
  @ApiPropertyOptional({
    description: 'Why; kept in the audit trail.',
    example: 'Уволен, приказ № 45-к от 20.11.2026',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class ActivationCodeDto {
  @ApiProperty({
    description: 'Give it to the account holder; it is shown once.',
    example: 'K7QM-2XRP-9DTA',
  })
  code!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-25T10:00:00.000Z' })
  expiresAt!: string;
}

export class ListAccountsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only accounts with a role in this school.' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ enum: ROLES, description: 'Only accounts with this role.' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ enum: ACCOUNT_STATUSES })
  @IsOptional()
  @IsIn(ACCOUNT_STATUSES)
  status?: AccountStatus;

  @ApiPropertyOptional({
    description: 'Part of the login or name, case-insensitive.',
    example: 'иванова',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

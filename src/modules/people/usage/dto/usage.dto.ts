import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  ACCOUNT_STATUSES,
  type AccountStatus,
} from '../../../../core/auth/entities/account.entity';
import { SCHOOL_ROLES, type SchoolRole } from '../../../../core/auth/roles';
import { PageQueryDto } from '../../../../core/http/pagination';

export class SchoolUsageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SCHOOL_ROLES, description: 'Only accounts with this role here.' })
  @IsOptional()
  @IsIn(SCHOOL_ROLES)
  role?: SchoolRole;

  @ApiPropertyOptional({
    description:
      'Only accounts not seen (no login and no session refresh) for at least this many days, or never.',
    minimum: 1,
    maximum: 3650,
    example: 30,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  inactiveDays?: number;
}

export class AccountUsageDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b00' })
  accountId!: string;

  @ApiProperty({ example: 'ivanova.m' })
  login!: string;

  @ApiProperty({ example: 'Иванова Мария Петровна' })
  displayName!: string;

  @ApiProperty({
    enum: SCHOOL_ROLES,
    isArray: true,
    description: 'The account’s roles in this school.',
    example: ['parent'],
  })
  roles!: SchoolRole[];

  @ApiProperty({ enum: ACCOUNT_STATUSES, example: 'active' })
  status!: AccountStatus;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Null if the account never logged in.',
    example: '2026-11-20T07:45:00.000Z',
  })
  lastLoginAt!: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Whole days since the last login; null if never.',
    example: 2,
  })
  daysSinceLastLogin!: number | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'The last login or session refresh (refreshes count at most every 15 minutes): what "inactive" is measured from. Null if the account never logged in.',
    example: '2026-11-24T16:10:00.000Z',
  })
  lastSeenAt!: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Whole days since the account was last seen; null if never.',
    example: 0,
  })
  daysSinceLastSeen!: number | null;
}

export class InactiveParentsQueryDto {
  @ApiProperty({
    description:
      'Parents not seen (no login and no session refresh) for at least this many days (1–365).',
    minimum: 1,
    maximum: 365,
    example: 14,
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  days!: number;
}

export class ChildRefDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b11' })
  id!: string;

  @ApiProperty({ example: 'Иванов Пётр Сергеевич' })
  fullName!: string;
}

export const INACTIVITY_REASONS = ['no-account', 'never-logged-in', 'inactive'] as const;
export type InactivityReason = (typeof INACTIVITY_REASONS)[number];

export class InactiveParentDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b12' })
  parentId!: string;

  @ApiProperty({ example: 'Иванова Мария Петровна' })
  fullName!: string;

  @ApiProperty({ type: [ChildRefDto], description: 'Their children in this class.' })
  children!: ChildRefDto[];

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b00',
  })
  accountId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'ivanova.m' })
  login!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-10-01T18:30:00.000Z',
  })
  lastLoginAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The last login or session refresh; null if never.',
    example: '2026-10-01T18:30:00.000Z',
  })
  lastSeenAt!: string | null;

  @ApiProperty({
    enum: INACTIVITY_REASONS,
    description:
      '`no-account`: credentials not issued yet; `never-logged-in`: issued but never used; `inactive`: last login at least `days` ago.',
    example: 'inactive',
  })
  reason!: InactivityReason;
}

export class InactiveParentListDto {
  @ApiProperty({ type: [InactiveParentDto], description: 'In name order.' })
  items!: InactiveParentDto[];
}

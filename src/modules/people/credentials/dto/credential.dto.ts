import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  Matches,
} from 'class-validator';
import { STAFF_ROLES, type SchoolRole } from '../../../../core/auth/roles';
import { LOGIN_PATTERN } from '../../../accounts/dto/account.dto';

export class IssueCredentialsDto {
  @ApiPropertyOptional({
    description:
      'For a person without an account: the login to create (3–64 letters, digits, dots, dashes or underscores). Generated from the name when absent, e.g. «Иванова Мария» → `ivanova.m`, `ivanova.m2`, …',
    example: 'ivanova.m',
  })
  @IsOptional()
  @Matches(LOGIN_PATTERN, {
    message: 'login must be 3–64 letters, digits, dots, dashes or underscores',
  })
  login?: string;

  @ApiPropertyOptional({
    enum: STAFF_ROLES,
    isArray: true,
    description:
      'Staff only, and required for a member of staff without an account: the roles of the new account in the person’s school.',
    example: ['teacher'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(STAFF_ROLES.length)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true })
  roles?: SchoolRole[];

  @ApiPropertyOptional({
    description:
      'For a person without an account: link the existing account with this login instead of creating a new one (one login per person, e.g. a teacher of another school who is a parent here). The same rules as `PUT /v1/people/{id}/account`; leave out `login` and `roles`. The answer has `accountCreated: false`, and an activation code only if the account never set a password and holds no roles beyond this card’s kind in this school — otherwise its holder keeps signing in with their own password and `activationCode` is null.',
    example: 'petrova.a',
  })
  @IsOptional()
  @Matches(LOGIN_PATTERN, {
    message: 'existingLogin must be 3–64 letters, digits, dots, dashes or underscores',
  })
  existingLogin?: string;
}

export class IssuedCredentialsDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10' })
  personId!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b00' })
  accountId!: string;

  @ApiProperty({ example: 'ivanova.m' })
  login!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'One-time code to set the password at `POST /v1/auth/activate`. Shown only in this answer; the previous code stops working. Null only when `existingLogin` linked an account that has a password or holds other roles: its holder signs in with their own password.',
    example: 'K7QM-2XRP-9DTA',
  })
  activationCode!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the code expires; null when no code was issued.',
    example: '2026-11-25T10:00:00.000Z',
  })
  expiresAt!: string | null;

  @ApiProperty({
    description:
      'Whether an account was created now. False when the card already had an account (a code was re-issued) or `existingLogin` reused one: no second account is ever created for a card.',
    example: true,
  })
  accountCreated!: boolean;
}

export const SLIP_AUDIENCES = ['students', 'parents'] as const;
export type SlipAudience = (typeof SLIP_AUDIENCES)[number];

export class CredentialSlipsDto {
  @ApiPropertyOptional({
    enum: SLIP_AUDIENCES,
    isArray: true,
    default: [...SLIP_AUDIENCES],
    description: 'Whose slips to print: the class’s current students, their parents, or both.',
    example: ['students', 'parents'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SLIP_AUDIENCES, { each: true })
  include?: SlipAudience[];

  @ApiPropertyOptional({
    default: false,
    description:
      'Only people who have no account yet. By default everyone gets a new code, which voids their previous one.',
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  onlyWithoutAccount?: boolean;
}

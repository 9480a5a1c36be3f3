import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { LOGIN_PATTERN } from '../../accounts/dto/account.dto';
import { PERSON_KINDS, type PersonKind } from '../entities/person.entity';

/** Which account to link to a person card: the login its holder signs in with. */
export class LinkAccountDto {
  @ApiProperty({
    description:
      'The login of the existing account (case-insensitive), as its holder knows it. Linking is by login because that is what a person can tell their class teacher or secretary; account ids are not visible to them.',
    example: 'ivanova.m',
  })
  @Matches(LOGIN_PATTERN, {
    message: 'login must be 3–64 letters, digits, dots, dashes or underscores',
  })
  login!: string;
}

/** A person card and the account it now links. */
export class PersonAccountDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10' })
  personId!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b5a' })
  schoolId!: string;

  @ApiProperty({ enum: PERSON_KINDS, example: 'parent' })
  kind!: PersonKind;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b00' })
  accountId!: string;

  @ApiProperty({ example: 'ivanova.m' })
  login!: string;

  @ApiProperty({
    type: String,
    enum: ['student', 'parent'],
    nullable: true,
    description:
      'The school role this card gives the account in the card’s school: `student` or `parent`; null for a staff card (staff roles are granted through `PUT /v1/accounts/{id}/roles`).',
    example: 'parent',
  })
  schoolRole!: 'student' | 'parent' | null;

  @ApiProperty({
    description:
      'Whether the account got `schoolRole` in this school now (false: it already held it, or a staff card).',
    example: true,
  })
  roleAdded!: boolean;
}

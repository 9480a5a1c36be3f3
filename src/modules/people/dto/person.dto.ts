import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { PageQueryDto } from '../../../core/http/pagination';
import { OptionalNotNull } from '../../../core/http/validation';
import {
  PERSON_KINDS,
  SEXES,
  type Person,
  type PersonKind,
  type Sex,
} from '../entities/person.entity';
import { fullName } from '../person-name';
import { IsDateOnly } from '../../../core/http/dates';

const PHONE = /^\+?[0-9 ()-]{5,20}$/;

export class PersonDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b5a' })
  schoolId!: string;

  @ApiProperty({ enum: PERSON_KINDS, example: 'student' })
  kind!: PersonKind;

  @ApiProperty({ example: 'Фёдорова' })
  lastName!: string;

  @ApiProperty({ example: 'Анна' })
  firstName!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Сергеевна' })
  middleName!: string | null;

  @ApiProperty({ example: 'Фёдорова Анна Сергеевна' })
  fullName!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2013-04-17' })
  birthDate!: string | null;

  @ApiProperty({ enum: SEXES, nullable: true, example: 'female' })
  sex!: Sex | null;

  @ApiProperty({ type: String, nullable: true, example: '+79161234567' })
  phone!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'fedorova@example.ru' })
  email!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'г. Москва, ул. Лесная, д. 5, кв. 12' })
  address!: string | null;

  @ApiProperty({ type: [String], example: [], description: 'Staff only: positions held.' })
  positions!: string[];

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: null,
    description: 'The login of this person, once credentials were issued.',
  })
  accountId!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-09-01T08:00:00.000Z' })
  updatedAt!: string;

  static from(person: Person): PersonDto {
    return {
      id: person.id,
      schoolId: person.schoolId,
      kind: person.kind,
      lastName: person.lastName,
      firstName: person.firstName,
      middleName: person.middleName,
      fullName: fullName(person),
      birthDate: person.birthDate,
      sex: person.sex,
      phone: person.phone,
      email: person.email,
      address: person.address,
      positions: person.positions,
      accountId: person.accountId,
      updatedAt: person.updatedAt.toISOString(),
    };
  }
}

/** The optional fields of a card, shared by create and update. */
export class PersonDetailsDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Сергеевна', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  middleName?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2013-04-17' })
  @IsOptional()
  @IsDateOnly()
  birthDate?: string | null;

  @ApiPropertyOptional({ enum: SEXES, nullable: true, example: 'female' })
  @IsOptional()
  @IsIn(SEXES)
  sex?: Sex | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+79161234567' })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be digits with an optional +, spaces, dashes or ()' })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'fedorova@example.ru' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'г. Москва, ул. Лесная, д. 5' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  address?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['Учитель математики'] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  positions?: string[];
}

export class CreatePersonDto extends PersonDetailsDto {
  @ApiProperty({ enum: PERSON_KINDS, example: 'student' })
  @IsIn(PERSON_KINDS)
  kind!: PersonKind;

  @ApiProperty({ example: 'Фёдорова', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  lastName!: string;

  @ApiProperty({ example: 'Анна', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  firstName!: string;
}

export class UpdatePersonDto extends PersonDetailsDto {
  @ApiPropertyOptional({ example: 'Фёдорова', maxLength: 100 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 100)
  lastName?: string;

  @ApiPropertyOptional({ example: 'Анна', maxLength: 100 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 100)
  firstName?: string;
}

export class ListPeopleQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PERSON_KINDS, example: 'student' })
  @IsOptional()
  @IsIn(PERSON_KINDS)
  kind?: PersonKind;

  @ApiPropertyOptional({
    description: 'Part of the full name; case-insensitive, «ё» and «е» match each other.',
    example: 'федоров',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  DOCUMENT_KINDS,
  type DocumentKind,
  type IdentityDocument,
} from '../entities/identity-document.entity';
import { PE_GROUPS, type HealthRecord, type PeGroup } from '../entities/health-record.entity';
import type { PersonalDataConsent } from '../entities/personal-data-consent.entity';
import type { PersonalFileNote } from '../entities/personal-file-note.entity';
import { IsDateOnly } from '../../../core/http/dates';

const ID = '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b20';

export class IdentityDocumentDto {
  @ApiProperty({ format: 'uuid', example: ID })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10' })
  personId!: string;

  @ApiProperty({ enum: DOCUMENT_KINDS, example: 'birth_certificate' })
  kind!: DocumentKind;

  @ApiProperty({ type: String, nullable: true, example: 'IV-МЮ' })
  series!: string | null;

  @ApiProperty({ example: '123456' })
  number!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Отдел ЗАГС Тверского района' })
  issuedBy!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2013-05-02' })
  issuedOn!: string | null;

  static from(document: IdentityDocument): IdentityDocumentDto {
    return {
      id: document.id,
      personId: document.person.id,
      kind: document.kind,
      series: document.series,
      number: document.number,
      issuedBy: document.issuedBy,
      issuedOn: document.issuedOn,
    };
  }
}

export class CreateIdentityDocumentDto {
  @ApiProperty({ enum: DOCUMENT_KINDS, example: 'snils' })
  @IsIn(DOCUMENT_KINDS)
  kind!: DocumentKind;

  @ApiPropertyOptional({ example: 'IV-МЮ', maxLength: 20 })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  series?: string;

  @ApiProperty({
    example: '112-233-445 95',
    description: 'For `snils`: 11 digits (dashes and spaces allowed) with a valid check sum.',
  })
  @IsString()
  @Length(1, 40)
  number!: string;

  @ApiPropertyOptional({ example: 'Отдел ЗАГС Тверского района', maxLength: 300 })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  issuedBy?: string;

  @ApiPropertyOptional({ format: 'date', example: '2013-05-02' })
  @IsOptional()
  @IsDateOnly()
  issuedOn?: string;
}

export class HealthRecordDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10' })
  personId!: string;

  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 5, example: 2 })
  healthGroup!: number | null;

  @ApiProperty({ enum: PE_GROUPS, nullable: true, example: 'preparatory' })
  peGroup!: PeGroup | null;

  @ApiProperty({ type: String, nullable: true, example: 'Бронхиальная астма' })
  conditions!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Без бега на длинные дистанции' })
  loadLimits!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Ингалятор у классного руководителя' })
  notes!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  updatedAt!: string | null;

  static from(personId: string, record: HealthRecord | null): HealthRecordDto {
    return {
      personId,
      healthGroup: record?.healthGroup ?? null,
      peGroup: record?.peGroup ?? null,
      conditions: record?.conditions ?? null,
      loadLimits: record?.loadLimits ?? null,
      notes: record?.notes ?? null,
      updatedAt: record?.updatedAt.toISOString() ?? null,
    };
  }
}

/** The whole health record; every field is required, `null` clears it. */
export class PutHealthRecordDto {
  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 5, example: 2 })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(5)
  healthGroup!: number | null;

  @ApiProperty({ enum: PE_GROUPS, nullable: true, example: 'preparatory' })
  @ValidateIf((_, value) => value !== null)
  @IsIn(PE_GROUPS)
  peGroup!: PeGroup | null;

  @ApiProperty({ type: String, nullable: true, example: 'Бронхиальная астма', maxLength: 2000 })
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(1, 2000)
  conditions!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Без бега', maxLength: 2000 })
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(1, 2000)
  loadLimits!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, maxLength: 2000 })
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(1, 2000)
  notes!: string | null;
}

export class ConsentDto {
  @ApiProperty({ format: 'uuid', example: ID })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10' })
  personId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null })
  givenById!: string | null;

  @ApiProperty({ example: 'Обработка персональных данных в электронном журнале' })
  purpose!: string;

  @ApiProperty({ format: 'date', example: '2026-09-01' })
  givenOn!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: null })
  withdrawnOn!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Личное дело, лист 3' })
  documentRef!: string | null;

  static from(consent: PersonalDataConsent): ConsentDto {
    return {
      id: consent.id,
      personId: consent.person.id,
      givenById: consent.givenBy?.id ?? null,
      purpose: consent.purpose,
      givenOn: consent.givenOn,
      withdrawnOn: consent.withdrawnOn,
      documentRef: consent.documentRef,
    };
  }
}

export class CreateConsentDto {
  @ApiProperty({ example: 'Обработка персональных данных в электронном журнале', maxLength: 500 })
  @IsString()
  @Length(3, 500)
  purpose!: string;

  @ApiProperty({ format: 'date', example: '2026-09-01' })
  @IsDateOnly()
  givenOn!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Who signed: the person themself (omit) or one of their parents.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b11',
  })
  @IsOptional()
  @IsUUID()
  givenById?: string;

  @ApiPropertyOptional({ example: 'Личное дело, лист 3', maxLength: 300 })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  documentRef?: string;
}

export class WithdrawConsentDto {
  @ApiProperty({ format: 'date', example: '2027-01-15' })
  @IsDateOnly()
  withdrawnOn!: string;
}

export class FileNoteDto {
  @ApiProperty({ format: 'uuid', example: ID })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10' })
  personId!: string;

  @ApiProperty({ example: 'Прибыла из МБОУ СОШ № 5, личное дело получено.' })
  body!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b00' })
  authorId!: string;

  @ApiProperty({ format: 'date-time', example: '2026-09-02T09:00:00.000Z' })
  createdAt!: string;

  static from(note: PersonalFileNote): FileNoteDto {
    return {
      id: note.id,
      personId: note.person.id,
      body: note.body,
      authorId: note.authorId,
      createdAt: note.createdAt.toISOString(),
    };
  }
}

export class CreateFileNoteDto {
  @ApiProperty({ example: 'Прибыла из МБОУ СОШ № 5, личное дело получено.', maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  body!: string;
}

/** SNILS: 11 digits, the last two a check sum of the first nine (ПФР rules). */
export function isValidSnils(raw: string): boolean {
  const digits = raw.replace(/[\s-]/g, '');
  if (!/^\d{11}$/.test(digits)) return false;
  const sum = [...digits.slice(0, 9)].reduce((acc, d, i) => acc + Number(d) * (9 - i), 0);
  const check =
    sum < 100 ? sum : sum === 100 || sum === 101 ? 0 : sum % 101 === 100 ? 0 : sum % 101;
  return check === Number(digits.slice(9));
}

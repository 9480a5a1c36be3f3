import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, Length, Matches } from 'class-validator';
import { OptionalNotNull } from '../../../core/http/validation';
import type { AbsenceReason } from '../entities/absence-reason.entity';
import { ArchiveFieldDto, ReferenceItemDto } from './reference-item.dto';

/** What the journal cell shows: 1–3 upper-case Cyrillic or Latin letters. */
const CODE_PATTERN = /^[A-ZА-ЯЁ]{1,3}$/;
const CODE_MESSAGE = 'code must be 1–3 upper-case Cyrillic or Latin letters, e.g. Н';
const CODE = {
  example: 'Н',
  pattern: '^[A-ZА-ЯЁ]{1,3}$',
  description: 'The letter(s) written in the journal; unique in the school.',
};

export class AbsenceReasonDto extends ReferenceItemDto {
  @ApiProperty({ example: 'Неуважительная причина' })
  name!: string;

  @ApiProperty(CODE)
  code!: string;

  @ApiProperty({ description: 'Counts as excused in attendance reports.', example: false })
  excused!: boolean;

  static from(item: AbsenceReason): AbsenceReasonDto {
    return { ...ReferenceItemDto.base(item), code: item.code, excused: item.excused };
  }
}

export class CreateAbsenceReasonDto {
  @ApiProperty(CODE)
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code!: string;

  @ApiProperty({ example: 'Санаторно-курортное лечение', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  excused!: boolean;
}

export class UpdateAbsenceReasonDto extends ArchiveFieldDto {
  @ApiPropertyOptional(CODE)
  @OptionalNotNull()
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code?: string;

  @ApiPropertyOptional({ example: 'Болезнь', maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: true })
  @OptionalNotNull()
  @IsBoolean()
  excused?: boolean;
}

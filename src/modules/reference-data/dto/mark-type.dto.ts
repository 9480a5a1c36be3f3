import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsPositive, IsString, Length, Max, Min } from 'class-validator';
import { IsDecimalNumber, OptionalNotNull } from '../../../core/http/validation';
import type { MarkType } from '../entities/mark-type.entity';
import { ArchiveFieldDto, ReferenceItemDto } from './reference-item.dto';

const WEIGHT = {
  description: 'Weight in the weighted average of current marks: above 0, at most 10, 2 decimals.',
  minimum: 0,
  exclusiveMinimum: true,
  maximum: 10,
  example: 2,
};

const CHECK_WITHIN_DAYS = {
  type: Number,
  nullable: true,
  minimum: 1,
  maximum: 30,
  description:
    'Work that takes long to check (dictation, test, control work) is marked within this many days of the lesson; a later mark is flagged as late (J3). null: no term.',
  example: 3,
};

export class MarkTypeDto extends ReferenceItemDto {
  @ApiProperty({ example: 'Контрольная работа' })
  name!: string;

  @ApiProperty({ example: 'К/р' })
  shortName!: string;

  @ApiProperty(WEIGHT)
  weight!: number;

  @ApiProperty(CHECK_WITHIN_DAYS)
  checkWithinDays!: number | null;

  static from(item: MarkType): MarkTypeDto {
    return {
      ...ReferenceItemDto.base(item),
      shortName: item.shortName,
      weight: Number(item.weight),
      checkWithinDays: item.checkWithinDays,
    };
  }
}

export class CreateMarkTypeDto {
  @ApiProperty({ example: 'Контрольная работа', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'К/р', maxLength: 50 })
  @IsString()
  @Length(1, 50)
  shortName!: string;

  @ApiProperty(WEIGHT)
  @IsDecimalNumber(2)
  @IsPositive()
  @Max(10)
  weight!: number;

  @ApiPropertyOptional({ ...CHECK_WITHIN_DAYS, default: null })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  checkWithinDays?: number | null;
}

export class UpdateMarkTypeDto extends ArchiveFieldDto {
  @ApiPropertyOptional({ example: 'Контрольная работа', maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: 'К/р', maxLength: 50 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 50)
  shortName?: string;

  @ApiPropertyOptional({ ...WEIGHT, example: 2.5 })
  @OptionalNotNull()
  @IsDecimalNumber(2)
  @IsPositive()
  @Max(10)
  weight?: number;

  @ApiPropertyOptional({
    ...CHECK_WITHIN_DAYS,
    description: `${CHECK_WITHIN_DAYS.description} Null clears the term.`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  checkWithinDays?: number | null;
}

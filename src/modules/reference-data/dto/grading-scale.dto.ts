import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsDecimalNumber, OptionalNotNull } from '../../../core/http/validation';
import type { GradingScale, GradingScaleValue } from '../entities/grading-scale.entity';
import { ArchiveFieldDto, ReferenceItemDto } from './reference-item.dto';

export const MIN_SCALE_VALUES = 2;
export const MAX_SCALE_VALUES = 20;
export const MAX_SCALE_VALUE_LENGTH = 20;

const FIVE_POINT_EXAMPLE: GradingScaleValue[] = [
  { value: '5', score: 5 },
  { value: '4', score: 4 },
  { value: '3', score: 3 },
  { value: '2', score: 2 },
  { value: '1', score: 1 },
];

export class GradingScaleValueDto {
  @ApiProperty({
    example: '5',
    minLength: 1,
    maxLength: MAX_SCALE_VALUE_LENGTH,
    description:
      'As written in the journal («5», «зач»). Distinct within the scale (case-insensitive); «н/а» and «осв» are reserved for period marks.',
  })
  @IsString()
  @Length(1, MAX_SCALE_VALUE_LENGTH)
  @Matches(/^\S(?:.*\S)?$/u, { message: 'value must not start or end with a space' })
  value!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 100,
    example: 5,
    description:
      'What the value counts for in averages, 0–100 with at most 2 decimals; null: it does not count (pass/fail).',
  })
  @ValidateIf((_object, value) => value !== null)
  @IsDecimalNumber(2)
  @Min(0)
  @Max(100)
  score!: number | null;
}

const VALUES = {
  type: GradingScaleValueDto,
  isArray: true,
  minItems: MIN_SCALE_VALUES,
  maxItems: MAX_SCALE_VALUES,
  example: FIVE_POINT_EXAMPLE,
  description: `${MIN_SCALE_VALUES}–${MAX_SCALE_VALUES} values, best first. Marks already given keep the value and score they were given with.`,
};

const IS_DEFAULT = {
  description:
    'The scale of every subject that names none; exactly one per school. Making a scale the default takes it from the previous one; the default cannot be archived or un-defaulted (make another scale the default instead).',
};

export class GradingScaleDto extends ReferenceItemDto {
  @ApiProperty({ example: 'Пятибалльная' })
  name!: string;

  @ApiProperty(VALUES)
  values!: GradingScaleValue[];

  @ApiProperty({ ...IS_DEFAULT, example: true })
  isDefault!: boolean;

  static from(item: GradingScale): GradingScaleDto {
    return {
      ...ReferenceItemDto.base(item),
      values: item.values.map(({ value, score }) => ({
        value,
        score: score === null ? null : Number(score),
      })),
      isDefault: item.isDefault,
    };
  }
}

export class CreateGradingScaleDto {
  @ApiProperty({ example: 'Десятибалльная', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty(VALUES)
  @IsArray()
  @ArrayMinSize(MIN_SCALE_VALUES)
  @ArrayMaxSize(MAX_SCALE_VALUES)
  @ValidateNested({ each: true })
  @Type(() => GradingScaleValueDto)
  values!: GradingScaleValueDto[];

  @ApiPropertyOptional({ ...IS_DEFAULT, default: false, example: false })
  @OptionalNotNull()
  @IsBoolean()
  isDefault?: boolean;
}

export class UpdateGradingScaleDto extends ArchiveFieldDto {
  @ApiPropertyOptional({ example: 'Десятибалльная', maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional(VALUES)
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(MIN_SCALE_VALUES)
  @ArrayMaxSize(MAX_SCALE_VALUES)
  @ValidateNested({ each: true })
  @Type(() => GradingScaleValueDto)
  values?: GradingScaleValueDto[];

  @ApiPropertyOptional({ ...IS_DEFAULT, example: true })
  @OptionalNotNull()
  @IsBoolean()
  isDefault?: boolean;
}

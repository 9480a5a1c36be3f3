import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ClassSubjectDto } from '../../reference-data/dto/subject.dto';
import type { CurriculumLine } from '../entities/curriculum-line.entity';
import { IsHalfHourStep } from './half-hours';

export class CurriculumLineDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c5a01' })
  id!: string;

  @ApiProperty({ minimum: 1, maximum: 11, example: 7 })
  grade!: number;

  @ApiProperty({ type: ClassSubjectDto })
  subject!: ClassSubjectDto;

  @ApiProperty({
    description: 'Academic hours a week; halves allowed (0.5: every other week).',
    minimum: 0.5,
    maximum: 20,
    multipleOf: 0.5,
    example: 5,
  })
  hoursPerWeek!: number;

  /** Needs the subject loaded. */
  static from(line: CurriculumLine): CurriculumLineDto {
    return {
      id: line.id,
      grade: line.grade,
      subject: { id: line.subject.id, name: line.subject.name },
      hoursPerWeek: line.hoursPerWeek,
    };
  }
}

export class CurriculumDto {
  @ApiProperty({
    type: [CurriculumLineDto],
    description: 'Ordered by grade, then subject name.',
  })
  items!: CurriculumLineDto[];
}

export class CurriculumQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 11, example: 7, description: 'Only this grade.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(11)
  grade?: number;
}

export class CurriculumLineInputDto {
  @ApiProperty({
    format: 'uuid',
    description: 'A current (not archived) subject of the school; each subject once.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4d01',
  })
  @IsUUID()
  subjectId!: string;

  @ApiProperty({
    description: 'Academic hours a week, more than 0 and at most 20, in steps of 0.5.',
    minimum: 0.5,
    maximum: 20,
    multipleOf: 0.5,
    example: 5,
  })
  @IsNumber()
  @IsPositive()
  @Max(20)
  @IsHalfHourStep()
  hoursPerWeek!: number;
}

export class ReplaceCurriculumDto {
  @ApiProperty({
    type: [CurriculumLineInputDto],
    description:
      'Every line of the grade: subjects left out are removed from the grade’s curriculum; an empty list clears it.',
  })
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => CurriculumLineInputDto)
  lines!: CurriculumLineInputDto[];
}

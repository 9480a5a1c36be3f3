import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsDateOnly } from '../../../../core/http/dates';
import { ClassPersonDto } from '../../../classes/dto/class.dto';
import { TeachingSubgroupDto } from '../../../classes/dto/teaching-assignment.dto';
import { ClassSubjectDto } from '../../../reference-data/dto/subject.dto';

export class ProgramFulfilmentQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Only this class (of any academic year). Omitted: every class of the academic year that contains `on` (or, between years, of the last year begun before it).',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c01',
  })
  @IsOptional()
  @IsUUID()
  classId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only this subject.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4d01',
  })
  @IsOptional()
  @IsUUID()
  subjectId?: string;

  @ApiPropertyOptional({
    format: 'date',
    description:
      'The day the hours are counted up to (inclusive); by default today in the school’s time zone.',
    example: '2026-12-25',
  })
  @IsOptional()
  @IsDateOnly()
  on?: string;
}

/** Planned against delivered hours of one subject in one class or subgroup (O5). */
export class ProgramFulfilmentRowDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c01' })
  classId!: string;

  @ApiProperty({ example: '7Б' })
  className!: string;

  @ApiProperty({ type: ClassSubjectDto })
  subject!: ClassSubjectDto;

  @ApiProperty({
    type: TeachingSubgroupDto,
    nullable: true,
    description: 'Null: the whole class.',
  })
  subgroup!: TeachingSubgroupDto | null;

  @ApiProperty({
    type: ClassPersonDto,
    nullable: true,
    description:
      'The plan’s teacher; without a plan, the teacher of the teaching assignment; null when there is neither.',
  })
  teacher!: ClassPersonDto | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The sum of the plan’s topic hours; null when there is no plan.',
    example: 68,
  })
  plannedHours!: number | null;

  @ApiProperty({
    description: 'Lessons of the academic year that are not cancelled, past and future.',
    example: 66,
  })
  scheduledHours!: number;

  @ApiProperty({
    description: 'Lessons dated on or before `on` that are not cancelled.',
    example: 30,
  })
  deliveredHours!: number;

  @ApiProperty({ description: 'Cancelled lessons dated on or before `on`.', example: 2 })
  cancelledHours!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: '`plannedHours − deliveredHours`; null without a plan.',
    example: 38,
  })
  remainingHours!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      '`max(0, plannedHours − scheduledHours)`: hours of the plan the lessons of the year leave no room for; null without a plan.',
    example: 2,
  })
  shortfallHours!: number | null;
}

export class ProgramFulfilmentDto {
  @ApiProperty({
    format: 'date',
    description: 'The day the hours are counted up to.',
    example: '2026-12-25',
  })
  on!: string;

  @ApiProperty({
    type: [ProgramFulfilmentRowDto],
    description:
      'One row per class × subject × subgroup with a plan or lessons, ordered by class, then subject and subgroup. Only the rows whose plan the caller may read.',
  })
  items!: ProgramFulfilmentRowDto[];
}

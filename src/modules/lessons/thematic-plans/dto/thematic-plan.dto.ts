import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ClassPersonDto } from '../../../classes/dto/class.dto';
import { TeachingSubgroupDto } from '../../../classes/dto/teaching-assignment.dto';
import { ClassSubjectDto } from '../../../reference-data/dto/subject.dto';
import type { ThematicPlan, ThematicPlanTopic } from '../../entities/thematic-plan.entity';
import { trimmed } from '../../../../core/http/validation';

/** Limits of a plan, shared by the JSON body and the CSV import. */
export const MAX_TOPICS = 300;
export const MAX_TITLE_LENGTH = 500;
export const MAX_TOPIC_HOURS = 200;

export class PlanTopicInputDto {
  @ApiProperty({
    description: 'Trimmed; 1–500 characters.',
    maxLength: MAX_TITLE_LENGTH,
    example: 'Строение клетки',
  })
  @Transform(trimmed)
  @IsString()
  @Length(1, MAX_TITLE_LENGTH)
  title!: string;

  @ApiProperty({
    description: 'Lessons planned for the topic.',
    minimum: 1,
    maximum: MAX_TOPIC_HOURS,
    example: 2,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_TOPIC_HOURS)
  hours!: number;
}

export class SaveThematicPlanDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The teacher whose plan it is: a member of staff holding a teaching assignment for the class, subject and subgroup. Omitted: the plan’s current teacher when it is replaced, otherwise the caller’s own staff card.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10',
  })
  @IsOptional()
  @IsUUID()
  teacherId?: string;

  @ApiProperty({
    type: PlanTopicInputDto,
    isArray: true,
    description:
      'The topics in order (1–300). A topic keeps its id where its position survives, so lessons linked to it stay linked; topics beyond the new length are removed and their lessons unlinked.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TOPICS)
  @ValidateNested({ each: true })
  @Type(() => PlanTopicInputDto)
  topics!: PlanTopicInputDto[];
}

export class ThematicPlanTargetQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'A subgroup of the class’s split for the subject: the plan of that subgroup. Omitted: the plan of the whole class.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e01',
  })
  @IsOptional()
  @IsUUID()
  subgroupId?: string;
}

export class ImportThematicPlanQueryDto extends ThematicPlanTargetQueryDto {
  @ApiProperty({
    description:
      'true: only read and check the file, writing nothing; false: replace the plan. Required, so that nothing is replaced by accident.',
    example: true,
  })
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  dryRun!: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'As `teacherId` of the JSON body.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10',
  })
  @IsOptional()
  @IsUUID()
  teacherId?: string;
}

export class PlanTopicDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4ea1' })
  id!: string;

  @ApiProperty({ description: '1-based order in the plan.', minimum: 1, example: 3 })
  position!: number;

  @ApiProperty({ example: 'Строение клетки' })
  title!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_TOPIC_HOURS, example: 2 })
  hours!: number;

  @ApiProperty({
    description:
      'Lessons linked to the topic (`planTopicId`) that are not cancelled, whatever their date.',
    minimum: 0,
    example: 1,
  })
  deliveredHours!: number;

  static from(topic: ThematicPlanTopic, deliveredHours: number): PlanTopicDto {
    return {
      id: topic.id,
      position: topic.position,
      title: topic.title,
      hours: topic.hours,
      deliveredHours,
    };
  }
}

/** A plan without its topics, as the class's list shows it. */
export class ThematicPlanSummaryDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e61' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c01' })
  classId!: string;

  @ApiProperty({ type: ClassSubjectDto })
  subject!: ClassSubjectDto;

  @ApiProperty({
    type: TeachingSubgroupDto,
    nullable: true,
    description: 'Null: the plan of the whole class.',
  })
  subgroup!: TeachingSubgroupDto | null;

  @ApiProperty({ type: ClassPersonDto, description: 'The teacher whose plan it is.' })
  teacher!: ClassPersonDto;

  @ApiProperty({ minimum: 1, example: 34 })
  topicCount!: number;

  @ApiProperty({ description: 'The sum of the topics’ hours.', minimum: 1, example: 68 })
  totalHours!: number;

  /** Needs subject, subgroup and teacher loaded. */
  static from(plan: ThematicPlan, topicCount: number, totalHours: number): ThematicPlanSummaryDto {
    return {
      id: plan.id,
      classId: plan.schoolClass.id,
      subject: { id: plan.subject.id, name: plan.subject.name },
      subgroup: plan.subgroup ? { id: plan.subgroup.id, name: plan.subgroup.name } : null,
      teacher: ClassPersonDto.from(plan.teacher),
      topicCount,
      totalHours,
    };
  }
}

export class ThematicPlanListDto {
  @ApiProperty({
    type: [ThematicPlanSummaryDto],
    description: 'Ordered by subject name, then subgroup (the whole class first).',
  })
  items!: ThematicPlanSummaryDto[];
}

/** A calendar-thematic plan (КТП) with its ordered topics. */
export class ThematicPlanDto extends ThematicPlanSummaryDto {
  @ApiProperty({ type: [PlanTopicDto], description: 'Ordered by position.' })
  topics!: PlanTopicDto[];
}

export class SuggestedTopicDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The plan of the lesson’s class, subject and subgroup; null when there is none.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e61',
  })
  planId!: string | null;

  @ApiProperty({
    type: PlanTopicDto,
    nullable: true,
    description:
      'The first topic (by position) that other lessons have not yet used up: its `deliveredHours` counts the linked, not cancelled lessons other than this one, so it is below `hours`. Null when there is no plan or every topic is delivered.',
  })
  topic!: PlanTopicDto | null;
}

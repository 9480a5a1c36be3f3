import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ClassSubjectDto } from '../../reference-data/dto/subject.dto';
import { IsHalfHourStep } from '../../curriculum/dto/half-hours';
import type { TeachingAssignment } from '../entities/teaching-assignment.entity';
import { ClassPersonDto } from './class.dto';

export class TeachingSubgroupDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e01' })
  id!: string;

  @ApiProperty({ example: 'Английский язык, 1 группа' })
  name!: string;
}

export class TeachingAssignmentDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4f01' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c01' })
  classId!: string;

  @ApiProperty({ type: ClassSubjectDto })
  subject!: ClassSubjectDto;

  @ApiProperty({ type: ClassPersonDto })
  teacher!: ClassPersonDto;

  @ApiProperty({
    type: TeachingSubgroupDto,
    nullable: true,
    description: 'The subgroup taught; null when the teacher teaches the whole class.',
  })
  subgroup!: TeachingSubgroupDto | null;

  @ApiProperty({
    description: 'Weekly hours of this assignment: the teacher’s load (O5).',
    minimum: 0,
    maximum: 40,
    multipleOf: 0.5,
    example: 5,
  })
  hoursPerWeek!: number;

  /** Needs subject, teacher and subgroup loaded. */
  static from(assignment: TeachingAssignment): TeachingAssignmentDto {
    return {
      id: assignment.id,
      classId: assignment.schoolClass.id,
      subject: { id: assignment.subject.id, name: assignment.subject.name },
      teacher: ClassPersonDto.from(assignment.teacher),
      subgroup: assignment.subgroup
        ? { id: assignment.subgroup.id, name: assignment.subgroup.name }
        : null,
      hoursPerWeek: assignment.hoursPerWeek,
    };
  }
}

export class TeachingAssignmentListDto {
  @ApiProperty({ type: [TeachingAssignmentDto], description: 'Ordered by subject name.' })
  items!: TeachingAssignmentDto[];
}

export class CreateTeachingAssignmentDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4d01' })
  @IsUUID()
  subjectId!: string;

  @ApiProperty({
    format: 'uuid',
    description: 'A staff member (person of kind `staff`) of the school.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10',
  })
  @IsUUID()
  teacherId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A subgroup of this class’s split for the subject; omit for the whole class.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e01',
  })
  @IsOptional()
  @IsUUID()
  subgroupId?: string;

  @ApiPropertyOptional({
    description:
      'Weekly hours, 0 to 40 in steps of 0.5. Default: the hours of the subject in the curriculum of the class’s grade and year (a subgroup’s teacher teaches them all), or 0 when it has no line.',
    minimum: 0,
    maximum: 40,
    multipleOf: 0.5,
    example: 5,
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(40)
  @IsHalfHourStep()
  hoursPerWeek?: number;
}

export class UpdateTeachingAssignmentDto {
  @ApiProperty({
    description: 'Weekly hours, 0 to 40 in steps of 0.5.',
    minimum: 0,
    maximum: 40,
    multipleOf: 0.5,
    example: 4.5,
  })
  @IsNumber()
  @Min(0)
  @Max(40)
  @IsHalfHourStep()
  hoursPerWeek!: number;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { ClassPersonDto } from '../../classes/dto/class.dto';
import { TeachingSubgroupDto } from '../../classes/dto/teaching-assignment.dto';
import { ClassSubjectDto } from '../../reference-data/dto/subject.dto';

export class TeacherLoadQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Default: the school’s academic year running today.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4a01',
  })
  @IsOptional()
  @IsUUID()
  academicYearId?: string;
}

export class TeacherLoadAssignmentDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The teaching assignment.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4f01',
  })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4c01' })
  classId!: string;

  @ApiProperty({ example: '7Б' })
  className!: string;

  @ApiProperty({ type: ClassSubjectDto })
  subject!: ClassSubjectDto;

  @ApiProperty({
    type: TeachingSubgroupDto,
    nullable: true,
    description: 'The subgroup taught; null for the whole class.',
  })
  subgroup!: TeachingSubgroupDto | null;

  @ApiProperty({ example: 5 })
  hoursPerWeek!: number;

  @ApiProperty({
    description:
      'School days of the class’s grade in the year (working weekdays outside its holidays) divided by the days of the school week, to one decimal.',
    example: 33.8,
  })
  studyWeeks!: number;

  @ApiProperty({ description: 'hoursPerWeek × studyWeeks, to a whole hour.', example: 169 })
  hoursPerYear!: number;
}

export class TeacherLoadDto {
  @ApiProperty({ type: ClassPersonDto })
  teacher!: ClassPersonDto;

  @ApiProperty({ description: 'Sum of the assignments’ weekly hours.', example: 18 })
  hoursPerWeek!: number;

  @ApiProperty({ description: 'Sum of the assignments’ hours a year.', example: 608 })
  hoursPerYear!: number;

  @ApiProperty({
    type: [TeacherLoadAssignmentDto],
    description: 'Ordered by class (grade, letter), subject name, subgroup.',
  })
  assignments!: TeacherLoadAssignmentDto[];
}

export class TeacherLoadListDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4a01' })
  academicYearId!: string;

  @ApiProperty({
    type: [TeacherLoadDto],
    description: 'Teachers with an assignment in the year, ordered by name.',
  })
  items!: TeacherLoadDto[];
}

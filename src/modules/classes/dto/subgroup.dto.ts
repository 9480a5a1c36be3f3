import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';
import { ClassPersonDto } from './class.dto';
import { ClassSubjectDto } from '../../reference-data/dto/subject.dto';

export const MIN_SUBGROUPS = 2;
export const MAX_SUBGROUPS = 6;

export class SubgroupDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e01' })
  id!: string;

  @ApiProperty({ example: 'Английский язык, 1 группа' })
  name!: string;

  @ApiProperty({ description: '1 for the first subgroup of the split.', example: 1 })
  position!: number;

  @ApiProperty({
    type: [ClassPersonDto],
    description: 'Its current students (enrolled in the class today), ordered by name.',
  })
  students!: ClassPersonDto[];
}

export class SubgroupSplitDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e00' })
  id!: string;

  @ApiProperty({ type: ClassSubjectDto })
  subject!: ClassSubjectDto;

  @ApiProperty({ type: [SubgroupDto] })
  subgroups!: SubgroupDto[];

  @ApiProperty({
    type: [ClassPersonDto],
    description:
      'Current students of the class in no subgroup of this split, e.g. who arrived after it was made.',
  })
  unassignedStudents!: ClassPersonDto[];

  @ApiProperty({ description: 'True when every current student is in a subgroup.', example: true })
  complete!: boolean;
}

export class SubgroupSplitListDto {
  @ApiProperty({ type: [SubgroupSplitDto], description: 'Ordered by subject name.' })
  items!: SubgroupSplitDto[];
}

export class SubgroupInputDto {
  @ApiProperty({ example: 'Английский язык, 1 группа', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Students of the class in this subgroup.',
    example: ['0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b21', '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b22'],
  })
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  studentIds!: string[];
}

export class ReplaceSubgroupSplitDto {
  @ApiProperty({
    type: [SubgroupInputDto],
    minItems: MIN_SUBGROUPS,
    maxItems: MAX_SUBGROUPS,
    description:
      'The subgroups in order; every current student of the class must be in exactly one of them.',
  })
  @IsArray()
  @ArrayMinSize(MIN_SUBGROUPS)
  @ArrayMaxSize(MAX_SUBGROUPS)
  @ValidateNested({ each: true })
  @Type(() => SubgroupInputDto)
  subgroups!: SubgroupInputDto[];
}

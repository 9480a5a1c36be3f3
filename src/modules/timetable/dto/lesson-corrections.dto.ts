import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsDateOnly } from '../../../core/http/dates';

export class SubstitutionInputDto {
  @ApiProperty({
    format: 'uuid',
    description: 'A member of staff of the school other than the lesson’s own teacher.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b11',
  })
  @IsUUID()
  teacherId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'Another room for this date; the lesson keeps its room when omitted.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e72',
  })
  @IsOptional()
  @IsUUID()
  roomId?: string | null;
}

export class CancelLessonDto {
  @ApiProperty({ maxLength: 500, example: 'Карантин по гриппу' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class CreateManualLessonDto {
  @ApiProperty({
    format: 'date',
    description: 'A school day of a study period of the class’s grade (not a holiday).',
    example: '2026-11-28',
  })
  @IsDateOnly()
  date!: string;

  @ApiProperty({
    minimum: 0,
    maximum: 12,
    description: 'A lesson number of the school’s bell schedule.',
    example: 5,
  })
  @IsInt()
  @Min(0)
  @Max(12)
  lessonNumber!: number;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4d01' })
  @IsUUID()
  subjectId!: string;

  @ApiProperty({
    format: 'uuid',
    description:
      'A member of staff with a teaching assignment for this class and subject (and subgroup).',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b10',
  })
  @IsUUID()
  teacherId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e71',
  })
  @IsOptional()
  @IsUUID()
  roomId?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'A subgroup of the class’s split for the subject; omit for the whole class.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4e01',
  })
  @IsOptional()
  @IsUUID()
  subgroupId?: string | null;
}

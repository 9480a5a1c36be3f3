import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsDateOnly } from '../../../core/http/dates';
import { LessonSlotInputDto } from './timetable.dto';

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

export class CreateManualLessonDto extends LessonSlotInputDto {
  @ApiProperty({
    format: 'date',
    description: 'A school day of a study period of the class’s grade (not a holiday).',
    example: '2026-11-28',
  })
  @IsDateOnly()
  date!: string;
}

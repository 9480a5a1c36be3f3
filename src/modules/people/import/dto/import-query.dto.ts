import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { IsDateOnly } from '../../../../core/http/dates';

export class ImportClassListQueryDto {
  @ApiProperty({
    description:
      'true: only check the file and show what would be done, writing nothing; false: import. Required, so that nothing is imported by accident.',
    example: true,
  })
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  dryRun!: boolean;

  @ApiPropertyOptional({
    description:
      'First day in the class of the students enrolled by this import; by default the later of the academic year’s start and today (never after the year’s end). Must be within the academic year.',
    format: 'date',
    example: '2026-09-01',
  })
  @IsOptional()
  @IsDateOnly()
  enrolledOn?: string;
}

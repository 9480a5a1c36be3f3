import { ApiProperty } from '@nestjs/swagger';
import { ProblemDto } from '../../../../core/http/problem.dto';
import { ImportCellErrorDto } from '../../../people/import/dto/import-result.dto';
import { MAX_TOPIC_HOURS, ThematicPlanDto } from './thematic-plan.dto';

/** One data row of a thematic plan file, as read. */
export class PlanImportRowDto {
  @ApiProperty({ description: 'The row’s number in the sheet; the header is row 1.', example: 2 })
  row!: number;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      'The topic’s position in the plan: by the «№» column when the file has one, otherwise by row order. Null for a row with errors.',
    example: 1,
  })
  position!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'Строение клетки' })
  title!: string | null;

  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: MAX_TOPIC_HOURS, example: 2 })
  hours!: number | null;

  @ApiProperty({ type: [ImportCellErrorDto], description: 'Empty when the row can be imported.' })
  errors!: ImportCellErrorDto[];
}

export class PlanImportSummaryDto {
  @ApiProperty({ description: 'Data rows read (empty rows are skipped).', example: 34 })
  rows!: number;

  @ApiProperty({ description: 'Rows with at least one error.', example: 0 })
  errors!: number;

  @ApiProperty({ description: 'The sum of the hours of the rows without errors.', example: 68 })
  totalHours!: number;
}

export class PlanImportResultDto {
  @ApiProperty({ example: true })
  dryRun!: boolean;

  @ApiProperty({ type: [PlanImportRowDto], description: 'Every data row, in file order.' })
  rows!: PlanImportRowDto[];

  @ApiProperty({ type: PlanImportSummaryDto })
  summary!: PlanImportSummaryDto;

  @ApiProperty({
    type: ThematicPlanDto,
    nullable: true,
    description: 'The plan as saved; null on a dry run.',
  })
  plan!: ThematicPlanDto | null;
}

/** The 422 answer of a real run refused for errors in the file. */
export class PlanImportRejectedProblemDto extends ProblemDto {
  @ApiProperty({ type: [PlanImportRowDto], description: 'The rows with errors.' })
  rows!: PlanImportRowDto[];
}

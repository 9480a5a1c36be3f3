import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RELATIONS, type Relation } from '../../entities/guardianship.entity';
import { ProblemDto } from '../../../../core/http/problem.dto';

export const IMPORT_ACTIONS = ['create', 'match'] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];

export const ENROLLMENT_ACTIONS = ['create', 'already-enrolled'] as const;
export type EnrollmentAction = (typeof ENROLLMENT_ACTIONS)[number];

export class ImportCellErrorDto {
  @ApiProperty({
    description: 'The column’s header, e.g. «Родитель 1 Телефон»; «*» for the row as a whole.',
    example: 'Дата рождения',
  })
  column!: string;

  @ApiProperty({ example: 'дата должна быть в виде ДД.ММ.ГГГГ' })
  message!: string;
}

export class ImportPersonDto {
  @ApiProperty({
    enum: IMPORT_ACTIONS,
    description: '`create`: a new card; `match`: an existing card (or one made by an earlier row).',
    example: 'create',
  })
  action!: ImportAction;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The card’s id; absent for a card a dry run would create.',
    example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b5a',
  })
  personId?: string;

  @ApiProperty({ example: 'Иванов Пётр Сергеевич' })
  fullName!: string;
}

export class ImportParentDto extends ImportPersonDto {
  @ApiProperty({ enum: RELATIONS, example: 'mother' })
  relation!: Relation;
}

export class ImportRowDto {
  @ApiProperty({ description: 'The row’s number in the sheet; the header is row 1.', example: 2 })
  row!: number;

  @ApiProperty({ type: ImportPersonDto })
  student!: ImportPersonDto;

  @ApiProperty({ type: [ImportParentDto] })
  parents!: ImportParentDto[];

  @ApiProperty({ enum: ENROLLMENT_ACTIONS, example: 'create' })
  enrollment!: EnrollmentAction;

  @ApiProperty({ type: [ImportCellErrorDto], description: 'Empty when the row can be imported.' })
  errors!: ImportCellErrorDto[];
}

export class ImportSummaryDto {
  @ApiProperty({ description: 'Data rows read (empty rows are skipped).', example: 25 })
  rows!: number;

  @ApiProperty({ description: 'Rows with at least one error.', example: 0 })
  errors!: number;

  @ApiProperty({ example: 24 })
  studentsCreated!: number;

  @ApiProperty({ example: 1 })
  studentsMatched!: number;

  @ApiProperty({ example: 40 })
  parentsCreated!: number;

  @ApiProperty({ example: 2 })
  parentsMatched!: number;

  @ApiProperty({ example: 24 })
  enrollmentsCreated!: number;
}

export class ImportResultDto {
  @ApiProperty({ example: true })
  dryRun!: boolean;

  @ApiProperty({ type: [ImportRowDto] })
  rows!: ImportRowDto[];

  @ApiProperty({ type: ImportSummaryDto })
  summary!: ImportSummaryDto;
}

/** The 422 answer of a real run refused for errors in the file. */
export class ImportRejectedProblemDto extends ProblemDto {
  @ApiProperty({ type: [ImportRowDto], description: 'The rows with errors.' })
  rows!: ImportRowDto[];
}

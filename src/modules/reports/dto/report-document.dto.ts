import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ColumnKind } from '../render/report-document';

/** A cell: text, a number, or null for an empty one. */
const CELL = { anyOf: [{ type: 'string', nullable: true }, { type: 'number' }] };

export class ReportColumnDto {
  @ApiProperty({ description: 'Key of the value in each row.', example: 'successRate' })
  key!: string;

  @ApiProperty({ example: 'Успеваемость, %' })
  title!: string;

  @ApiProperty({
    enum: ['text', 'number', 'percent', 'decimal'],
    example: 'percent',
    description: '`percent`: 0–100 with one decimal; `decimal`: two decimals.',
  })
  kind!: ColumnKind;
}

export class ReportTableDto {
  @ApiPropertyOptional({ example: 'По предметам' })
  title?: string;

  @ApiProperty({ type: ReportColumnDto, isArray: true })
  columns!: ReportColumnDto[];

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: CELL },
    example: [{ subject: 'Математика', successRate: 75, qualityRate: 50 }],
  })
  rows!: Record<string, string | number | null>[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: CELL,
    example: { subject: 'По классу', successRate: 75 },
  })
  totals?: Record<string, string | number | null>;
}

/** A report in `json` format: what a front end renders. */
export class ReportDocumentDto {
  @ApiProperty({ example: 'Итоги успеваемости класса: 1 четверть' })
  title!: string;

  @ApiProperty({ type: [String], example: ['МБОУ СОШ № 1', 'Класс: 7А'] })
  subtitle!: string[];

  @ApiProperty({ type: ReportTableDto, isArray: true })
  tables!: ReportTableDto[];

  @ApiPropertyOptional({ type: [String], example: ['Б — болезнь, У — уважительная причина.'] })
  notes?: string[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { OptionalNotNull } from '../../../core/http/validation';
import type { ReferenceItem } from '../entities/reference-item';

/** Fields every reference item shows. */
export abstract class ReferenceItemDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b60' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b5a' })
  schoolId!: string;

  @ApiProperty({
    description: 'Archived items stay on old lessons and marks but are not offered.',
    example: false,
  })
  archived!: boolean;

  @ApiProperty({ format: 'date-time', example: '2026-09-01T00:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-09-01T00:00:00.000Z' })
  updatedAt!: string;

  static base(item: ReferenceItem) {
    return {
      id: item.id,
      schoolId: item.schoolId,
      name: item.name,
      archived: item.archived,
      createdAt: item.createdAt.toISOString(),
      updatedAt: item.updatedAt.toISOString(),
    };
  }
}

export class ListReferenceItemsQueryDto {
  @ApiPropertyOptional({
    description: 'true: only archived items; false (the default): only active ones.',
    default: false,
    example: false,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  archived?: boolean;
}

/** The `archived` switch of every reference PATCH. */
export abstract class ArchiveFieldDto {
  @ApiPropertyOptional({
    description: 'true archives the item, false brings it back.',
    example: true,
  })
  @OptionalNotNull()
  @IsBoolean()
  archived?: boolean;
}

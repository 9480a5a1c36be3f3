import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import type { Region } from '../entities/region.entity';

export class RegionDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-000000000001' })
  id!: string;

  @ApiProperty({ example: 'Демонстрационный регион' })
  name!: string;

  @ApiProperty({ example: 'demo' })
  code!: string;

  @ApiProperty({ format: 'date-time', example: '2026-09-01T00:00:00.000Z' })
  createdAt!: string;

  static from(region: Region): RegionDto {
    return {
      id: region.id,
      name: region.name,
      code: region.code,
      createdAt: region.createdAt.toISOString(),
    };
  }
}

export class CreateRegionDto {
  @ApiProperty({ example: 'Демонстрационный регион', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: 'Lower-case letters, digits and dashes.', example: 'demo' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,31}$/, {
    message: 'code must be 1–32 lower-case letters, digits or dashes',
  })
  code!: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, registerDecorator } from 'class-validator';
import { describeValidator } from '../../http/openapi-constraints';
import { PageQueryDto } from '../../http/pagination';
import { OptionalNotNull } from '../../http/validation';
import type { School } from '../entities/school.entity';

function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

// IANA names cannot be listed in a schema; the pattern states their shape (none is longer).
describeValidator('isTimeZone', {
  type: 'string',
  pattern: '^[A-Za-z][A-Za-z0-9_+/-]*$',
  maxLength: 64,
});

/** An IANA time zone name such as `Europe/Moscow`. */
function IsTimeZone(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: isTimeZone,
        defaultMessage: () =>
          `${String(propertyName)} must be an IANA time zone such as Europe/Moscow`,
      },
    });
}

export class SchoolDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-1f0e2d3c4b5a' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-000000000001' })
  regionId!: string;

  @ApiProperty({
    example: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»',
  })
  name!: string;

  @ApiProperty({ example: 'МБОУ СОШ № 1' })
  shortName!: string;

  @ApiProperty({ example: 'Europe/Moscow' })
  timeZone!: string;

  @ApiProperty({ enum: [5, 6], example: 5, description: 'A five- or six-day school week.' })
  weekDays!: number;

  @ApiProperty({ format: 'date-time', example: '2026-09-01T00:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-09-01T00:00:00.000Z' })
  updatedAt!: string;

  static from(school: School): SchoolDto {
    return {
      id: school.id,
      regionId: school.regionId,
      name: school.name,
      shortName: school.shortName,
      timeZone: school.timeZone,
      weekDays: school.weekDays,
      createdAt: school.createdAt.toISOString(),
      updatedAt: school.updatedAt.toISOString(),
    };
  }
}

export class CreateSchoolDto {
  @ApiProperty({ format: 'uuid', example: '0193a1f2-7c1d-7b43-9c55-000000000001' })
  @IsUUID()
  regionId!: string;

  @ApiProperty({
    example: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»',
    maxLength: 500,
  })
  @IsString()
  @Length(1, 500)
  name!: string;

  @ApiProperty({ example: 'МБОУ СОШ № 1', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  shortName!: string;

  // No `default` here: UpdateSchoolDto inherits this metadata, where a default would claim
  // that an omitted time zone is reset, and openapi-typescript types such a field as required.
  @ApiPropertyOptional({
    example: 'Europe/Moscow',
    description: 'IANA time zone of the school; a new school gets Europe/Moscow unless given.',
  })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}

export class UpdateSchoolDto {
  @ApiPropertyOptional({
    example: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»',
    maxLength: 500,
  })
  @OptionalNotNull()
  @IsString()
  @Length(1, 500)
  name?: string;

  @ApiPropertyOptional({ example: 'МБОУ СОШ № 1', maxLength: 100 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 100)
  shortName?: string;

  @ApiPropertyOptional({ example: 'Europe/Samara' })
  @OptionalNotNull()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ enum: [5, 6], example: 6, description: 'A five- or six-day school week.' })
  @OptionalNotNull()
  @IsIn([5, 6])
  weekDays?: number;
}

export class ListSchoolsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only schools of this region.' })
  @IsOptional()
  @IsUUID()
  regionId?: string;
}
